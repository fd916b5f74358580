import { html } from "lit";
import type { BranchList } from "../../../server/src/contracts/api/organisations.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { OrganisationResource } from "../organisation-resource.js";
import type { PortalApi } from "../portal-api.js";
import { tileStyles } from "../tile-styles.js";

/** @summary "Vestigingen" tile of a school's Mijn gegevens: each vestiging with its code, name and address. */
export class HdBranchesTile extends LightElement {
  static override styles = tileStyles;
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
  };

  declare api: PortalApi | null;
  declare organisationId: string;

  protected readonly localeController = new LocaleController(this);
  private readonly branches = new OrganisationResource(this, (api, id) => api.get<BranchList>(`/api/v1/organisations/${id}/branches`).then((list) => list.branches));

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
  }

  protected override render() {
    return html`<section class="hd-tile hd-branches" aria-labelledby="hd-branches-heading">
      <div class="hd-tile__head"><h2 class="utrecht-heading-2" id="hd-branches-heading">${t("branches.heading")}</h2></div>
      ${this.branches.render((branches) =>
        branches.length === 0
          ? html`<p class="utrecht-paragraph">${t("branches.empty")}</p>`
          : html`<ul class="hd-tile__list">
              ${branches.map(
                (b) => html`<li class="hd-tile__item">
                  <p class="utrecht-paragraph hd-branches__name"><strong>${b.name}</strong></p>
                  <p class="hd-tile__meta">${b.code}</p>
                  <p class="hd-tile__meta">${b.address.street} ${b.address.houseNumber}, ${b.address.postcode} ${b.address.city}</p>
                </li>`,
              )}
            </ul>`,
      )}
    </section>`;
  }
}

define("hd-branches-tile", HdBranchesTile);

declare global {
  interface HTMLElementTagNameMap {
    "hd-branches-tile": HdBranchesTile;
  }
}
