import { html, nothing } from "lit";
import type { AccountSummary, ContactPrincipal } from "../../../server/src/contracts/api/auth.js";
import { define } from "../../shared/define.js";
import "../../shared/hd-language-switch/hd-language-switch.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { HdOpenOrganisationEvent, HdPortalLogoutEvent } from "../events.js";
import { styles } from "./hd-profile-menu.styles.js";

/**
 * @summary Profile menu, top right of the portal banner: a disclosure button (`aria-expanded`,
 * `aria-controls`) that opens a panel with the person's linked accounts (switch to another one), for a board
 * acting for a school that fact and the way back to the board, "Account toevoegen", the language switch and
 * "Uitloggen". Escape closes the panel and returns focus to the button; so do a click or focus outside it.
 *
 * @event hd-open-organisation - {@link HdOpenOrganisationEvent}: switch to this account (or back to the board).
 * @event hd-portal-logout - {@link HdPortalLogoutEvent}: the person chose "Uitloggen".
 */
export class HdProfileMenu extends LightElement {
  static override styles = styles;
  static override properties = {
    principal: { attribute: false },
    addHref: { type: String, attribute: "add-href" },
    busy: { type: Boolean },
    open: { type: Boolean, reflect: true },
  };

  /** The logged-in contact person (from `GET /api/v1/session`). */
  declare principal: ContactPrincipal | null;
  /** Where "Account toevoegen" goes; default `/koppelen?toevoegen=1`. */
  declare addHref: string;
  /** A switch or logout is running. */
  declare busy: boolean;
  /** The panel is shown. */
  declare open: boolean;

  protected readonly localeController = new LocaleController(this);
  private readonly panelId = "hd-profile-menu-panel";

  constructor() {
    super();
    this.principal = null;
    this.addHref = "/koppelen?toevoegen=1";
    this.busy = false;
    this.open = false;
  }

  private readonly onDocumentPointerDown = (event: Event): void => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener("pointerdown", this.onDocumentPointerDown);
  }

  override disconnectedCallback(): void {
    document.removeEventListener("pointerdown", this.onDocumentPointerDown);
    super.disconnectedCallback();
  }

  private get button(): HTMLButtonElement | null {
    return this.querySelector<HTMLButtonElement>(".hd-profile-menu__button");
  }

  /** Closes the panel; with `restoreFocus`, focus goes back to the menu button. */
  close(restoreFocus = false): void {
    this.open = false;
    if (restoreFocus) this.button?.focus();
  }

  private async toggle(): Promise<void> {
    this.open = !this.open;
    if (this.open) {
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#${this.panelId} button, #${this.panelId} a`)?.focus();
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === "Escape" && this.open) {
      event.preventDefault();
      this.close(true);
    }
  }

  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (this.open && next && !this.contains(next)) this.open = false;
  }

  private choose(organisationId: string): void {
    if (this.busy) return;
    this.close();
    this.dispatchEvent(new HdOpenOrganisationEvent(organisationId));
  }

  private logout(): void {
    if (this.busy) return;
    this.dispatchEvent(new HdPortalLogoutEvent());
  }

  private kindAndCode(account: AccountSummary): string {
    return `${t(account.kind === "school" ? "accounts.school" : "accounts.board")}, ${t("accounts.code", { code: account.code })}`;
  }

  private renderAccount(account: AccountSummary, principal: ContactPrincipal) {
    const current = account.organisationId === principal.activeOrganisationId && !principal.actingFor;
    if (current) {
      return html`<li>
        <div class="hd-profile-menu__account hd-profile-menu__account--current" aria-current="true">
          <span class="hd-profile-menu__account-name">${account.name} ${t("accounts.current")}</span>
          <span class="hd-profile-menu__meta">${this.kindAndCode(account)}</span>
        </div>
      </li>`;
    }
    return html`<li>
      <button type="button" class="hd-profile-menu__account" aria-disabled=${this.busy ? "true" : "false"} @click=${() => this.choose(account.organisationId)}>
        <span class="hd-profile-menu__account-name">${account.name}</span>
        <span class="hd-profile-menu__meta">${this.kindAndCode(account)}</span>
      </button>
    </li>`;
  }

  private renderActing(principal: ContactPrincipal) {
    if (!principal.actingFor) return nothing;
    const board = principal.accounts.find((a) => a.organisationId === principal.activeOrganisationId);
    const boardName = board?.name ?? "";
    return html`<div class="hd-profile-menu__section">
      <p class="hd-profile-menu__acting">${t("portal.menu.actingFor", { school: principal.actingFor.name, board: boardName })}</p>
      <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => this.choose(principal.activeOrganisationId)}>
        ${t("portal.menu.backToBoard", { board: boardName })}
      </button>
    </div>`;
  }

  private renderPanel(principal: ContactPrincipal) {
    return html`<div class="hd-profile-menu__panel" id=${this.panelId} ?hidden=${!this.open}>
      ${principal.name
        ? html`<div class="hd-profile-menu__section">
            <p class="utrecht-paragraph hd-profile-menu__signed-in">${t("portal.menu.signedInAs", { name: principal.name })}</p>
          </div>`
        : nothing}
      ${this.renderActing(principal)}
      <div class="hd-profile-menu__section">
        <p class="hd-profile-menu__title" id="hd-profile-menu-accounts">${t("accounts.listLabel")}</p>
        <ul class="hd-profile-menu__list" aria-labelledby="hd-profile-menu-accounts">
          ${principal.accounts.map((a) => this.renderAccount(a, principal))}
        </ul>
        <p class="utrecht-paragraph utrecht-paragraph--small hd-profile-menu__add">
          <a class="utrecht-link utrecht-link--html-a" href=${this.addHref} data-full-navigation>${t("accounts.add")}</a>
        </p>
      </div>
      <div class="hd-profile-menu__section hd-profile-menu__actions">
        <hd-language-switch></hd-language-switch>
        <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${this.logout}>
          ${t("accounts.logout")}
        </button>
      </div>
    </div>`;
  }

  protected override render() {
    const principal = this.principal;
    if (!principal) return nothing;
    const initial = (principal.name.trim()[0] ?? "?").toUpperCase();
    return html`<div class="hd-profile-menu" @keydown=${this.onKeyDown} @focusout=${this.onFocusOut}>
      <button
        type="button"
        class="hd-profile-menu__button"
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls=${this.panelId}
        @click=${this.toggle}
      >
        <span class="hd-profile-menu__icon" aria-hidden="true">${initial}</span>
        <span>${principal.name || t("portal.menu.button")}</span>
        <span class="hd-visually-hidden">${t("portal.menu.buttonSuffix")}</span>
        <span class="hd-profile-menu__chevron" aria-hidden="true"></span>
      </button>
      ${this.renderPanel(principal)}
    </div>`;
  }
}

define("hd-profile-menu", HdProfileMenu);

declare global {
  interface HTMLElementTagNameMap {
    "hd-profile-menu": HdProfileMenu;
  }
}
