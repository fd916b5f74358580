import { html, type PropertyValues } from "lit";
import type { LinkConfirmResponse, SessionResponse } from "../../../../server/src/contracts/api/auth.js";
import "../../../../widgets/auth/hd-auth-state/hd-auth-state.js";
import type { HdAuthState } from "../../../../widgets/auth/hd-auth-state/hd-auth-state.js";
import "../../../../widgets/auth/hd-pin-form/hd-pin-form.js";
import type { HdPinSubmitEvent } from "../../../../widgets/auth/hd-pin-form/hd-pin-form.js";
import { define } from "../../../../widgets/shared/define.js";
import { LocaleController, t } from "../../../../widgets/shared/i18n/index.js";
import { LightElement } from "../../../../widgets/shared/light-element.js";
import { api, ApiError } from "../../shared/api.js";
import { HelpdeskContactController } from "../../shared/helpdesk-contact.js";
import { portalPath } from "../routes.js";
import { stateForError, type DeadEnd } from "./dead-ends.js";
import { pageHeading } from "./page-heading.js";

/** `/koppelen/pincode`: confirm the link with the PIN from the e-mail; success → the portal (full load). */
export class HdRoutePin extends LightElement {
  static override properties = {
    busy: { state: true },
    error: { state: true },
    deadEnd: { state: true },
    emailMasked: { state: true },
  };

  declare busy: boolean;
  declare error: ApiError | null;
  declare deadEnd: DeadEnd | null;
  declare emailMasked: string;

  protected readonly localeController = new LocaleController(this);
  private readonly helpdesk = new HelpdeskContactController(this);

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.deadEnd = null;
    this.emailMasked = sessionStorage.getItem("balie.link.emailMasked") ?? "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void api
      .get<SessionResponse>("/api/v1/session")
      .then((session) => {
        api.setCsrfToken(session.csrfToken);
        if (session.pendingLink?.emailMasked) this.emailMasked = session.pendingLink.emailMasked;
      })
      .catch(() => undefined);
  }

  private async onPinSubmit(event: HdPinSubmitEvent): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      const response = await api.post<LinkConfirmResponse>("/api/v1/auth/link/confirm", { pin: event.pin });
      sessionStorage.removeItem("balie.link.emailMasked");
      location.assign(response?.redirectTo || portalPath);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError({ id: "unknown", message: "", status: 0 });
      this.deadEnd = stateForError(apiError);
      this.error = apiError;
      this.busy = false;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has("deadEnd") && this.deadEnd) void this.querySelector<HdAuthState>("hd-auth-state")?.focus();
  }

  protected override render() {
    if (this.deadEnd) {
      return html`${pageHeading(t("pin.title"))}
        <hd-auth-state
          kind=${this.deadEnd.kind}
          blocked-until=${this.deadEnd.kind === "blocked" ? this.deadEnd.blockedUntil : ""}
          helpdesk-email=${this.helpdesk.email}
        ></hd-auth-state>`;
    }
    return html`${pageHeading(t("pin.title"))}
      <hd-pin-form
        email-masked=${this.emailMasked}
        .busy=${this.busy}
        .error=${this.error}
        @hd-pin-submit=${this.onPinSubmit}
      ></hd-pin-form>`;
  }
}

define("hd-route-pin", HdRoutePin);

declare global {
  interface HTMLElementTagNameMap {
    "hd-route-pin": HdRoutePin;
  }
}
