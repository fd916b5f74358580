import { html, nothing } from "lit";
import { define } from "../../shared/define.js";
import { hasMessage, LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { styles } from "./hd-eherkenning-login.styles.js";

/**
 * @summary The public login page content below its heading (DUO style): "U kunt inloggen met een eHerkenning niveau 3
 * inlogmiddel", the "Inloggen met eHerkenning" button (a link: starting eHerkenning is a full navigation to the
 * broker), the message for a `?fout=` code from the eHerkenning callback, and the way in for helpdesk staff.
 */
export class HdEherkenningLogin extends LightElement {
  static override styles = styles;
  static override properties = {
    fout: { type: String },
    loggedOut: { type: Boolean, attribute: "logged-out" },
    startHref: { type: String, attribute: "start-href" },
    staffHref: { type: String, attribute: "staff-href" },
  };

  /** Error code from `/inloggen?fout=…` (assurance_too_low, eherkenning_cancelled, …); empty for none. */
  declare fout: string;
  /** Show "U bent uitgelogd." */
  declare loggedOut: boolean;
  /** Where the eHerkenning button goes; default `/auth/eherkenning/start`. */
  declare startHref: string;
  /** Where helpdesk staff log in; default `/medewerker/inloggen`. */
  declare staffHref: string;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.fout = "";
    this.loggedOut = false;
    this.startHref = "/auth/eherkenning/start";
    this.staffHref = "/medewerker/inloggen";
  }

  private foutMessage(): string {
    const key = `login.fout.${this.fout}`;
    return hasMessage(key) ? t(key) : t("login.fout.eherkenning_failed");
  }

  protected override render() {
    return html`
      ${this.fout
        ? html`<div class="utrecht-alert utrecht-alert--error" role="alert">
            <div class="utrecht-alert__content">
              <p class="utrecht-alert__message utrecht-paragraph">${this.foutMessage()}</p>
            </div>
          </div>`
        : nothing}
      ${this.loggedOut && !this.fout
        ? html`<div class="utrecht-alert utrecht-alert--ok" role="status">
            <div class="utrecht-alert__content">
              <p class="utrecht-alert__message utrecht-paragraph">${t("login.loggedOut")}</p>
            </div>
          </div>`
        : nothing}
      <section class="hd-eherkenning-login__card" aria-labelledby="hd-eherkenning-heading">
        <h2 class="utrecht-heading-2" id="hd-eherkenning-heading">${t("login.eherkenningHeading")}</h2>
        <p class="utrecht-paragraph">${t("login.intro")}</p>
        <a
          class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action hd-eherkenning-login__button"
          href=${this.startHref}
          data-full-navigation
        >
          <span class="hd-eherkenning-login__badge" aria-hidden="true">${t("login.levelBadge")}</span>
          <span>${t("login.button")}</span>
        </a>
      </section>
      <section aria-labelledby="hd-staff-heading">
        <h2 class="utrecht-heading-2" id="hd-staff-heading">${t("login.staffHeading")}</h2>
        <p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href=${this.staffHref}>${t("login.staffLink")}</a></p>
      </section>
    `;
  }
}

define("hd-eherkenning-login", HdEherkenningLogin);

declare global {
  interface HTMLElementTagNameMap {
    "hd-eherkenning-login": HdEherkenningLogin;
  }
}
