import { html, nothing, type PropertyValues } from "lit";
import type { Address, OrganisationDetails } from "../../../server/src/contracts/api/organisations.js";
import { define } from "../../shared/define.js";
import { errorText, LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { HdAnnounceEvent, HdOrganisationChangedEvent } from "../events.js";
import "../hd-organisation-form/hd-organisation-form.js";
import type { HdOrganisationSaveEvent } from "../hd-organisation-form/hd-organisation-form.js";
import { toApiError, type PortalApi, type PortalApiError } from "../portal-api.js";
import { tileStyles } from "../tile-styles.js";

/**
 * @summary "Contactgegevens" tile of Mijn gegevens: the organisation's name, addresses, phone, e-mail, website
 * (and a school's board), with "Gegevens wijzigen" opening {@link HdOrganisationForm}. After a save the form
 * closes, "Opgeslagen" is shown and announced, and focus moves to the tile heading.
 *
 * Call `reload()` after other changes to the organisation (contact persons) so the next save carries the
 * current `version`.
 *
 * @event hd-announce - "Opgeslagen" after a save.
 * @event hd-organisation-changed - after a save (the name in the page header may need refreshing).
 */
export class HdOrganisationDetails extends LightElement {
  static override styles = tileStyles;
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
    details: { state: true },
    loadError: { state: true },
    editing: { state: true },
    saving: { state: true },
    saveError: { state: true },
    saved: { state: true },
  };

  declare api: PortalApi | null;
  declare organisationId: string;
  declare details: OrganisationDetails | null;
  declare loadError: PortalApiError | null;
  declare editing: boolean;
  declare saving: boolean;
  declare saveError: PortalApiError | null;
  declare saved: boolean;

  protected readonly localeController = new LocaleController(this);

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
    this.details = null;
    this.loadError = null;
    this.editing = false;
    this.saving = false;
    this.saveError = null;
    this.saved = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("organisationId") || changed.has("api")) && this.api && this.organisationId) void this.reload();
  }

  /** (Re)reads the details from the API; an earlier "Opgeslagen" notice goes away. */
  async reload(): Promise<void> {
    if (!this.api) return;
    this.saved = false;
    try {
      this.details = await this.api.get<OrganisationDetails>(`/api/v1/organisations/${this.organisationId}`);
      this.loadError = null;
    } catch (error) {
      this.loadError = toApiError(error);
    }
  }

  private async startEditing(): Promise<void> {
    this.saved = false;
    this.saveError = null;
    this.editing = true;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>("hd-organisation-form input")?.focus();
  }

  private async stopEditing(saved: boolean): Promise<void> {
    this.editing = false;
    this.saved = saved;
    await this.updateComplete;
    if (saved) {
      this.querySelector<HTMLElement>("#hd-details-heading")?.focus();
      this.dispatchEvent(new HdAnnounceEvent(t("details.saved")));
    } else {
      this.querySelector<HTMLElement>(".hd-details__edit")?.focus();
    }
  }

  private async onSave(event: HdOrganisationSaveEvent): Promise<void> {
    if (!this.api || !this.details || this.saving) return;
    if (Object.keys(event.changes).length === 0) {
      await this.stopEditing(true);
      return;
    }
    this.saving = true;
    this.saveError = null;
    try {
      this.details = await this.api.patch<OrganisationDetails>(`/api/v1/organisations/${this.organisationId}`, {
        ...event.changes,
        version: this.details.version,
      });
      this.dispatchEvent(new HdOrganisationChangedEvent(this.organisationId));
      await this.stopEditing(true);
    } catch (error) {
      this.saveError = toApiError(error);
    } finally {
      this.saving = false;
    }
  }

  private address(a: Address | null) {
    if (!a) return html`<span class="hd-muted">${t("details.notFilled")}</span>`;
    return html`${a.street} ${a.houseNumber}<br />${a.postcode} ${a.city}`;
  }

  private value(v: string | null, kind: "text" | "email" | "phone" | "url" = "text") {
    if (!v) return html`<span class="hd-muted">${t("details.notFilled")}</span>`;
    if (kind === "email") return html`<a class="utrecht-link utrecht-link--html-a" href=${`mailto:${v}`}>${v}</a>`;
    if (kind === "url") return html`<a class="utrecht-link utrecht-link--html-a" href=${v} rel="noopener noreferrer" target="_blank">${v}</a>`;
    return v;
  }

  private renderView(d: OrganisationDetails) {
    return html`
      ${this.saved
        ? html`<div class="utrecht-alert utrecht-alert--ok"><div class="utrecht-alert__content"><div class="utrecht-alert__message">
            <p class="utrecht-paragraph">${t("details.saved")}</p>
          </div></div></div>`
        : nothing}
      <dl class="hd-dl">
        <dt>${t("details.name")}</dt><dd>${d.name}</dd>
        <dt>${t("details.visitingAddress")}</dt><dd>${this.address(d.visitingAddress)}</dd>
        <dt>${t("details.postalAddress")}</dt><dd>${this.address(d.postalAddress)}</dd>
        <dt>${t("details.phone")}</dt><dd>${this.value(d.phone)}</dd>
        <dt>${t("details.email")}</dt><dd>${this.value(d.email, "email")}</dd>
        <dt>${t("details.website")}</dt><dd>${this.value(d.website, "url")}</dd>
        ${d.board ? html`<dt>${t("details.board")}</dt><dd>${d.board.name} (${d.board.code})</dd>` : nothing}
      </dl>`;
  }

  protected override render() {
    const d = this.details;
    return html`<section class="hd-tile hd-details" aria-labelledby="hd-details-heading">
      <div class="hd-tile__head">
        <h2 class="utrecht-heading-2" id="hd-details-heading" tabindex="-1">${this.editing ? t("details.editTitle") : t("details.heading")}</h2>
        ${d && !this.editing
          ? html`<button type="button" class="utrecht-button utrecht-button--secondary-action hd-details__edit" @click=${this.startEditing}>
              ${t("details.edit")}
            </button>`
          : nothing}
      </div>
      ${this.loadError && !d
        ? html`<div class="utrecht-alert utrecht-alert--error" role="alert"><div class="utrecht-alert__content"><div class="utrecht-alert__message">
              <p class="utrecht-paragraph">${t("details.loadError")} ${errorText(this.loadError)}</p>
              <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => this.reload()}>${t("portal.retry")}</button>
            </div></div></div>`
        : !d
          ? html`<p class="utrecht-paragraph" role="status">${t("details.loading")}</p>`
          : this.editing
            ? html`<hd-organisation-form
                .details=${d}
                .busy=${this.saving}
                .error=${this.saveError}
                @hd-organisation-save=${this.onSave}
                @hd-organisation-cancel=${() => this.stopEditing(false)}
              ></hd-organisation-form>`
            : this.renderView(d)}
    </section>`;
  }
}

define("hd-organisation-details", HdOrganisationDetails);

declare global {
  interface HTMLElementTagNameMap {
    "hd-organisation-details": HdOrganisationDetails;
  }
}
