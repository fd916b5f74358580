import { html, nothing } from "lit";
import { historyPaths, type GtbOverview } from "../../../../server/src/contracts/api/history.js";
import { define } from "../../../shared/define.js";
import { getLocale, LocaleController, t } from "../../../shared/i18n/index.js";
import { LightElement } from "../../../shared/light-element.js";
import { OrganisationResource } from "../../organisation-resource.js";
import type { PortalApi } from "../../portal-api.js";
import { formatCalendarDate } from "../format.js";
import { styles } from "./hd-tab-gtb.styles.js";

/**
 * @summary Tab "GTB-overzicht": the pupil counts per peildatum as a read-only table with a caption, and the
 * "bijgewerkt tot" date, with the source's note that the figures are no longer current.
 *
 * Set by the portal shell: `organisation-id` and the `api` client.
 */
export class HdTabGtb extends LightElement {
  static override styles = styles;
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
  };

  declare api: PortalApi | null;
  declare organisationId: string;

  protected readonly localeController = new LocaleController(this);
  private readonly overview = new OrganisationResource(this, (api, id) => api.get<GtbOverview>(historyPaths.gtb(id)));

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
  }

  private renderOverview(o: GtbOverview) {
    if (!o.updatedUntil || o.counts.length === 0) return html`<p class="utrecht-paragraph">${t("gtb.empty")}</p>`;
    const number = new Intl.NumberFormat(getLocale() === "nl" ? "nl-NL" : "en-GB");
    const weighted = o.counts.some((c) => c.weightedPupils !== null);
    return html`<p class="utrecht-paragraph"><strong>${t("gtb.updatedUntil", { date: formatCalendarDate(o.updatedUntil) })}</strong></p>
      <div class="utrecht-alert utrecht-alert--info"><div class="utrecht-alert__content"><div class="utrecht-alert__message">
        <p class="utrecht-paragraph">${t("gtb.stale")}</p>
      </div></div></div>
      <table class="hd-history__table">
        <caption>${t("gtb.caption")}</caption>
        <thead><tr>
          <th scope="col">${t("gtb.col.date")}</th>
          <th scope="col" class="hd-history__num">${t("gtb.col.pupils")}</th>
          ${weighted ? html`<th scope="col" class="hd-history__num">${t("gtb.col.weighted")}</th>` : nothing}
        </tr></thead>
        <tbody>${o.counts.map((c) => html`<tr>
          <th scope="row"><time datetime=${c.referenceDate}>${formatCalendarDate(c.referenceDate)}</time></th>
          <td class="hd-history__num">${number.format(c.pupils)}</td>
          ${weighted ? html`<td class="hd-history__num">${c.weightedPupils === null ? "–" : number.format(c.weightedPupils)}</td>` : nothing}
        </tr>`)}</tbody>
      </table>`;
  }

  protected override render() {
    if (!this.organisationId) return nothing;
    return html`<section class="hd-tile" aria-labelledby="hd-gtb-heading">
      <div class="hd-tile__head"><h2 class="utrecht-heading-2" id="hd-gtb-heading">${t("gtb.heading")}</h2></div>
      <p class="utrecht-paragraph">${t("gtb.intro")}</p>
      ${this.overview.render((o) => this.renderOverview(o))}
    </section>`;
  }
}

define("hd-tab-gtb", HdTabGtb);

declare global {
  interface HTMLElementTagNameMap {
    "hd-tab-gtb": HdTabGtb;
  }
}
