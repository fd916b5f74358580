import { html, type PropertyValues } from "lit";
import type { LinkResponse, SessionResponse } from "../../../../server/src/contracts/api/auth.js";
import "../../../../widgets/auth/hd-auth-state/hd-auth-state.js";
import type { HdAuthState } from "../../../../widgets/auth/hd-auth-state/hd-auth-state.js";
import "../../../../widgets/auth/hd-link-form/hd-link-form.js";
import type { HdLinkSubmitEvent, LinkVariant } from "../../../../widgets/auth/hd-link-form/hd-link-form.js";
import { define } from "../../../../widgets/shared/define.js";
import { LocaleController, t } from "../../../../widgets/shared/i18n/index.js";
import { LightElement } from "../../../../widgets/shared/light-element.js";
import { api, ApiError } from "../../shared/api.js";
import { HelpdeskContactController } from "../../shared/helpdesk-contact.js";
import { go } from "../routes.js";
import { cancelLink } from "./cancel-link.js";
import { pageHeading } from "./page-heading.js";
import { stateForError, type DeadEnd } from "./dead-ends.js";

/**
 * `/koppelen`: first eHerkenning login (or "Account toevoegen", `?toevoegen=1`), both variants
 * (`?variant=activatiecode` opens the activation code variant). On success → `/koppelen/pincode`.
 * With a pending PIN in the session it forwards to the PIN page unless `?opnieuw=1`.
 */
export class HdRouteLink extends LightElement {
  static override properties = {
    busy: { state: true },
    error: { state: true },
    deadEnd: { state: true },
    adding: { state: true },
  };

  declare busy: boolean;
  declare error: ApiError | null;
  declare deadEnd: DeadEnd | null;
  declare adding: boolean;

  protected readonly localeController = new LocaleController(this);
  private readonly helpdesk = new HelpdeskContactController(this);

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.deadEnd = null;
    this.adding = new URLSearchParams(location.search).has("toevoegen");
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadSession();
  }

  private async loadSession(): Promise<void> {
    try {
      const session = await api.get<SessionResponse>("/api/v1/session");
      api.setCsrfToken(session.csrfToken);
      const query = new URLSearchParams(location.search);
      if (session.pendingLink?.step === "pin" && !query.has("opnieuw")) go("/koppelen/pincode", { replace: true });
      else if (session.principal?.type === "contact") this.adding = true;
    } catch {
      // The form works without it; a submit fetches the CSRF token itself and shows any error.
    }
  }

  private async onLinkSubmit(event: HdLinkSubmitEvent): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      const response = await api.post<LinkResponse>("/api/v1/auth/link", event.request);
      sessionStorage.setItem("balie.link.emailMasked", response.emailMasked);
      go("/koppelen/pincode");
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError({ id: "unknown", message: "", status: 0 });
      this.deadEnd = stateForError(apiError);
      this.error = apiError;
    } finally {
      this.busy = false;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has("deadEnd") && this.deadEnd) void this.querySelector<HdAuthState>("hd-auth-state")?.focus();
  }

  protected override render() {
    const variant: LinkVariant = new URLSearchParams(location.search).get("variant") === "activatiecode" ? "activation" : "password";
    const title = this.adding ? t("link.titleAdd") : t("link.title");
    if (this.deadEnd) {
      return html`${pageHeading(title)}
        <hd-auth-state
          kind=${this.deadEnd.kind}
          blocked-until=${this.deadEnd.kind === "blocked" ? this.deadEnd.blockedUntil : ""}
          helpdesk-email=${this.helpdesk.email}
        ></hd-auth-state>`;
    }
    return html`${pageHeading(title)}
      <p class="utrecht-paragraph">${this.adding ? t("link.introAdd") : t("link.intro")}</p>
      <hd-link-form
        variant=${variant}
        helpdesk-email=${this.helpdesk.email}
        .busy=${this.busy}
        .error=${this.error}
        @hd-link-submit=${this.onLinkSubmit}
      ></hd-link-form>
      ${cancelLink(this.adding)}`;
  }
}

define("hd-route-link", HdRouteLink);

declare global {
  interface HTMLElementTagNameMap {
    "hd-route-link": HdRouteLink;
  }
}
