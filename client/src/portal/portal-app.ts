import { html, nothing, type TemplateResult } from "lit";
import type { AccountSummary, ContactPrincipal, SessionResponse } from "../../../server/src/contracts/api/auth.js";
import "../../../widgets/portal/hd-portal-tabs/hd-portal-tabs.js";
import type { HdTabSelectEvent } from "../../../widgets/portal/hd-portal-tabs/hd-portal-tabs.js";
import "../../../widgets/portal/hd-profile-menu/hd-profile-menu.js";
import "../../../widgets/portal/hd-tab-details/hd-tab-details.js";
import "../../../widgets/portal/history/index.js";
import type { HdOpenOrganisationEvent } from "../../../widgets/portal/events.js";
import type { PortalApi } from "../../../widgets/portal/portal-api.js";
import { define } from "../../../widgets/shared/define.js";
import "../../../widgets/shared/hd-page-layout/hd-page-layout.js";
import { LocaleController, t } from "../../../widgets/shared/i18n/index.js";
import { LightElement } from "../../../widgets/shared/light-element.js";
import { api, ApiError } from "../shared/api.js";
import { RouterController } from "../shared/router.js";
import { styles } from "./portal-app.styles.js";
import { errorView, forbiddenView, loadingView, notAvailableView, notFoundView } from "./portal-states.js";
import {
  addAccountPath,
  isPortalPath,
  loggedOutPath,
  loginPath,
  parsePortalPath,
  portalRoot,
  portalTabPath,
  portalTabs,
  type PortalTab,
  type TabSlug,
} from "./routes.js";

type Status =
  | { kind: "loading" }
  | { kind: "switching"; name: string }
  | { kind: "ready" }
  | { kind: "forbidden" }
  | { kind: "not-found" }
  | { kind: "error"; error: ApiError };

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError({ id: "unknown", message: "", status: 0 });

/** Where an expired session sends people: the login page says "Uw sessie is verlopen. Log opnieuw in." */
const sessionExpiredPath = `${loginPath}?fout=session_expired`;

/**
 * The client handed to the tab elements: the shared API client, except that a 401 (session expired while the
 * page was open) goes to the login page instead of leaving every tile with its own error.
 */
const tabApi: PortalApi = {
  get: (path) => guard(api.get(path)),
  post: (path, body) => guard(api.post(path, body)),
  patch: (path, body) => guard(api.patch(path, body)),
  delete: (path) => guard(api.delete(path)),
};

async function guard<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) location.assign(sessionExpiredPath);
    throw error;
  }
}

/**
 * @summary The portal entry (`portal.html`): page layout with the profile menu in the banner, the organisation's
 * name and code, and the five tabs. The URL `/portaal/<organisationId>/<tab>` is the state: it survives a
 * reload, tab changes push history entries, back/forward switch tabs. When the URL names another organisation
 * than the session works for (a deep link, another linked account, a school of the board), the session is
 * switched first (`POST /api/v1/session/switch`); a refusal shows "Geen toegang".
 *
 * Each tab renders the element of {@link portalTabs} when it is defined (with `organisation-id`,
 * `organisation-kind` and the `api` client set), else an honest "nog niet beschikbaar".
 */
export class HdPortalApp extends LightElement {
  static override styles = styles;
  static override properties = {
    session: { state: true },
    status: { state: true },
    busy: { state: true },
  };

  declare session: SessionResponse | null;
  declare status: Status;
  declare busy: boolean;

  protected readonly localeController = new LocaleController(this);
  private readonly router = new RouterController(this, isPortalPath, () => void this.resolveRoute());
  /** Tab elements by `<organisationId>/<slug>`, so a tab keeps its state when the person comes back to it. */
  private readonly tabElements = new Map<string, HTMLElement>();

  constructor() {
    super();
    this.session = null;
    this.status = { kind: "loading" };
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.resolveRoute();
  }

  private get principal(): ContactPrincipal | null {
    const principal = this.session?.principal;
    return principal?.type === "contact" ? principal : null;
  }

  /** The organisation the page shows: the school a board acts for, or the active account. */
  private get organisation(): AccountSummary | null {
    const p = this.principal;
    if (!p) return null;
    return p.actingFor ?? p.accounts.find((a) => a.organisationId === p.activeOrganisationId) ?? null;
  }

  private async loadSession(): Promise<ContactPrincipal | null> {
    const session = await api.get<SessionResponse>("/api/v1/session");
    api.setCsrfToken(session.csrfToken);
    this.session = session;
    if (session.principal?.type !== "contact") {
      location.assign(loginPath);
      return null;
    }
    return session.principal;
  }

  /** Makes the session and the page match the URL. Runs at start and after every navigation. */
  private async resolveRoute(): Promise<void> {
    try {
      const principal = this.principal ?? (await this.loadSession());
      if (!principal) return;
      const route = parsePortalPath(location.pathname);
      if (route.kind === "not-found") {
        this.status = { kind: "not-found" };
        return;
      }
      if (route.kind === "root") {
        history.replaceState(null, "", portalTabPath(principal.effectiveOrganisationId));
        this.status = { kind: "ready" };
        return;
      }
      if (!route.canonical) history.replaceState(null, "", portalTabPath(route.organisationId, route.tab));
      if (route.organisationId !== principal.effectiveOrganisationId) {
        await this.switchTo(route.organisationId);
        return;
      }
      this.status = { kind: "ready" };
    } catch (error) {
      this.status = { kind: "error", error: asApiError(error) };
    }
  }

  /** Switches the session to `organisationId`; "Geen toegang" when the identity may not act for it. */
  private async switchTo(organisationId: string): Promise<void> {
    const known = this.knownName(organisationId);
    this.status = known ? { kind: "switching", name: known } : { kind: "loading" };
    try {
      const session = await api.post<SessionResponse>("/api/v1/session/switch", { organisationId });
      api.setCsrfToken(session.csrfToken);
      this.session = session;
      this.tabElements.clear();
      this.status = { kind: "ready" };
    } catch (error) {
      const e = asApiError(error);
      if (e.status === 401) location.assign(sessionExpiredPath);
      else if (e.id === "account_not_linked" || e.id === "forbidden" || e.id === "validation_failed") this.status = { kind: "forbidden" };
      else this.status = { kind: "error", error: e };
    }
  }

  private knownName(organisationId: string): string | undefined {
    const p = this.principal;
    return [...(p?.accounts ?? []), ...(p?.schools ?? [])].find((a) => a.organisationId === organisationId)?.name;
  }

  private currentTab(): TabSlug {
    const route = parsePortalPath(location.pathname);
    return route.kind === "tab" ? route.tab : "mijn-gegevens";
  }

  private onTabSelect(event: HdTabSelectEvent): void {
    const organisation = this.organisation;
    if (!organisation) return;
    history.pushState(null, "", portalTabPath(organisation.organisationId, event.tabId as TabSlug));
    this.requestUpdate();
  }

  /** A linked account, a school of the board or the way back to the board: open its Mijn gegevens. */
  private onOpenOrganisation(event: HdOpenOrganisationEvent): void {
    void this.openOrganisation(event.organisationId);
  }

  private async openOrganisation(organisationId: string): Promise<void> {
    history.pushState(null, "", portalTabPath(organisationId));
    await this.switchTo(organisationId);
    await this.updateComplete;
    this.querySelector<HTMLElement>(".hd-page-heading")?.focus();
  }

  /** The details were saved: re-read the session so the header shows the current name. */
  private async onOrganisationChanged(): Promise<void> {
    try {
      const session = await api.get<SessionResponse>("/api/v1/session");
      if (session.principal?.type === "contact") this.session = session;
    } catch {
      // The header keeps the old name until the next load; nothing else depends on it.
    }
  }

  private async onLogout(): Promise<void> {
    this.busy = true;
    try {
      await api.post<SessionResponse>("/api/v1/auth/logout");
    } catch {
      // Even when the request failed, leave the portal: the login page shows the real session state.
    }
    location.assign(loggedOutPath);
  }

  private tabContent(tab: PortalTab, organisation: AccountSummary): TemplateResult | HTMLElement {
    if (!customElements.get(tab.tag)) return notAvailableView(tab);
    const key = `${organisation.organisationId}/${tab.slug}`;
    let element = this.tabElements.get(key);
    if (!element) {
      element = document.createElement(tab.tag);
      element.setAttribute("organisation-id", organisation.organisationId);
      element.setAttribute("organisation-kind", organisation.kind);
      Object.assign(element, { api: tabApi, organisation, principal: this.principal });
      this.tabElements.set(key, element);
    }
    return element;
  }

  private renderHeader(organisation: AccountSummary, principal: ContactPrincipal): TemplateResult {
    const board = principal.actingFor ? principal.accounts.find((a) => a.organisationId === principal.activeOrganisationId) : undefined;
    return html`<div class="hd-portal__org">
      <h1 class="utrecht-heading-1 hd-page-heading" tabindex="-1">${organisation.name}</h1>
      <p class="utrecht-paragraph hd-portal__code">
        ${t(organisation.kind === "school" ? "portal.code.school" : "portal.code.board", { code: organisation.code })}
      </p>
      ${board
        ? html`<div class="utrecht-alert utrecht-alert--info hd-portal__acting">
            <div class="utrecht-alert__content">
              <div class="utrecht-alert__message">
                <p class="utrecht-paragraph">${t("portal.actingNotice", { board: board.name })}</p>
                <button type="button" class="utrecht-button utrecht-button--secondary-action"
                  @click=${() => void this.openOrganisation(board.organisationId)}>
                  ${t("portal.menu.backToBoard", { board: board.name })}
                </button>
              </div>
            </div>
          </div>`
        : nothing}
    </div>`;
  }

  private renderBody(): { title: string; content: TemplateResult } {
    const status = this.status;
    const principal = this.principal;
    const organisation = this.organisation;
    if (status.kind === "loading" || status.kind === "switching" || (status.kind === "ready" && (!principal || !organisation))) {
      return loadingView(status.kind === "switching" ? status.name : undefined);
    }
    if (status.kind === "forbidden") return forbiddenView();
    if (status.kind === "not-found") return notFoundView();
    if (status.kind === "error") return errorView(status.error);
    const tabSlug = this.currentTab();
    const tab = portalTabs.find((x) => x.slug === tabSlug) ?? portalTabs[0]!;
    return {
      title: t("portal.title", { tab: t(tab.label), organisation: organisation!.name }),
      content: html`${this.renderHeader(organisation!, principal!)}
        <hd-portal-tabs
          .tabs=${portalTabs.map((x) => ({ id: x.slug, label: t(x.label) }))}
          selected=${tabSlug}
          label=${t("portal.tabsLabel")}
          .content=${this.tabContent(tab, organisation!)}
          @hd-tab-select=${this.onTabSelect}
        ></hd-portal-tabs>`,
    };
  }

  protected override render() {
    const body = this.renderBody();
    document.title = `${body.title} — ${t("layout.wordmark")}`;
    return html`<hd-page-layout home-href=${portalRoot} .showLanguageSwitch=${false} .demo=${this.session?.demo === true}
      @hd-open-organisation=${this.onOpenOrganisation}
      @hd-portal-logout=${this.onLogout}
      @hd-organisation-changed=${this.onOrganisationChanged}>
      <hd-profile-menu slot="header-actions" .principal=${this.principal} .busy=${this.busy} add-href=${addAccountPath}></hd-profile-menu>
      <div class="hd-portal">${body.content}</div>
    </hd-page-layout>`;
  }
}

define("hd-portal-app", HdPortalApp);

declare global {
  interface HTMLElementTagNameMap {
    "hd-portal-app": HdPortalApp;
  }
}
