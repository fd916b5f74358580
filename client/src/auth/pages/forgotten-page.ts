import { html } from "lit";
import "../../../../widgets/auth/hd-password-forgotten-form/hd-password-forgotten-form.js";
import type { HdPasswordForgottenSubmitEvent } from "../../../../widgets/auth/hd-password-forgotten-form/hd-password-forgotten-form.js";
import { define } from "../../../../widgets/shared/define.js";
import { LocaleController, t } from "../../../../widgets/shared/i18n/index.js";
import { LightElement } from "../../../../widgets/shared/light-element.js";
import { api, ApiError } from "../../shared/api.js";
import { pageHeading } from "./page-heading.js";

/** `/wachtwoord-vergeten`: the reset mail goes to the gemachtigde of the school (always 202, no enumeration). */
export class HdRouteForgotten extends LightElement {
  static override properties = { busy: { state: true }, error: { state: true }, done: { state: true } };

  declare busy: boolean;
  declare error: ApiError | null;
  declare done: boolean;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.busy = false;
    this.error = null;
    this.done = false;
  }

  private async onSubmit(event: HdPasswordForgottenSubmitEvent): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await api.post("/api/v1/auth/password-forgotten", { username: event.username });
      this.done = true;
    } catch (error) {
      this.error = error instanceof ApiError ? error : new ApiError({ id: "unknown", message: "", status: 0 });
    } finally {
      this.busy = false;
    }
  }

  protected override render() {
    return html`${pageHeading(t("forgotten.title"))}
      <hd-password-forgotten-form
        .busy=${this.busy}
        .error=${this.error}
        .done=${this.done}
        @hd-password-forgotten-submit=${this.onSubmit}
      ></hd-password-forgotten-form>`;
  }
}

define("hd-route-forgotten", HdRouteForgotten);

declare global {
  interface HTMLElementTagNameMap {
    "hd-route-forgotten": HdRouteForgotten;
  }
}
