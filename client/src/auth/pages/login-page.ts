import { html } from "lit";
import "../../../../widgets/auth/hd-eherkenning-login/hd-eherkenning-login.js";
import { define } from "../../../../widgets/shared/define.js";
import { LocaleController, t } from "../../../../widgets/shared/i18n/index.js";
import { LightElement } from "../../../../widgets/shared/light-element.js";
import { pageHeading } from "./page-heading.js";

/** `/inloggen` (`?fout=<code>` after a refused eHerkenning login, `?uitgelogd=1` after logout). */
export class HdRouteLogin extends LightElement {
  protected readonly localeController = new LocaleController(this);

  protected override render() {
    const query = new URLSearchParams(location.search);
    return html`${pageHeading(t("login.title"))}
      <hd-eherkenning-login fout=${query.get("fout") ?? ""} ?logged-out=${query.has("uitgelogd")}></hd-eherkenning-login>`;
  }
}

define("hd-route-login", HdRouteLogin);

declare global {
  interface HTMLElementTagNameMap {
    "hd-route-login": HdRouteLogin;
  }
}
