import { html, nothing, type PropertyValues } from "lit";
import type { ContactList, ContactPerson } from "../../../server/src/contracts/api/organisations.js";
import { define } from "../../shared/define.js";
import { errorText, LocaleController, t } from "../../shared/i18n/index.js";
import { LightElement } from "../../shared/light-element.js";
import { HdAnnounceEvent, HdContactsChangedEvent } from "../events.js";
import "../hd-contact-form/hd-contact-form.js";
import { roleLabel, type HdContactSubmitEvent } from "../hd-contact-form/hd-contact-form.js";
import { toApiError, type PortalApi, type PortalApiError } from "../portal-api.js";
import { tileStyles } from "../tile-styles.js";
import { styles } from "./hd-contact-list.styles.js";

type Mode = { kind: "view" } | { kind: "add" } | { kind: "edit"; id: string };

/**
 * @summary "Contactpersonen" tile of Mijn gegevens: every contact person with function, e-mail, phone and roles;
 * add, edit (including roles) and remove, with a confirmation dialog before removal. A refused change (409
 * `last_authorised_contact` "Er moet altijd een gemachtigde zijn", `board_authorised_taken`) appears in an
 * alert above the list. After each change the list reloads, the result is announced and focus moves to the
 * affected person (or the heading when that person is gone).
 *
 * @event hd-announce - after an add, edit or removal.
 * @event hd-contacts-changed - after every change (the organisation's version moved on).
 */
export class HdContactList extends LightElement {
  static override styles = [tileStyles, styles];
  static override properties = {
    api: { attribute: false },
    organisationId: { type: String, attribute: "organisation-id" },
    list: { state: true },
    loadError: { state: true },
    listError: { state: true },
    mode: { state: true },
    busy: { state: true },
    formError: { state: true },
    removing: { state: true },
  };

  declare api: PortalApi | null;
  declare organisationId: string;
  declare list: ContactList | null;
  declare loadError: PortalApiError | null;
  /** A refused removal, shown above the list. */
  declare listError: PortalApiError | null;
  declare mode: Mode;
  declare busy: boolean;
  declare formError: PortalApiError | null;
  /** The person the confirmation dialog asks about. */
  declare removing: ContactPerson | null;

  protected readonly localeController = new LocaleController(this);
  private removeTrigger: HTMLElement | null = null;

  constructor() {
    super();
    this.api = null;
    this.organisationId = "";
    this.list = null;
    this.loadError = null;
    this.listError = null;
    this.mode = { kind: "view" };
    this.busy = false;
    this.formError = null;
    this.removing = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has("organisationId") || changed.has("api")) && this.api && this.organisationId) void this.reload();
  }

  private get base(): string {
    return `/api/v1/organisations/${this.organisationId}/contacts`;
  }

  /** (Re)reads the contact persons. */
  async reload(): Promise<void> {
    if (!this.api) return;
    try {
      this.list = await this.api.get<ContactList>(this.base);
      this.loadError = null;
    } catch (error) {
      this.loadError = toApiError(error);
    }
  }

  private async focusOn(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  private async openForm(mode: Mode): Promise<void> {
    this.mode = mode;
    this.formError = null;
    this.listError = null;
    await this.focusOn("hd-contact-form input");
  }

  private async closeForm(): Promise<void> {
    const previous = this.mode;
    this.mode = { kind: "view" };
    this.formError = null;
    await this.focusOn(previous.kind === "edit" ? `#hd-contact-edit-${previous.id}` : ".hd-contact-list__add");
  }

  private announce(message: string): void {
    this.dispatchEvent(new HdAnnounceEvent(`${t("details.saved")}. ${message}`));
    this.dispatchEvent(new HdContactsChangedEvent());
  }

  private async onSubmit(event: HdContactSubmitEvent): Promise<void> {
    if (!this.api || this.busy) return;
    const mode = this.mode;
    if (mode.kind === "edit" && Object.keys(event.contact).length === 0) {
      await this.closeForm();
      return;
    }
    this.busy = true;
    this.formError = null;
    try {
      const saved =
        mode.kind === "edit"
          ? await this.api.patch<ContactPerson>(`${this.base}/${mode.id}`, event.contact)
          : await this.api.post<ContactPerson>(this.base, event.contact);
      await this.reload();
      this.mode = { kind: "view" };
      this.announce(t(mode.kind === "edit" ? "contacts.saved" : "contacts.added", { name: saved.name }));
      await this.focusOn(`#hd-contact-name-${saved.id}`);
    } catch (error) {
      this.formError = toApiError(error);
    } finally {
      this.busy = false;
    }
  }

  private async askRemove(contact: ContactPerson, trigger: HTMLElement): Promise<void> {
    this.removeTrigger = trigger;
    this.listError = null;
    this.removing = contact;
    await this.updateComplete;
    const dialog = this.querySelector<HTMLDialogElement>(".hd-confirm");
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>(".hd-confirm__no")?.focus();
  }

  private closeDialog(): void {
    const dialog = this.querySelector<HTMLDialogElement>(".hd-confirm");
    if (dialog?.open) dialog.close();
  }

  /** Dialog closed (button, Escape): back to the button that opened it, if it still exists. */
  private onDialogClose(): void {
    this.removing = null;
    if (this.removeTrigger?.isConnected) this.removeTrigger.focus();
    this.removeTrigger = null;
  }

  private async confirmRemove(): Promise<void> {
    const contact = this.removing;
    if (!this.api || !contact || this.busy) return;
    this.busy = true;
    try {
      await this.api.delete<void>(`${this.base}/${contact.id}`);
      this.removeTrigger = null;
      this.closeDialog();
      await this.reload();
      this.announce(t("contacts.removed", { name: contact.name }));
      await this.focusOn("#hd-contacts-heading");
    } catch (error) {
      this.listError = toApiError(error);
      this.closeDialog();
    } finally {
      this.busy = false;
    }
  }

  private renderContact(c: ContactPerson, list: ContactList) {
    const editing = this.mode.kind === "edit" && this.mode.id === c.id;
    return html`<li class="hd-tile__item hd-contact-list__item" data-contact-id=${c.id}>
      <div>
        <h3 class="utrecht-heading-3 hd-contact-list__name" id=${`hd-contact-name-${c.id}`} tabindex="-1">${c.name}</h3>
        <div class="hd-contact-list__details">
          ${c.function ? html`<p>${c.function}</p>` : nothing}
          <p><a class="utrecht-link utrecht-link--html-a" href=${`mailto:${c.email}`}>${c.email}</a></p>
          ${c.phone ? html`<p>${c.phone}</p>` : nothing}
        </div>
        <ul class="hd-contact-list__roles" aria-label=${t(list.kind === "school" ? "contacts.role" : "contacts.roles")}>
          ${c.roles.length === 0
            ? html`<li class="hd-role hd-role--none">${t("contacts.noRole")}</li>`
            : c.roles.map((r) => html`<li class="hd-role hd-role--${r}">${t(roleLabel[r])}</li>`)}
        </ul>
      </div>
      ${editing
        ? nothing
        : html`<div class="hd-contact-list__actions">
            <button type="button" class="utrecht-button utrecht-button--secondary-action" id=${`hd-contact-edit-${c.id}`}
              @click=${() => this.openForm({ kind: "edit", id: c.id })}>
              ${t("contacts.edit")}<span class="hd-visually-hidden">: ${c.name}</span>
            </button>
            ${!list.mayManageGemachtigde && c.roles.includes("authorised")
              ? nothing
              : html`<button type="button" class="utrecht-button utrecht-button--subtle" id=${`hd-contact-remove-${c.id}`}
                  @click=${(e: Event) => this.askRemove(c, e.currentTarget as HTMLElement)}>
                  ${t("contacts.remove")}<span class="hd-visually-hidden">: ${c.name}</span>
                </button>`}
          </div>`}
      ${editing ? html`<div class="hd-contact-list__edit">${this.renderForm(list, c)}</div>` : nothing}
    </li>`;
  }

  private renderForm(list: ContactList, contact: ContactPerson | null) {
    return html`<hd-contact-form
      .contact=${contact}
      kind=${list.kind}
      .allowedRoles=${list.allowedRoles}
      ?lock-gemachtigde=${!list.mayManageGemachtigde}
      .busy=${this.busy}
      .error=${this.formError}
      @hd-contact-submit=${this.onSubmit}
      @hd-contact-cancel=${this.closeForm}
    ></hd-contact-form>`;
  }

  private renderDialog() {
    const c = this.removing;
    return html`<dialog class="hd-confirm" aria-labelledby="hd-confirm-title" aria-describedby="hd-confirm-text" @close=${this.onDialogClose}>
      ${c
        ? html`<h2 class="utrecht-heading-2" id="hd-confirm-title">${t("contacts.confirmTitle")}</h2>
            <p class="utrecht-paragraph" id="hd-confirm-text">${t("contacts.confirmText", { name: c.name })}</p>
            <div class="hd-button-row">
              <button type="button" class="utrecht-button utrecht-button--primary-action utrecht-button--danger hd-confirm__yes"
                aria-disabled=${this.busy ? "true" : "false"} @click=${this.confirmRemove}>
                ${this.busy ? t("common.busy") : t("contacts.confirmYes")}
              </button>
              <button type="button" class="utrecht-button utrecht-button--secondary-action hd-confirm__no" @click=${this.closeDialog}>
                ${t("contacts.confirmNo")}
              </button>
            </div>`
        : nothing}
    </dialog>`;
  }

  protected override render() {
    const list = this.list;
    return html`<section class="hd-tile hd-contacts" aria-labelledby="hd-contacts-heading">
      <div class="hd-tile__head">
        <h2 class="utrecht-heading-2" id="hd-contacts-heading" tabindex="-1">${t("contacts.heading")}</h2>
      </div>
      ${list ? html`<p class="utrecht-paragraph hd-tile__intro">${t(list.kind === "school" ? "contacts.introSchool" : "contacts.introBoard")}</p>` : nothing}
      ${list && !list.mayManageGemachtigde ? html`<p class="utrecht-paragraph hd-contact-list__gemachtigde-only">${t("contacts.gemachtigdeOnly")}</p>` : nothing}
      <div class="hd-contact-list__alert" role="alert">
        ${this.listError
          ? html`<div class="utrecht-alert utrecht-alert--error"><div class="utrecht-alert__content"><div class="utrecht-alert__message">
              <p class="utrecht-paragraph">${errorText(this.listError)}</p>
            </div></div></div>`
          : nothing}
      </div>
      ${this.loadError && !list
        ? html`<div class="utrecht-alert utrecht-alert--error"><div class="utrecht-alert__content"><div class="utrecht-alert__message">
            <p class="utrecht-paragraph">${t("details.loadError")} ${errorText(this.loadError)}</p>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => this.reload()}>${t("portal.retry")}</button>
          </div></div></div>`
        : !list
          ? html`<p class="utrecht-paragraph" role="status">${t("details.loading")}</p>`
          : html`${list.contacts.length === 0
                ? html`<p class="utrecht-paragraph">${t("contacts.empty")}</p>`
                : html`<ul class="hd-tile__list hd-contact-list__list">${list.contacts.map((c) => this.renderContact(c, list))}</ul>`}
              ${this.mode.kind === "add"
                ? html`<div class="hd-contact-list__add-form">${this.renderForm(list, null)}</div>`
                : html`<button type="button" class="utrecht-button utrecht-button--primary-action hd-contact-list__add" @click=${() => this.openForm({ kind: "add" })}>
                    ${t("contacts.add")}
                  </button>`}`}
      ${this.renderDialog()}
    </section>`;
  }
}

define("hd-contact-list", HdContactList);

declare global {
  interface HTMLElementTagNameMap {
    "hd-contact-list": HdContactList;
  }
}
