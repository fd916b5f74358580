import { html, nothing } from "lit";
import { define } from "../../shared/define.js";
import { getLocale, LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { formatBlockedUntil } from "../../shared/time-format.js";
import { styles } from "./hd-auth-state.styles.js";

/** Which dead end to explain. */
export type AuthStateKind = "blocked" | "code-expired";

/**
 * @summary A dead-end state of the identity flow, explained with what to do next: "blocked" (five wrong
 * attempts: "geblokkeerd tot HH:MM", Europe/Amsterdam time from `blockedUntil`) or "code-expired" (ask the
 * helpdesk for a new activation code). Announced as an alert; `focus()` moves focus to its heading.
 */
export class HdAuthState extends LightElement {
  static override styles = styles;
  static override properties = {
    kind: { type: String },
    blockedUntil: { type: String, attribute: "blocked-until" },
    helpdeskEmail: { type: String, attribute: "helpdesk-email" },
    backHref: { type: String, attribute: "back-href" },
  };

  declare kind: AuthStateKind;
  /** ISO timestamp when the block ends (from the error's `details.blockedUntil`). */
  declare blockedUntil: string;
  /** Helpdesk address to ask for a new activation code. */
  declare helpdeskEmail: string;
  /** Where "Terug naar inloggen" goes; default `/inloggen`. */
  declare backHref: string;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.kind = "blocked";
    this.blockedUntil = "";
    this.helpdeskEmail = "";
    this.backHref = "/inloggen";
  }

  override async focus(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(".hd-auth-state__alert")?.focus();
  }

  private renderBlocked() {
    const time = formatBlockedUntil(this.blockedUntil, getLocale());
    return html`
      <p class="utrecht-paragraph"><strong>${t("blocked.title")}</strong></p>
      <p class="utrecht-paragraph">${time ? t("blocked.text", { time }) : t("blocked.textNoTime")}</p>
      <p class="utrecht-paragraph">${t("blocked.after")}</p>
    `;
  }

  private renderExpired() {
    const [before, after] = t("expired.helpdesk", { email: "\u0000" }).split("\u0000");
    return html`
      <p class="utrecht-paragraph"><strong>${t("expired.title")}</strong></p>
      <p class="utrecht-paragraph">${t("expired.text")}</p>
      <p class="utrecht-paragraph">
        ${before}<a class="utrecht-link utrecht-link--html-a" href=${`mailto:${this.helpdeskEmail}`}>${this.helpdeskEmail}</a>${after ?? nothing}
      </p>
    `;
  }

  protected override render() {
    const variant = this.kind === "blocked" ? "utrecht-alert--error" : "utrecht-alert--warning";
    return html`
      <div class="utrecht-alert ${variant} hd-auth-state__alert" role="alert" tabindex="-1">
        <div class="utrecht-alert__content">
          <div class="utrecht-alert__message">${this.kind === "blocked" ? this.renderBlocked() : this.renderExpired()}</div>
        </div>
      </div>
      <p class="utrecht-paragraph">
        <a class="utrecht-link utrecht-link--html-a" href=${this.backHref}>${t("common.backToLogin")}</a>
      </p>
    `;
  }
}

define("hd-auth-state", HdAuthState);

declare global {
  interface HTMLElementTagNameMap {
    "hd-auth-state": HdAuthState;
  }
}
