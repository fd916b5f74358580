import { html } from "lit";
import type { AgentLoginRequest } from "../../../server/src/contracts/api/auth.js";
import { define } from "../../shared/define.js";
import { FormElement, type DisplayError, type FieldMap } from "../../shared/form-element.js";
import { submitButton, textField } from "../../shared/form-field.js";
import { t } from "../../shared/i18n/index.js";
import { styles } from "./hd-agent-login-form.styles.js";

/** Fired with the credentials when the form is submitted and valid. */
export class HdAgentLoginSubmitEvent extends Event {
  static readonly eventName = "hd-agent-login-submit";
  constructor(readonly request: AgentLoginRequest) {
    super(HdAgentLoginSubmitEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary Login for helpdesk agents and supervisors: username and password (password managers recognise the
 * `username`/`current-password` pair), plus the way back to eHerkenning for schools and boards.
 *
 * @event hd-agent-login-submit - {@link HdAgentLoginSubmitEvent} for `POST /api/v1/auth/agent/login`.
 */
export class HdAgentLoginForm extends FormElement {
  static override styles = styles;
  static override properties = {
    ...FormElement.properties,
    schoolHref: { type: String, attribute: "school-href" },
    username: { state: true },
    password: { state: true },
  };

  /** Login for schools; default `/inloggen`. */
  declare schoolHref: string;
  declare username: string;
  declare password: string;

  constructor() {
    super();
    this.schoolHref = "/inloggen";
    this.username = "";
    this.password = "";
  }

  protected override fields(): FieldMap {
    return {
      username: { inputId: "hd-agent-username", label: t("agent.username") },
      password: { inputId: "hd-agent-password", label: t("agent.password") },
    };
  }

  protected override validate(): Record<string, string> {
    const problems: Record<string, string> = {};
    if (!this.username.trim()) problems["username"] = "required";
    if (!this.password) problems["password"] = "required";
    return problems;
  }

  protected override submitValid(): void {
    this.dispatchEvent(new HdAgentLoginSubmitEvent({ username: this.username.trim(), password: this.password }));
  }

  protected override showsErrorInSummary(error: DisplayError): boolean {
    return error.id !== "account_blocked";
  }

  protected override render() {
    return html`
      <p class="utrecht-paragraph">${t("agent.intro")}</p>
      ${this.renderSummary()}
      <form class="utrecht-form" novalidate @submit=${this.onSubmit}>
        ${textField({
          id: "hd-agent-username",
          name: "username",
          label: t("agent.username"),
          autocomplete: "username",
          required: true,
          maxlength: 100,
          value: this.username,
          error: this.fieldError("username"),
          onInput: (v) => (this.username = v),
        })}
        ${textField({
          id: "hd-agent-password",
          name: "password",
          label: t("agent.password"),
          type: "password",
          autocomplete: "current-password",
          required: true,
          maxlength: 200,
          value: this.password,
          error: this.fieldError("password"),
          onInput: (v) => (this.password = v),
        })}
        ${submitButton(t("agent.submit"), this.busy, t("common.busy"))}
      </form>
      <p class="utrecht-paragraph hd-agent-login__other">
        <a class="utrecht-link utrecht-link--html-a" href=${this.schoolHref}>${t("agent.schoolLink")}</a>
      </p>
    `;
  }
}

define("hd-agent-login-form", HdAgentLoginForm);

declare global {
  interface HTMLElementTagNameMap {
    "hd-agent-login-form": HdAgentLoginForm;
  }
  interface HTMLElementEventMap {
    "hd-agent-login-submit": HdAgentLoginSubmitEvent;
  }
}
