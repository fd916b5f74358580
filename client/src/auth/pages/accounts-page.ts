import { html } from "lit";
import type { AccountSummary, SessionResponse } from "../../../../server/src/contracts/api/auth.js";
import "../../../../widgets/auth/hd-account-chooser/hd-account-chooser.js";
import type { HdAccountChooseEvent } from "../../../../widgets/auth/hd-account-chooser/hd-account-chooser.js";
import { define } from "../../../../widgets/shared/define.js";
import { LocaleController, t } from "../../../../widgets/shared/i18n/index.js";
import { LightElement } from "../../../../widgets/shared/light-element.js";
import { api, ApiError } from "../../shared/api.js";
import { go, portalPath } from "../routes.js";
import { pageHeading } from "./page-heading.js";

/** `/account-kiezen`: pick one of the linked accounts (→ portal), add one, or log out. */
export class HdRouteAccounts extends LightElement {
  static override properties = {
    busy: { state: true },
    error: { state: true },
    loading: { state: true },
    accounts: { state: true },
    activeOrganisationId: { state: true },
  };

  declare busy: boolean;
  declare error: ApiError | null;
  declare loading: boolean;
  declare accounts: readonly AccountSummary[];
  declare activeOrganisationId: string;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.loading = true;
    this.accounts = [];
    this.activeOrganisationId = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const session = await api.get<SessionResponse>("/api/v1/session");
      api.setCsrfToken(session.csrfToken);
      if (session.principal?.type !== "contact") {
        go("/inloggen", { replace: true });
        return;
      }
      this.accounts = session.principal.accounts;
      // Straight after logging in nothing is chosen yet: no account is "huidig".
      this.activeOrganisationId = session.principal.accountChosen ? session.principal.activeOrganisationId : "";
    } catch (error) {
      this.error = error instanceof ApiError ? error : new ApiError({ id: "unknown", message: "", status: 0 });
    } finally {
      this.loading = false;
    }
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await action();
    } catch (error) {
      this.error = error instanceof ApiError ? error : new ApiError({ id: "unknown", message: "", status: 0 });
      this.busy = false;
    }
  }

  private onChoose(event: HdAccountChooseEvent): void {
    void this.run(async () => {
      await api.post<SessionResponse>("/api/v1/session/switch", { organisationId: event.organisationId });
      location.assign(portalPath);
    });
  }

  private onLogout(): void {
    void this.run(async () => {
      const session = await api.post<SessionResponse>("/api/v1/auth/logout");
      api.setCsrfToken(session?.csrfToken);
      go("/inloggen?uitgelogd=1");
    });
  }

  protected override render() {
    return html`${pageHeading(t("accounts.title"))}
      <hd-account-chooser
        .accounts=${this.accounts}
        active-organisation-id=${this.activeOrganisationId}
        .loading=${this.loading}
        .busy=${this.busy}
        .error=${this.error}
        @hd-account-choose=${this.onChoose}
        @hd-logout-request=${this.onLogout}
      ></hd-account-chooser>`;
  }
}

define("hd-route-accounts", HdRouteAccounts);

declare global {
  interface HTMLElementTagNameMap {
    "hd-route-accounts": HdRouteAccounts;
  }
}
