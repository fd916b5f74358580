import { html, nothing } from "lit";
import type { LinkRequest } from "../../../server/src/contracts/api/auth.js";
import { define } from "../../shared/define.js";
import { FormElement, type DisplayError, type FieldMap } from "../../shared/form-element.js";
import { submitButton, textField } from "../../shared/form-field.js";
import { t } from "../../shared/i18n/index.js";
import { isSharedEmailAddress, looksLikeEmail } from "../../shared/shared-email.js";
import { styles } from "./hd-link-form.styles.js";

/** How the person proves they own the account. */
export type LinkVariant = LinkRequest["variant"];

/** Fired with a complete link request when the form is submitted and valid. */
export class HdLinkSubmitEvent extends Event {
  static readonly eventName = "hd-link-submit";
  constructor(readonly request: LinkRequest) {
    super(HdLinkSubmitEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Fired when the person switches between username/password and activation code. */
export class HdLinkVariantChangeEvent extends Event {
  static readonly eventName = "hd-link-variant-change";
  constructor(readonly variant: LinkVariant) {
    super(HdLinkVariantChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary The koppelpagina form, in the two variants of seed 002: e-mail + gebruikersnaam + wachtwoord (with
 * "Wachtwoord vergeten?"), or e-mail + activatiecode ("Gebruik dan uw activatiecode."). Warns while typing
 * when the address looks shared (info@, administratie@); after the server answers `shared_email_address` it
 * asks for an explicit confirmation and sends `acceptSharedEmail: true` on the next submit.
 *
 * @event hd-link-submit - {@link HdLinkSubmitEvent} with the request body for `POST /api/v1/auth/link`.
 * @event hd-link-variant-change - {@link HdLinkVariantChangeEvent} after switching variant.
 */
export class HdLinkForm extends FormElement {
  static override styles = styles;
  static override properties = {
    ...FormElement.properties,
    variant: { type: String, reflect: true },
    forgottenHref: { type: String, attribute: "forgotten-href" },
    helpdeskEmail: { type: String, attribute: "helpdesk-email" },
    email: { state: true },
    username: { state: true },
    password: { state: true },
    activationCode: { state: true },
    acceptShared: { state: true },
  };

  /** `password` (default) or `activation`. */
  declare variant: LinkVariant;
  /** Target of "Wachtwoord vergeten?"; default `/wachtwoord-vergeten`. */
  declare forgottenHref: string;
  /** Helpdesk address for a lost or missing activation code. */
  declare helpdeskEmail: string;
  declare email: string;
  declare username: string;
  declare password: string;
  declare activationCode: string;
  declare acceptShared: boolean;

  constructor() {
    super();
    this.variant = "password";
    this.forgottenHref = "/wachtwoord-vergeten";
    this.helpdeskEmail = "";
    this.email = "";
    this.username = "";
    this.password = "";
    this.activationCode = "";
    this.acceptShared = false;
  }

  protected override fields(): FieldMap {
    return {
      email: { inputId: "hd-link-email", label: t("link.email") },
      username: { inputId: "hd-link-username", label: t("link.username") },
      password: { inputId: "hd-link-password", label: t("link.password") },
      activationCode: { inputId: "hd-link-activation-code", label: t("link.activationCode") },
      acceptSharedEmail: { inputId: "hd-link-accept-shared", label: t("link.sharedConfirmCheckbox") },
    };
  }

  /** The server refused the shared address: the confirmation checkbox is shown until the address changes. */
  private get needsSharedConfirmation(): boolean {
    return this.error?.id === "shared_email_address";
  }

  protected override validate(): Record<string, string> {
    const problems: Record<string, string> = {};
    if (!this.email.trim()) problems["email"] = "required";
    else if (!looksLikeEmail(this.email)) problems["email"] = "invalid_email";
    if (this.variant === "password") {
      if (!this.username.trim()) problems["username"] = "required";
      if (!this.password) problems["password"] = "required";
    } else if (!this.activationCode.trim()) {
      problems["activationCode"] = "required";
    }
    if (this.needsSharedConfirmation && !this.acceptShared) problems["acceptSharedEmail"] = "shared_email_address";
    return problems;
  }

  protected override submitValid(): void {
    const email = this.email.trim();
    const accept = this.acceptShared ? { acceptSharedEmail: true } : {};
    const request: LinkRequest =
      this.variant === "password"
        ? { variant: "password", username: this.username.trim(), password: this.password, email, ...accept }
        : { variant: "activation", activationCode: this.activationCode.trim(), email, ...accept };
    this.dispatchEvent(new HdLinkSubmitEvent(request));
  }

  protected override showsErrorInSummary(error: DisplayError): boolean {
    // Blocked and expired codes get their own page state from the owner of the form.
    return !["account_blocked", "activation_code_expired", "activation_code_used"].includes(error.id);
  }

  private async switchVariant(variant: LinkVariant): Promise<void> {
    this.variant = variant;
    this.clientFields = {};
    this.dispatchEvent(new HdLinkVariantChangeEvent(variant));
    await this.updateComplete;
    this.querySelector<HTMLInputElement>(variant === "password" ? "#hd-link-username" : "#hd-link-activation-code")?.focus();
  }

  private onEmailInput(value: string): void {
    this.email = value;
    if (this.acceptShared) this.acceptShared = false;
  }

  private renderSharedConfirmation() {
    if (!this.needsSharedConfirmation) return nothing;
    const error = this.fieldError("acceptSharedEmail");
    return html`<div class="utrecht-alert utrecht-alert--warning hd-link-form__confirm">
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <p class="utrecht-paragraph"><strong>${t("link.sharedConfirmTitle")}</strong></p>
          <p class="utrecht-paragraph">${t("link.sharedConfirmText", { address: this.email.trim() })}</p>
          ${error
            ? html`<p class="utrecht-form-field-error-message" id="hd-link-accept-shared-error">${error}</p>`
            : nothing}
          <div class="hd-link-form__checkbox">
            <input
              class="utrecht-checkbox utrecht-checkbox--html-input"
              type="checkbox"
              id="hd-link-accept-shared"
              name="acceptSharedEmail"
              aria-describedby=${error ? "hd-link-accept-shared-error" : nothing}
              .checked=${this.acceptShared}
              @change=${(e: Event) => (this.acceptShared = (e.target as HTMLInputElement).checked)}
            />
            <label class="utrecht-form-label utrecht-form-label--checkbox" for="hd-link-accept-shared"
              >${t("link.sharedConfirmCheckbox")}</label
            >
          </div>
        </div>
      </div>
    </div>`;
  }

  /** "Geen activatiecode ontvangen of kwijt? … via <a>helpdesk</a>." with the address as a mailto link. */
  private renderNoCode() {
    const [before, after] = t("link.noActivationCode", { email: "\u0000" }).split("\u0000");
    return html`${before}<a class="utrecht-link utrecht-link--html-a" href=${`mailto:${this.helpdeskEmail}`}>${this.helpdeskEmail}</a>${after ?? ""}`;
  }

  protected override render() {
    const shared = isSharedEmailAddress(this.email);
    const password = this.variant === "password";
    return html`
      ${this.renderSummary()}
      <form class="utrecht-form hd-link-form" novalidate @submit=${this.onSubmit}>
        ${textField({
          id: "hd-link-email",
          name: "email",
          label: t("link.email"),
          type: "email",
          autocomplete: "email",
          required: true,
          maxlength: 254,
          hint: t("link.emailHint"),
          value: this.email,
          error: this.fieldError("email"),
          warning: shared && !this.needsSharedConfirmation ? t("link.sharedWarning", { address: this.email.trim() }) : undefined,
          onInput: (v) => this.onEmailInput(v),
        })}
        ${this.renderSharedConfirmation()}
        ${password
          ? html`
              ${textField({
                id: "hd-link-username",
                name: "username",
                label: t("link.username"),
                autocomplete: "username",
                required: true,
                maxlength: 100,
                value: this.username,
                error: this.fieldError("username"),
                onInput: (v) => (this.username = v),
              })}
              ${textField({
                id: "hd-link-password",
                name: "password",
                label: t("link.password"),
                type: "password",
                autocomplete: "current-password",
                required: true,
                maxlength: 200,
                value: this.password,
                error: this.fieldError("password"),
                onInput: (v) => (this.password = v),
                after: html`<p class="utrecht-paragraph hd-link-form__forgotten">
                  <a class="utrecht-link utrecht-link--html-a" href=${this.forgottenHref}>${t("link.passwordForgotten")}</a>
                </p>`,
              })}
              <p class="utrecht-paragraph hd-link-form__switch">
                ${t("link.noCredentials")}
                <button type="button" class="utrecht-link-button utrecht-link-button--html-button utrecht-link-button--inline" @click=${() => this.switchVariant("activation")}>
                  ${t("link.useActivationCode")}
                </button>
              </p>
            `
          : html`
              ${textField({
                id: "hd-link-activation-code",
                name: "activationCode",
                label: t("link.activationCode"),
                autocomplete: "off",
                required: true,
                maxlength: 40,
                inputClass: "hd-link-form__code",
                hint: t("link.activationCodeHint"),
                value: this.activationCode,
                error: this.fieldError("activationCode"),
                onInput: (v) => (this.activationCode = v),
              })}
              <p class="utrecht-paragraph">${this.renderNoCode()}</p>
              <p class="utrecht-paragraph hd-link-form__switch">
                <button type="button" class="utrecht-link-button utrecht-link-button--html-button utrecht-link-button--inline" @click=${() => this.switchVariant("password")}>
                  ${t("link.useCredentials")}
                </button>
              </p>
            `}
        ${submitButton(t("link.submit"), this.busy, t("common.busy"))}
      </form>
    `;
  }
}

define("hd-link-form", HdLinkForm);

declare global {
  interface HTMLElementTagNameMap {
    "hd-link-form": HdLinkForm;
  }
  interface HTMLElementEventMap {
    "hd-link-submit": HdLinkSubmitEvent;
    "hd-link-variant-change": HdLinkVariantChangeEvent;
  }
}
