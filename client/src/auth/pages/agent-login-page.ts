import { html, type PropertyValues } from "lit";
import type { SessionResponse } from "../../../../server/src/contracts/api/auth.js";
import "../../../../widgets/auth/hd-agent-login-form/hd-agent-login-form.js";
import type { HdAgentLoginSubmitEvent } from "../../../../widgets/auth/hd-agent-login-form/hd-agent-login-form.js";
import "../../../../widgets/auth/hd-auth-state/hd-auth-state.js";
import type { HdAuthState } from "../../../../widgets/auth/hd-auth-state/hd-auth-state.js";
import { define } from "../../../../widgets/shared/define.js";
import { LocaleController, t } from "../../../../widgets/shared/i18n/index.js";
import { LightElement } from "../../../../widgets/shared/light-element.js";
import { api, ApiError } from "../../shared/api.js";
import { HelpdeskContactController } from "../../shared/helpdesk-contact.js";
import { agentConsolePath } from "../routes.js";
import { stateForError, type DeadEnd } from "./dead-ends.js";
import { pageHeading } from "./page-heading.js";

/** `/medewerker/inloggen`: agent and supervisor login; success → the agent console (full load). */
export class HdRouteAgentLogin extends LightElement {
  static override properties = { busy: { state: true }, error: { state: true }, deadEnd: { state: true } };

  declare busy: boolean;
  declare error: ApiError | null;
  declare deadEnd: DeadEnd | null;

  protected readonly localeController = new LocaleController(this);
  private readonly helpdesk = new HelpdeskContactController(this);

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.deadEnd = null;
  }

  private async onSubmit(event: HdAgentLoginSubmitEvent): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await api.post<SessionResponse>("/api/v1/auth/agent/login", event.request);
      location.assign(agentConsolePath);
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
      return html`${pageHeading(t("agent.title"))}
        <hd-auth-state
          kind=${this.deadEnd.kind}
          blocked-until=${this.deadEnd.kind === "blocked" ? this.deadEnd.blockedUntil : ""}
          helpdesk-email=${this.helpdesk.email}
          back-href="/medewerker/inloggen"
        ></hd-auth-state>`;
    }
    return html`${pageHeading(t("agent.title"))}
      <hd-agent-login-form .busy=${this.busy} .error=${this.error} @hd-agent-login-submit=${this.onSubmit}></hd-agent-login-form>`;
  }
}

define("hd-route-agent-login", HdRouteAgentLogin);

declare global {
  interface HTMLElementTagNameMap {
    "hd-route-agent-login": HdRouteAgentLogin;
  }
}
