import { html, type PropertyValues } from "lit";
import type { OrganisationNewsItem, OrganisationNewsList } from "../../../server/src/contracts/api/news.js";
import { define } from "../../shared/define.js";
import { getLocale, LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { displayTimeZone } from "../../shared/time-format.js";
import { loadable } from "../loadable.js";
import { toApiError, type PortalApi, type PortalApiError } from "../portal-api.js";
import { tileStyles } from "../tile-styles.js";

/** "3 maart 2025" / "3 March 2025" in Amsterdam time. */
function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale() === "nl" ? "nl-NL" : "en-GB", { timeZone: displayTimeZone, day: "numeric", month: "long", year: "numeric" }).format(date);
}

/**
 * @summary "Nieuws en mededelingen" tile: the helpdesk's announcements for this organisation, newest first, each
 * with its date and text (paragraphs split on blank lines).
 */
export class HdNewsTile extends LightElement {
  static override styles = tileStyles;
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
    items: { state: true },
    error: { state: true },
  };

  declare api: PortalApi | null;
  declare organisationId: string;
  declare items: readonly OrganisationNewsItem[] | null;
  declare error: PortalApiError | null;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
    this.items = null;
    this.error = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("organisationId") || changed.has("api")) && this.api && this.organisationId) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    this.error = null;
    try {
      const list = await this.api.get<OrganisationNewsList>(`/api/v1/organisations/${this.organisationId}/news`);
      // The API sorts newest first; sorting again keeps the promise if that ever changes.
      this.items = [...list.items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    } catch (error) {
      this.error = toApiError(error);
    }
  }

  protected override render() {
    return html`<section class="hd-tile hd-news" aria-labelledby="hd-news-heading">
      <div class="hd-tile__head"><h2 class="utrecht-heading-2" id="hd-news-heading">${t("news.heading")}</h2></div>
      ${loadable(this.items, this.error, () => void this.load(), (items) =>
        items.length === 0
          ? html`<p class="utrecht-paragraph">${t("news.empty")}</p>`
          : html`<ul class="hd-tile__list">
              ${items.map(
                (item) => html`<li class="hd-tile__item">
                  <article aria-labelledby=${`hd-news-${item.id}`}>
                    <h3 class="utrecht-heading-3" id=${`hd-news-${item.id}`}>${item.title}</h3>
                    <p class="hd-tile__meta"><time datetime=${item.publishedAt}>${t("news.published", { date: formatDate(item.publishedAt) })}</time></p>
                    ${item.body
                      .split(/\n\s*\n/)
                      .filter((p) => p.trim())
                      .map((p) => html`<p class="utrecht-paragraph">${p.trim()}</p>`)}
                  </article>
                </li>`,
              )}
            </ul>`,
      )}
    </section>`;
  }
}

define("hd-news-tile", HdNewsTile);

declare global {
  interface HTMLElementTagNameMap {
    "hd-news-tile": HdNewsTile;
  }
}
