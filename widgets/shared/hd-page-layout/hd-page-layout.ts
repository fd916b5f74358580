import { html, nothing } from "lit";
import { define } from "../define.js";
import { LocaleController, t } from "../i18n/index.js";
import "../hd-language-switch/hd-language-switch.js";
import { LightElement } from "../light-element.js";
import { styles } from "./hd-page-layout.styles.js";

/** Id of the main landmark, target of the skip link. */
export const mainId = "hd-main";

/**
 * @summary Page frame for every Balie screen: skip link, banner with the "Balie" wordmark and the language
 * switch, one `<main>` landmark holding the page content, and a footer.
 *
 * Light DOM has no `<slot>`: the children present when the element first renders are moved into `<main>`;
 * children with `slot="header-actions"` go to the banner's right side (e.g. the profile menu). A parent Lit
 * template can keep updating its child content: its part markers move along with the content.
 *
 * @slot - (children) the page content, placed in `<main>`.
 * @slot header-actions - (children with this slot attribute) controls in the banner, before the language switch.
 * @cssproperty --hd-color-primary - banner background.
 */
export class HdPageLayout extends LightElement {
  static override styles = styles;
  static override properties = {
    homeHref: { type: String, attribute: "home-href" },
    showLanguageSwitch: { type: Boolean, attribute: "show-language-switch" },
    demo: { type: Boolean },
  };

  /** Where the wordmark links to; default "/". */
  declare homeHref: string;
  /** Show the language switch in the banner; default true. */
  declare showLanguageSwitch: boolean;
  /** The installation runs on demo data (the session says so): the footer tells people it is not real. */
  declare demo: boolean;

  protected readonly localeController = new LocaleController(this);
  private content: Node[] | undefined;
  private headerActions: Node[] = [];

  constructor() {
    super();
    this.homeHref = "/";
    this.showLanguageSwitch = true;
    this.demo = false;
  }

  override connectedCallback(): void {
    if (!this.content) {
      const children = [...this.childNodes];
      this.headerActions = children.filter((n) => n instanceof Element && n.getAttribute("slot") === "header-actions");
      this.content = children.filter((n) => !this.headerActions.includes(n));
    }
    super.connectedCallback();
  }

  private onSkip(event: Event): void {
    // Move focus, not only the scroll position, so the next Tab continues inside the content.
    event.preventDefault();
    const main = this.querySelector<HTMLElement>(`#${mainId}`);
    main?.focus();
    main?.scrollIntoView();
  }

  protected override render() {
    return html`
      <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href=${`#${mainId}`} @click=${this.onSkip}
        >${t("layout.skipToContent")}</a
      >
      <header class="utrecht-page-header hd-page-layout__header">
        <div class="hd-page-layout__bar">
          <div class="hd-page-layout__brand">
            <a class="hd-page-layout__wordmark" href=${this.homeHref} aria-label=${t("layout.homeLink")}
              >${t("layout.wordmark")}</a
            >
            <span class="hd-page-layout__tagline">${t("layout.tagline")}</span>
          </div>
          <div class="hd-page-layout__actions">
            ${this.headerActions}
            ${this.showLanguageSwitch ? html`<hd-language-switch></hd-language-switch>` : nothing}
          </div>
        </div>
      </header>
      <main class="hd-page-layout__main" id=${mainId} tabindex="-1">
        <div class="hd-page-layout__main-content">${this.content}</div>
      </main>
      ${this.demo
        ? html`<footer class="utrecht-page-footer hd-page-layout__footer">
            <div class="hd-page-layout__footer-content">
              <p class="utrecht-paragraph utrecht-paragraph--small">${t("layout.footerText")}</p>
            </div>
          </footer>`
        : nothing}
    `;
  }
}

define("hd-page-layout", HdPageLayout);

declare global {
  interface HTMLElementTagNameMap {
    "hd-page-layout": HdPageLayout;
  }
}
