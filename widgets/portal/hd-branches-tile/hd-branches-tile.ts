import { html, type PropertyValues } from "lit";
import type { BranchItem, BranchList } from "../../../server/src/contracts/api/organisations.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { loadable } from "../loadable.js";
import { toApiError, type PortalApi, type PortalApiError } from "../portal-api.js";
import { tileStyles } from "../tile-styles.js";

/** @summary "Vestigingen" tile of a school's Mijn gegevens: each vestiging with its code, name and address. */
export class HdBranchesTile extends LightElement {
  static override styles = tileStyles;
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
    branches: { state: true },
    error: { state: true },
  };

  declare api: PortalApi | null;
  declare organisationId: string;
  declare branches: readonly BranchItem[] | null;
  declare error: PortalApiError | null;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
    this.branches = null;
    this.error = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("organisationId") || changed.has("api")) && this.api && this.organisationId) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    this.error = null;
    try {
      const list = await this.api.get<BranchList>(`/api/v1/organisations/${this.organisationId}/branches`);
      this.branches = list.branches;
    } catch (error) {
      this.error = toApiError(error);
    }
  }

  protected override render() {
    return html`<section class="hd-tile hd-branches" aria-labelledby="hd-branches-heading">
      <div class="hd-tile__head"><h2 class="utrecht-heading-2" id="hd-branches-heading">${t("branches.heading")}</h2></div>
      ${loadable(this.branches, this.error, () => void this.load(), (branches) =>
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
