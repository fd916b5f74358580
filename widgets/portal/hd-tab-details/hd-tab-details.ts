import { html, nothing } from "lit";
import type { OrganisationKind } from "../../../server/src/contracts/api/organisations.js";
import { define } from "../../shared/define.js";
import { LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import type { HdAnnounceEvent } from "../events.js";
import "../hd-branches-tile/hd-branches-tile.js";
import "../hd-contact-list/hd-contact-list.js";
import "../hd-news-tile/hd-news-tile.js";
import "../hd-organisation-details/hd-organisation-details.js";
import type { HdOrganisationDetails } from "../hd-organisation-details/hd-organisation-details.js";
import "../hd-school-list/hd-school-list.js";
import type { PortalApi } from "../portal-api.js";
import { styles } from "./hd-tab-details.styles.js";

/**
 * @summary The "Mijn gegevens" tab (seed 000, "Tabblad Mijn gegevens"): the organisation's contact details and
 * contact persons with roles; for a board also the scholenlijst; for a school the vestigingen; and the news.
 * Each tile loads its own data and shows its own loading and error state. One polite live region announces
 * what the tiles report ("Opgeslagen", "… is verwijderd.").
 *
 * Set by the portal shell: `organisation-id`, `organisation-kind` and the `api` client.
 */
export class HdTabDetails extends LightElement {
  static override styles = styles;
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
    organisationKind: { type: String, attribute: "organisation-kind" },
    announcement: { state: true },
  };

  declare api: PortalApi | null;
  declare organisationId: string;
  declare organisationKind: OrganisationKind;
  declare announcement: string;

  protected readonly localeController = new LocaleController(this);
  private clearTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
    this.organisationKind = "school";
    this.announcement = "";
  }

  private onAnnounce(event: HdAnnounceEvent): void {
    // Clear first, so the same text twice in a row is announced twice.
    this.announcement = "";
    clearTimeout(this.clearTimer);
    void this.updateComplete.then(() => {
      this.announcement = event.message;
      this.clearTimer = setTimeout(() => (this.announcement = ""), 10_000);
    });
  }

  private onContactsChanged(): void {
    void this.querySelector<HdOrganisationDetails>("hd-organisation-details")?.reload();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.clearTimer);
    super.disconnectedCallback();
  }

  protected override render() {
    if (!this.organisationId) return nothing;
    const board = this.organisationKind === "board";
    return html`<h2 class="hd-visually-hidden">${t("portal.tab.details")}</h2>
      <div class="hd-visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      <div class="hd-tab-details__grid" @hd-announce=${this.onAnnounce} @hd-contacts-changed=${this.onContactsChanged}>
        <div class="hd-tab-details__main">
          <hd-organisation-details .api=${this.api} organisation-id=${this.organisationId}></hd-organisation-details>
          ${board ? html`<hd-school-list .api=${this.api} organisation-id=${this.organisationId}></hd-school-list>` : nothing}
          <hd-contact-list .api=${this.api} organisation-id=${this.organisationId}></hd-contact-list>
        </div>
        <div class="hd-tab-details__side">
          ${board ? nothing : html`<hd-branches-tile .api=${this.api} organisation-id=${this.organisationId}></hd-branches-tile>`}
          <hd-news-tile .api=${this.api} organisation-id=${this.organisationId}></hd-news-tile>
        </div>
      </div>`;
  }
}

define("hd-tab-details", HdTabDetails);

declare global {
  interface HTMLElementTagNameMap {
    "hd-tab-details": HdTabDetails;
  }
}
