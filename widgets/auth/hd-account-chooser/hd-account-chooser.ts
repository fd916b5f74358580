import { html, nothing } from "lit";
import type { AccountSummary } from "../../../server/src/contracts/api/auth.js";
import { define } from "../../shared/define.js";
import { FormElement, type FieldMap } from "../../shared/form-element.js";
import { t } from "../../shared/i18n/index.js";
import { styles } from "./hd-account-chooser.styles.js";

/** Fired when the person chooses the account to work in. */
export class HdAccountChooseEvent extends Event {
  static readonly eventName = "hd-account-choose";
  constructor(readonly organisationId: string) {
    super(HdAccountChooseEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Fired when the person asks to log out. */
export class HdLogoutRequestEvent extends Event {
  static readonly eventName = "hd-logout-request";
  constructor() {
    super(HdLogoutRequestEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary "Account kiezen": the schools and boards linked to this eHerkenning identity, one button per
 * account to work for it, "Account toevoegen" (links one more account: back to the koppelpagina) and
 * "Uitloggen".
 *
 * @event hd-account-choose - {@link HdAccountChooseEvent} with the organisation id for `POST /api/v1/session/switch`.
 * @event hd-logout-request - {@link HdLogoutRequestEvent}.
 */
export class HdAccountChooser extends FormElement {
  static override styles = styles;
  static override properties = {
    ...FormElement.properties,
    accounts: { attribute: false },
    activeOrganisationId: { type: String, attribute: "active-organisation-id" },
    loading: { type: Boolean },
    addHref: { type: String, attribute: "add-href" },
  };

  declare accounts: readonly AccountSummary[];
  /** The account the session currently works in. */
  declare activeOrganisationId: string;
  /** Accounts are still being fetched. */
  declare loading: boolean;
  /** Where "Account toevoegen" goes; default `/koppelen?toevoegen=1`. */
  declare addHref: string;

  constructor() {
    super();
    this.accounts = [];
    this.activeOrganisationId = "";
    this.loading = false;
    this.addHref = "/koppelen?toevoegen=1";
  }

  protected override fields(): FieldMap {
    return {};
  }

  protected override validate(): Record<string, string> {
    return {};
  }

  protected override submitValid(): void {
    // No form-level submit: each account has its own button.
  }

  private choose(organisationId: string): void {
    if (this.busy) return;
    this.dispatchEvent(new HdAccountChooseEvent(organisationId));
  }

  private renderAccount(account: AccountSummary) {
    const current = account.organisationId === this.activeOrganisationId;
    const nameId = `hd-account-${account.organisationId}`;
    return html`<li class="hd-account-chooser__item ${current ? "hd-account-chooser__item--current" : ""}">
      <span id=${nameId}>
        <span class="hd-account-chooser__name">${account.name}</span>
        ${current ? html`<span> ${t("accounts.current")}</span>` : nothing}
        <span class="hd-account-chooser__meta"
          >${t(account.kind === "school" ? "accounts.school" : "accounts.board")}, ${t("accounts.code", { code: account.code })}</span
        >
      </span>
      <button
        type="button"
        class="utrecht-button ${current ? "utrecht-button--primary-action" : "utrecht-button--secondary-action"}"
        aria-disabled=${this.busy ? "true" : "false"}
        @click=${() => this.choose(account.organisationId)}
      >
        ${t("accounts.choose", { name: account.name })}
      </button>
    </li>`;
  }

  protected override render() {
    return html`
      <p class="utrecht-paragraph">${t("accounts.intro")}</p>
      ${this.renderSummary()}
      ${this.loading
        ? html`<p class="utrecht-paragraph" role="status">${t("accounts.loading")}</p>`
        : this.accounts.length === 0
          ? html`<p class="utrecht-paragraph">${t("accounts.empty")}</p>`
          : html`<ul class="hd-account-chooser__list" aria-label=${t("accounts.listLabel")}>
              ${this.accounts.map((a) => this.renderAccount(a))}
            </ul>`}
      <p class="utrecht-paragraph">${t("accounts.addHint")}</p>
      <div class="hd-account-chooser__actions">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href=${this.addHref}
          >${t("accounts.add")}</a
        >
        <button type="button" class="utrecht-button utrecht-button--subtle" @click=${() => this.dispatchEvent(new HdLogoutRequestEvent())}>
          ${t("accounts.logout")}
        </button>
      </div>
    `;
  }
}

define("hd-account-chooser", HdAccountChooser);

declare global {
  interface HTMLElementTagNameMap {
    "hd-account-chooser": HdAccountChooser;
  }
  interface HTMLElementEventMap {
    "hd-account-choose": HdAccountChooseEvent;
    "hd-logout-request": HdLogoutRequestEvent;
  }
}
