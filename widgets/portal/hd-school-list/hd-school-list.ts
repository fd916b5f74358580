import { html } from "lit";
import type { BoardSchool, BoardSchoolList } from "../../../server/src/contracts/api/organisations.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { HdOpenOrganisationEvent } from "../events.js";
import { OrganisationResource } from "../organisation-resource.js";
import type { PortalApi } from "../portal-api.js";
import { tileStyles } from "../tile-styles.js";

/**
 * @summary "Scholenlijst" tile of a board's Mijn gegevens: every school of the board as a link to that
 * school's portal (`/portaal/<schoolId>/mijn-gegevens`). A plain click asks the portal shell to open the school
 * with the board person acting for it; a new tab or window follows the link itself (the shell switches there).
 *
 * @event hd-open-organisation - {@link HdOpenOrganisationEvent} with the school's id.
 */
export class HdSchoolList extends LightElement {
  static override styles = tileStyles;
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
  };

  declare api: PortalApi | null;
  declare organisationId: string;

  protected readonly localeController = new LocaleController(this);
  private readonly schools = new OrganisationResource(this, (api, id) => api.get<BoardSchoolList>(`/api/v1/organisations/${id}/schools`).then((list) => list.schools));

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
  }

  private open(event: MouseEvent, school: BoardSchool): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.dispatchEvent(new HdOpenOrganisationEvent(school.id));
  }

  protected override render() {
    return html`<section class="hd-tile hd-schools" aria-labelledby="hd-schools-heading">
      <div class="hd-tile__head"><h2 class="utrecht-heading-2" id="hd-schools-heading">${t("schools.heading")}</h2></div>
      ${this.schools.render((schools) =>
        schools.length === 0
          ? html`<p class="utrecht-paragraph">${t("schools.empty")}</p>`
          : html`<p class="utrecht-paragraph hd-tile__intro">${t("schools.intro")}</p>
              <ul class="hd-tile__list">
                ${schools.map(
                  (s) => html`<li class="hd-tile__item">
                    <a class="utrecht-link utrecht-link--html-a hd-schools__link" href=${`/portaal/${s.id}/mijn-gegevens`}
                      data-full-navigation @click=${(e: MouseEvent) => this.open(e, s)}>${s.name}</a>
                    <p class="hd-tile__meta">${t("portal.code.school", { code: s.code })}${s.city ? ` · ${s.city}` : ""} · ${s.branchCount === 1 ? t("schools.branchesOne") : t("schools.branchesMany", { count: s.branchCount })}</p>
                  </li>`,
                )}
              </ul>`,
      )}
    </section>`;
  }
}

define("hd-school-list", HdSchoolList);

declare global {
  interface HTMLElementTagNameMap {
    "hd-school-list": HdSchoolList;
  }
}
