import { html, nothing } from "lit";
import { historyPaths, type EvaluationList, type EvaluationView } from "../../../../server/src/contracts/api/history.js";
import { define } from "../../../shared/define.js";
import { LocaleController, t } from "../../../shared/i18n/index.js";
import { LightElement } from "../../../shared/light-element.js";
import { OrganisationResource } from "../../organisation-resource.js";
import type { PortalApi } from "../../portal-api.js";
import { formatCalendarDate, formatDay, formatKind, formatSize } from "../format.js";
import { styles } from "./hd-tab-evaluations.styles.js";

/**
 * @summary Tab "Evaluaties": the evaluation reports published for the organisation (title, period, summary,
 * the report to download), newest first; "Er zijn nog geen evaluaties" when there are none.
 *
 * Set by the portal shell: `organisation-id` and the `api` client.
 */
export class HdTabEvaluations extends LightElement {
  static override styles = styles;
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
  };

  declare api: PortalApi | null;
  declare organisationId: string;

  protected readonly localeController = new LocaleController(this);
  private readonly items = new OrganisationResource(this, (api, id) => api.get<EvaluationList>(historyPaths.evaluations(id)).then((list) => list.items));

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
  }

  private renderItem(e: EvaluationView) {
    return html`<li class="hd-tile__item">
      <article aria-labelledby=${`hd-evaluation-${e.id}`}>
        <h3 class="utrecht-heading-3" id=${`hd-evaluation-${e.id}`}>${e.title}</h3>
        <p class="hd-tile__meta">
          ${t("evaluations.period", { from: formatCalendarDate(e.periodStart), to: formatCalendarDate(e.periodEnd) })} ·
          <time datetime=${e.publishedAt}>${t("evaluations.published", { date: formatDay(e.publishedAt) })}</time>
        </p>
        <p class="utrecht-paragraph">${e.summary}</p>
        ${e.file
          ? html`<p class="utrecht-paragraph"><a class="utrecht-link" href=${e.file.downloadUrl} download>
              ${t("evaluations.download", { size: `${formatKind(e.file.contentType)}, ${formatSize(e.file.size)}` })}<span class="hd-visually-hidden">: ${e.title}</span></a></p>`
          : nothing}
      </article>
    </li>`;
  }

  protected override render() {
    if (!this.organisationId) return nothing;
    return html`<section class="hd-tile" aria-labelledby="hd-evaluations-heading">
      <div class="hd-tile__head"><h2 class="utrecht-heading-2" id="hd-evaluations-heading">${t("evaluations.heading")}</h2></div>
      ${this.items.render((items) =>
        items.length === 0
          ? html`<p class="utrecht-paragraph">${t("evaluations.empty")}</p>`
          : html`<ul class="hd-tile__list">${items.map((e) => this.renderItem(e))}</ul>`,
      )}
    </section>`;
  }
}

define("hd-tab-evaluations", HdTabEvaluations);

declare global {
  interface HTMLElementTagNameMap {
    "hd-tab-evaluations": HdTabEvaluations;
  }
}
