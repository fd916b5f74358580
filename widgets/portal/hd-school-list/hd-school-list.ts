import { html, type PropertyValues } from "lit";
import type { BoardSchool, BoardSchoolList } from "../../../server/src/contracts/api/organisations.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { HdOpenOrganisationEvent } from "../events.js";
import { loadable } from "../loadable.js";
import { toApiError, type PortalApi, type PortalApiError } from "../portal-api.js";
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
    schools: { state: true },
    error: { state: true },
  };

  declare api: PortalApi | null;
  declare organisationId: string;
  declare schools: readonly BoardSchool[] | null;
  declare error: PortalApiError | null;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
    this.schools = null;
    this.error = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("organisationId") || changed.has("api")) && this.api && this.organisationId) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    this.error = null;
    try {
      const list = await this.api.get<BoardSchoolList>(`/api/v1/organisations/${this.organisationId}/schools`);
      this.schools = list.schools;
    } catch (error) {
      this.error = toApiError(error);
    }
  }

  private open(event: MouseEvent, school: BoardSchool): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.dispatchEvent(new HdOpenOrganisationEvent(school.id));
  }

  protected override render() {
    return html`<section class="hd-tile hd-schools" aria-labelledby="hd-schools-heading">
      <div class="hd-tile__head"><h2 class="utrecht-heading-2" id="hd-schools-heading">${t("schools.heading")}</h2></div>
      ${loadable(this.schools, this.error, () => void this.load(), (schools) =>
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
