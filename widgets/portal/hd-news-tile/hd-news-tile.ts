import { html } from "lit";
import type { OrganisationNewsList } from "../../../server/src/contracts/api/news.js";
import { define } from "../../shared/define.js";
import { getLocale, LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { displayTimeZone } from "../../shared/time-format.js";
import { OrganisationResource } from "../organisation-resource.js";
import type { PortalApi } from "../portal-api.js";
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
  };

  declare api: PortalApi | null;
  declare organisationId: string;

  protected readonly localeController = new LocaleController(this);
  private readonly items = new OrganisationResource(
    this,
    (api, id) =>
      api
        .get<OrganisationNewsList>(`/api/v1/organisations/${id}/news`)
        // The API sorts newest first; sorting again keeps the promise if that ever changes.
        .then((list) => [...list.items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))),
  );

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
  }

  protected override render() {
    return html`<section class="hd-tile hd-news" aria-labelledby="hd-news-heading">
      <div class="hd-tile__head"><h2 class="utrecht-heading-2" id="hd-news-heading">${t("news.heading")}</h2></div>
      ${this.items.render((items) =>
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
