import { html, type PropertyValues } from "lit";
import { define } from "../../shared/define.js";
import { FormElement, type FieldMap } from "../../shared/form-element.js";
import { submitButton, textField } from "../../shared/form-field.js";
import { t } from "../../shared/i18n/index.js";
import { styles } from "./hd-password-forgotten-form.styles.js";

/** Fired with the username when the form is submitted and valid. */
export class HdPasswordForgottenSubmitEvent extends Event {
  static readonly eventName = "hd-password-forgotten-submit";
  constructor(readonly username: string) {
    super(HdPasswordForgottenSubmitEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary "Wachtwoord vergeten": asks for the username and, once sent (`done`), confirms that the reset mail
 * goes to the gemachtigde of the school, not to the person asking.
 *
 * @event hd-password-forgotten-submit - {@link HdPasswordForgottenSubmitEvent}.
 */
export class HdPasswordForgottenForm extends FormElement {
  static override styles = styles;
  static override properties = {
    ...FormElement.properties,
    done: { type: Boolean },
    backHref: { type: String, attribute: "back-href" },
    username: { state: true },
  };

  /** The request was accepted: show the confirmation instead of the form. */
  declare done: boolean;
  /** "Terug naar koppelen"; default `/koppelen`. */
  declare backHref: string;
  declare username: string;

  constructor() {
    super();
    this.done = false;
    this.backHref = "/koppelen";
    this.username = "";
  }

  protected override fields(): FieldMap {
    return { username: { inputId: "hd-forgotten-username", label: t("forgotten.username") } };
  }

  protected override validate(): Record<string, string> {
    return this.username.trim() ? {} : { username: "required" };
  }

  protected override submitValid(): void {
    this.dispatchEvent(new HdPasswordForgottenSubmitEvent(this.username.trim()));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has("done") && this.done) this.querySelector<HTMLElement>(".hd-forgotten__done")?.focus();
  }

  protected override render() {
    const back = html`<p class="utrecht-paragraph">
      <a class="utrecht-link utrecht-link--html-a" href=${this.backHref}>${t("forgotten.backToLink")}</a>
    </p>`;
    if (this.done) {
      return html`
        <div class="utrecht-alert utrecht-alert--ok hd-forgotten__done" role="status" tabindex="-1">
          <div class="utrecht-alert__content">
            <div class="utrecht-alert__message">
              <p class="utrecht-paragraph"><strong>${t("forgotten.doneTitle")}</strong></p>
              <p class="utrecht-paragraph">${t("forgotten.done")}</p>
            </div>
          </div>
        </div>
        ${back}
      `;
    }
    return html`
      <p class="utrecht-paragraph">${t("forgotten.intro")}</p>
      ${this.renderSummary()}
      <form class="utrecht-form" novalidate @submit=${this.onSubmit}>
        ${textField({
          id: "hd-forgotten-username",
          name: "username",
          label: t("forgotten.username"),
          autocomplete: "username",
          required: true,
          maxlength: 100,
          value: this.username,
          error: this.fieldError("username"),
          onInput: (v) => (this.username = v),
        })}
        ${submitButton(t("forgotten.submit"), this.busy, t("common.busy"))}
      </form>
      ${back}
    `;
  }
}

define("hd-password-forgotten-form", HdPasswordForgottenForm);

declare global {
  interface HTMLElementTagNameMap {
    "hd-password-forgotten-form": HdPasswordForgottenForm;
  }
  interface HTMLElementEventMap {
    "hd-password-forgotten-submit": HdPasswordForgottenSubmitEvent;
  }
}
