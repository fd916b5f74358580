import { html, nothing } from "lit";
import type { PasswordResetCheckResponse } from "../../../../server/src/contracts/api/auth.js";
import "../../../../widgets/auth/hd-password-reset-form/hd-password-reset-form.js";
import type { HdPasswordResetSubmitEvent } from "../../../../widgets/auth/hd-password-reset-form/hd-password-reset-form.js";
import { define } from "../../../../widgets/shared/define.js";
import { getLocale, errorText, LocaleController, t } from "../../../../widgets/shared/i18n/index.js";
import { LightElement } from "../../../../widgets/shared/light-element.js";
import { formatBlockedUntil } from "../../../../widgets/shared/time-format.js";
import { api, ApiError } from "../../shared/api.js";
import { pageHeading } from "./page-heading.js";

type State =
  | { kind: "checking" }
  | { kind: "form"; username: string; expiresAt: string }
  | { kind: "dead"; error: ApiError }
  | { kind: "done" };

/** Errors after which this link can never work: the page explains and offers a new link instead of the form. */
const DEAD_ENDS = new Set(["invalid_reset_token", "reset_link_expired", "reset_link_used", "password_login_disabled"]);

/**
 * `/wachtwoord-herstellen?token=…`, the link in the mail to the gemachtigde: first asks the server whether the
 * link still works (so an expired or used link says so before anyone chooses a password), then the form, then
 * the way back to logging in.
 */
export class HdRouteReset extends LightElement {
  static override properties = { state: { state: true }, busy: { state: true }, error: { state: true } };

  declare state: State;
  declare busy: boolean;
  declare error: ApiError | null;

  protected readonly localeController = new LocaleController(this);
  private readonly token = new URLSearchParams(location.search).get("token") ?? "";

  constructor() {
    super();
    this.state = { kind: "checking" };
    this.busy = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.check();
  }

  private async check(): Promise<void> {
    try {
      const r = await api.post<PasswordResetCheckResponse>("/api/v1/auth/password-reset/check", { token: this.token });
      this.state = { kind: "form", username: r.username, expiresAt: r.expiresAt };
    } catch (error) {
      const e = asApiError(error);
      // A cut-off or missing token fails the schema: for the person that is simply a link that does not work.
      this.state = { kind: "dead", error: e.id === "validation_failed" ? new ApiError({ id: "invalid_reset_token", message: "", status: 400 }) : e };
    }
  }

  private async onSubmit(event: HdPasswordResetSubmitEvent): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await api.post("/api/v1/auth/password-reset", { token: this.token, password: event.password });
      this.state = { kind: "done" };
      await this.updateComplete;
      this.querySelector<HTMLElement>(".hd-reset__done")?.focus();
    } catch (error) {
      const e = asApiError(error);
      if (DEAD_ENDS.has(e.id) && !e.fields["password"]) this.state = { kind: "dead", error: e };
      else this.error = e;
    } finally {
      this.busy = false;
    }
  }

  private renderState() {
    const s = this.state;
    const toLogin = html`<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/inloggen">${t("reset.toLogin")}</a></p>`;
    switch (s.kind) {
      case "checking":
        return html`<p class="utrecht-paragraph" role="status">${t("reset.checking")}</p>`;
      case "form":
        return html`<p class="utrecht-paragraph">
            ${t("reset.intro", { username: s.username, until: formatBlockedUntil(s.expiresAt, getLocale()) ?? "" })}
          </p>
          <hd-password-reset-form .username=${s.username} .busy=${this.busy} .error=${this.error} @hd-password-reset-submit=${this.onSubmit}></hd-password-reset-form>`;
      case "dead":
        return html`<div class="utrecht-alert utrecht-alert--warning" role="alert">
            <div class="utrecht-alert__content">
              <div class="utrecht-alert__message">
                <p class="utrecht-paragraph"><strong>${t("reset.deadTitle")}</strong></p>
                <p class="utrecht-paragraph">${errorText(s.error)}</p>
              </div>
            </div>
          </div>
          ${s.error.id === "password_login_disabled"
            ? nothing
            : html`<p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/wachtwoord-vergeten">${t("reset.requestNew")}</a></p>`}
          ${toLogin}`;
      case "done":
        return html`<div class="utrecht-alert utrecht-alert--ok hd-reset__done" role="status" tabindex="-1">
            <div class="utrecht-alert__content">
              <div class="utrecht-alert__message">
                <p class="utrecht-paragraph"><strong>${t("reset.doneTitle")}</strong></p>
                <p class="utrecht-paragraph">${t("reset.done")}</p>
              </div>
            </div>
          </div>
          ${toLogin}`;
    }
  }

  protected override render() {
    return html`${pageHeading(t("reset.title"))}${this.renderState()}`;
  }
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError({ id: "unknown", message: "", status: 0 });
}

define("hd-route-reset", HdRouteReset);

declare global {
  interface HTMLElementTagNameMap {
    "hd-route-reset": HdRouteReset;
  }
}
