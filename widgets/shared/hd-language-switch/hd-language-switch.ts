import { html } from "lit";
import { define } from "../define.js";
import { getLocale, LocaleController, locales, setLocale, t, type Locale } from "../i18n/index.js";
import { LightElement } from "../light-element.js";
import { styles } from "./hd-language-switch.styles.js";

/** Fired after the visitor switched the language. */
export class HdLocaleChangeEvent extends Event {
  static readonly eventName = "hd-locale-change";
  constructor(readonly locale: Locale) {
    super(HdLocaleChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary Language switch (Nederlands / English): a labelled navigation with one toggle button per language,
 * each named in its own language (`lang` set), the current one `aria-pressed="true"`. Switching stores the
 * choice, updates `<html lang>` and re-renders every element with a `LocaleController`.
 *
 * @event hd-locale-change - {@link HdLocaleChangeEvent} after a switch.
 */
export class HdLanguageSwitch extends LightElement {
  static override styles = styles;

  protected readonly localeController = new LocaleController(this);

  private choose(locale: Locale): void {
    if (locale === getLocale()) return;
    setLocale(locale);
    this.dispatchEvent(new HdLocaleChangeEvent(locale));
  }

  protected override render() {
    const current = getLocale();
    return html`
      <nav class="hd-language-switch" aria-label=${t("language.label")}>
        <ul class="hd-language-switch__list">
          ${locales.map(
            (locale) => html`<li>
              <button
                type="button"
                class="hd-language-switch__button"
                lang=${locale}
                aria-pressed=${locale === current ? "true" : "false"}
                @click=${() => this.choose(locale)}
              >
                ${t(locale === "nl" ? "language.nl" : "language.en")}
              </button>
            </li>`,
          )}
        </ul>
      </nav>
    `;
  }
}

define("hd-language-switch", HdLanguageSwitch);

declare global {
  interface HTMLElementTagNameMap {
    "hd-language-switch": HdLanguageSwitch;
  }
  interface HTMLElementEventMap {
    "hd-locale-change": HdLocaleChangeEvent;
  }
}
