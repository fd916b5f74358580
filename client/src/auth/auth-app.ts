import { html, type TemplateResult } from "lit";
import { keyed } from "lit/directives/keyed.js";
import type { AuthPagePath, SessionResponse } from "../../../server/src/contracts/api/auth.js";
import { define } from "../../../widgets/shared/define.js";
import "../../../widgets/shared/hd-page-layout/hd-page-layout.js";
import { LocaleController, t, type MessageKey } from "../../../widgets/shared/i18n/index.js";
import { LightElement } from "../../../widgets/shared/light-element.js";
import { api } from "../shared/api.js";
import { RouterController } from "../shared/router.js";
import "./pages/accounts-page.js";
import "./pages/agent-login-page.js";
import "./pages/forgotten-page.js";
import "./pages/link-page.js";
import "./pages/login-page.js";
import "./pages/pin-page.js";
import "./pages/reset-page.js";
import { isAuthPath } from "./routes.js";

/** Route → page element and the catalogue key of its title. */
const pages: Record<AuthPagePath, { title: MessageKey; render: () => TemplateResult }> = {
  "/inloggen": { title: "login.title", render: () => html`<hd-route-login></hd-route-login>` },
  "/koppelen": { title: "link.title", render: () => html`<hd-route-link></hd-route-link>` },
  "/koppelen/pincode": { title: "pin.title", render: () => html`<hd-route-pin></hd-route-pin>` },
  "/wachtwoord-vergeten": { title: "forgotten.title", render: () => html`<hd-route-forgotten></hd-route-forgotten>` },
  "/wachtwoord-herstellen": { title: "reset.title", render: () => html`<hd-route-reset></hd-route-reset>` },
  "/account-kiezen": { title: "accounts.title", render: () => html`<hd-route-accounts></hd-route-accounts>` },
  "/medewerker/inloggen": { title: "agent.title", render: () => html`<hd-route-agent-login></hd-route-agent-login>` },
};

/**
 * @summary The identity entry (`auth.html`): page layout plus the page for the current path. In-page
 * navigations re-create the page element (fresh state), set the document title and move focus to the new
 * page's `<h1>` so screen readers announce it.
 */
export class HdAuthApp extends LightElement {
  static override properties = { demo: { state: true } };
  /** From the session: the footer says the installation runs on demo data. */
  declare demo: boolean;

  protected readonly localeController = new LocaleController(this);
  private readonly router = new RouterController(this, isAuthPath, () => this.afterNavigation());

  constructor() {
    super();
    this.demo = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Only the footer depends on it; a failure leaves the footer out and the page working.
    api.get<SessionResponse>("/api/v1/session").then(
      (session) => (this.demo = session.demo),
      () => undefined,
    );
  }

  private afterNavigation(): void {
    this.querySelector<HTMLElement>(".hd-page-heading")?.focus();
  }

  private currentPage(): { title: string; content: unknown } {
    const path = this.router.path;
    if (isAuthPath(path)) {
      const page = pages[path];
      return { title: t(page.title), content: keyed(location.pathname + location.search, page.render()) };
    }
    return {
      title: t("notFound.title"),
      content: html`<h1 class="utrecht-heading-1 hd-page-heading" tabindex="-1">${t("notFound.title")}</h1>
        <p class="utrecht-paragraph">${t("notFound.text")}</p>
        <p class="utrecht-paragraph"><a class="utrecht-link utrecht-link--html-a" href="/inloggen">${t("common.backToLogin")}</a></p>`,
    };
  }

  protected override render() {
    const page = this.currentPage();
    document.title = `${page.title} — ${t("layout.wordmark")}`;
    return html`<hd-page-layout home-href="/inloggen" .demo=${this.demo}>${page.content}</hd-page-layout>`;
  }
}

define("hd-auth-app", HdAuthApp);

declare global {
  interface HTMLElementTagNameMap {
    "hd-auth-app": HdAuthApp;
  }
}
