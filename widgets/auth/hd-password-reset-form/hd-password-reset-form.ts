import { html } from "lit";
import { PASSWORD_RULES } from "../../../server/src/contracts/api/auth.js";
import { define } from "../../shared/define.js";
import { FormElement, type FieldMap } from "../../shared/form-element.js";
import { submitButton, textField } from "../../shared/form-field.js";
import { t } from "../../shared/i18n/index.js";
import { styles } from "./hd-password-reset-form.styles.js";

/** Fired with the new password when both fields agree and meet the rules. */
export class HdPasswordResetSubmitEvent extends Event {
  static readonly eventName = "hd-password-reset-submit";
  constructor(readonly password: string) {
    super(HdPasswordResetSubmitEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary "Nieuw wachtwoord instellen": the rules up front, the new password twice, checked before sending
 * (length, the username in it, the two equal); the server checks the same again.
 *
 * @event hd-password-reset-submit - {@link HdPasswordResetSubmitEvent}.
 */
export class HdPasswordResetForm extends FormElement {
  static override styles = styles;
  static override properties = {
    ...FormElement.properties,
    username: { type: String },
    password: { state: true },
    repeat: { state: true },
  };

  /** The account's username (the password may not contain it). */
  declare username: string;
  declare password: string;
  declare repeat: string;

  constructor() {
    super();
    this.username = "";
    this.password = "";
    this.repeat = "";
  }

  protected override fields(): FieldMap {
    return {
      password: { inputId: "hd-reset-password", label: t("reset.password") },
      repeat: { inputId: "hd-reset-repeat", label: t("reset.repeat") },
    };
  }

  protected override validate(): Record<string, string> {
    const problems: Record<string, string> = {};
    if (!this.password) problems.password = "required";
    else if (this.password.length < PASSWORD_RULES.minLength) problems.password = "password_too_short";
    else if (this.password.length > PASSWORD_RULES.maxLength) problems.password = "too_long";
    else if (this.username && this.password.toLowerCase().includes(this.username.toLowerCase())) problems.password = "password_contains_username";
    if (!this.repeat) problems.repeat = "required";
    else if (this.repeat !== this.password) problems.repeat = "passwords_differ";
    return problems;
  }

  protected override submitValid(): void {
    this.dispatchEvent(new HdPasswordResetSubmitEvent(this.password));
  }

  protected override render() {
    return html`
      <div class="hd-reset__rules" id="hd-reset-rules">
        <p class="utrecht-paragraph">${t("reset.rulesHeading")}</p>
        <ul class="utrecht-unordered-list">
          <li class="utrecht-unordered-list__item">${t("reset.ruleLength")}</li>
          <li class="utrecht-unordered-list__item">${t("reset.ruleUsername")}</li>
          <li class="utrecht-unordered-list__item">${t("reset.ruleOwn")}</li>
        </ul>
      </div>
      ${this.renderSummary()}
      <form class="utrecht-form" novalidate @submit=${this.onSubmit}>
        <input type="text" name="username" autocomplete="username" .value=${this.username} hidden aria-hidden="true" tabindex="-1" />
        ${textField({
          id: "hd-reset-password",
          name: "password",
          type: "password",
          label: t("reset.password"),
          autocomplete: "new-password",
          required: true,
          maxlength: PASSWORD_RULES.maxLength,
          value: this.password,
          error: this.fieldError("password"),
          onInput: (v) => (this.password = v),
        })}
        ${textField({
          id: "hd-reset-repeat",
          name: "repeat",
          type: "password",
          label: t("reset.repeat"),
          autocomplete: "new-password",
          required: true,
          maxlength: PASSWORD_RULES.maxLength,
          value: this.repeat,
          error: this.fieldError("repeat"),
          onInput: (v) => (this.repeat = v),
        })}
        ${submitButton(t("reset.submit"), this.busy, t("common.busy"))}
      </form>
    `;
  }
}

define("hd-password-reset-form", HdPasswordResetForm);

declare global {
  interface HTMLElementTagNameMap {
    "hd-password-reset-form": HdPasswordResetForm;
  }
  interface HTMLElementEventMap {
    "hd-password-reset-submit": HdPasswordResetSubmitEvent;
  }
}
