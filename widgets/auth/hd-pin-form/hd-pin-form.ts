import { html } from "lit";
import { define } from "../../shared/define.js";
import { FormElement, type DisplayError, type FieldMap } from "../../shared/form-element.js";
import { submitButton, textField } from "../../shared/form-field.js";
import { t } from "../../shared/i18n/index.js";
import { styles } from "./hd-pin-form.styles.js";

/** Fired with the 6 digits (spaces removed) when the form is submitted and valid. */
export class HdPinSubmitEvent extends Event {
  static readonly eventName = "hd-pin-submit";
  constructor(readonly pin: string) {
    super(HdPinSubmitEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary "Koppeling eHerkenning bevestigen": the PIN from the e-mail (6 digits, `inputmode=numeric`,
 * `autocomplete=one-time-code` so phones offer the code), and a way back to the koppelpagina.
 *
 * @event hd-pin-submit - {@link HdPinSubmitEvent} with the PIN for `POST /api/v1/auth/link/confirm`.
 */
export class HdPinForm extends FormElement {
  static override styles = styles;
  static override properties = {
    ...FormElement.properties,
    emailMasked: { type: String, attribute: "email-masked" },
    restartHref: { type: String, attribute: "restart-href" },
    pin: { state: true },
  };

  /** Where the mail went (`j***@school.nl`), if known. */
  declare emailMasked: string;
  /** Link to start linking again; default `/koppelen?opnieuw=1`. */
  declare restartHref: string;
  declare pin: string;

  constructor() {
    super();
    this.emailMasked = "";
    this.restartHref = "/koppelen?opnieuw=1";
    this.pin = "";
  }

  protected override fields(): FieldMap {
    return { pin: { inputId: "hd-pin", label: t("pin.label") } };
  }

  protected override validate(): Record<string, string> {
    const pin = this.pin.replace(/\s/g, "");
    if (!pin) return { pin: "required" };
    return /^\d{6}$/.test(pin) ? {} : { pin: "invalid_pin" };
  }

  protected override submitValid(): void {
    this.dispatchEvent(new HdPinSubmitEvent(this.pin.replace(/\s/g, "")));
  }

  protected override showsErrorInSummary(error: DisplayError): boolean {
    return error.id !== "account_blocked";
  }

  protected override render() {
    return html`
      <p class="utrecht-paragraph">
        ${this.emailMasked ? t("pin.introTo", { email: this.emailMasked }) : t("pin.intro")}
      </p>
      ${this.renderSummary()}
      <form class="utrecht-form" novalidate @submit=${this.onSubmit}>
        ${textField({
          id: "hd-pin",
          name: "pin",
          label: t("pin.label"),
          autocomplete: "one-time-code",
          inputmode: "numeric",
          required: true,
          maxlength: 7,
          inputClass: "utrecht-textbox--numeric hd-pin-form__pin",
          hint: t("pin.hint"),
          value: this.pin,
          error: this.fieldError("pin"),
          onInput: (v) => (this.pin = v),
        })}
        ${submitButton(t("pin.submit"), this.busy, t("common.busy"))}
      </form>
      <p class="utrecht-paragraph hd-pin-form__restart">
        <a class="utrecht-link utrecht-link--html-a" href=${this.restartHref}>${t("pin.restart")}</a>
      </p>
    `;
  }
}

define("hd-pin-form", HdPinForm);

declare global {
  interface HTMLElementTagNameMap {
    "hd-pin-form": HdPinForm;
  }
  interface HTMLElementEventMap {
    "hd-pin-submit": HdPinSubmitEvent;
  }
}
