import { html, nothing, type PropertyValues } from "lit";
import type { ContactCreate, ContactPerson, ContactRole, ContactUpdate, OrganisationKind } from "../../../server/src/contracts/api/organisations.js";
import { define } from "../../shared/define.js";
import { FormElement, type FieldMap } from "../../shared/form-element.js";
import { fieldIds, submitButton, textField } from "../../shared/form-field.js";
import { t, type MessageKey } from "../../shared/i18n/index.js";
import { styles } from "./hd-contact-form.styles.js";

/**
 * Fired with the contact person to create (every field), or for an edit only the fields that changed (the API's
 * PATCH semantics; empty when nothing changed).
 */
export class HdContactSubmitEvent extends Event {
  static readonly eventName = "hd-contact-submit";
  constructor(readonly contact: ContactCreate | ContactUpdate) {
    super(HdContactSubmitEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Fired when the person cancels the form. */
export class HdContactCancelEvent extends Event {
  static readonly eventName = "hd-contact-cancel";
  constructor() {
    super(HdContactCancelEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Catalogue key of each role's name. */
export const roleLabel: Record<ContactRole, MessageKey> = {
  authorised: "role.authorised",
  other: "role.other",
  bron_development: "role.bron_development",
  rio: "role.rio",
};

/**
 * @summary Add/edit form for one contact person: name, function, e-mail, phone and role(s). A school contact
 * has exactly one role (a select: Gemachtigde / Overige contactpersoon); a board contact may have any of the
 * board roles or none (checkboxes: Gemachtigde, Doorontwikkelen BRON, RIO; none ticked is "geen rol"), as the
 * API's `roles` array allows.
 *
 * @event hd-contact-submit - {@link HdContactSubmitEvent}
 * @event hd-contact-cancel - {@link HdContactCancelEvent}
 */
export class HdContactForm extends FormElement {
  static override styles = styles;
  static override properties = {
    ...FormElement.properties,
    contact: { attribute: false },
    kind: { type: String },
    allowedRoles: { attribute: false },
    lockGemachtigde: { type: Boolean, attribute: "lock-gemachtigde" },
    values: { state: true },
  };

  /** The contact person being edited; null to add one. */
  declare contact: ContactPerson | null;
  declare kind: OrganisationKind;
  /** Roles this organisation may hand out, in display order (from the contact list response). */
  declare allowedRoles: readonly ContactRole[];
  /**
   * The person filling in the form is no gemachtigde: the role Gemachtigde cannot be given or taken away here,
   * and a gemachtigde's e-mail address is read-only (the server refuses it with `gemachtigde_required`).
   */
  declare lockGemachtigde: boolean;
  declare values: { name: string; function: string; email: string; phone: string; roles: ContactRole[] };

  constructor() {
    super();
    this.contact = null;
    this.kind = "school";
    this.allowedRoles = [];
    this.lockGemachtigde = false;
    this.values = { name: "", function: "", email: "", phone: "", roles: ["other"] };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("contact") || changed.has("kind")) {
      const c = this.contact;
      this.values = c
        ? { name: c.name, function: c.function ?? "", email: c.email, phone: c.phone ?? "", roles: [...c.roles] }
        : { name: "", function: "", email: "", phone: "", roles: this.kind === "school" ? ["other"] : [] };
    }
  }

  private get idPrefix(): string {
    return `hd-contact-${this.contact?.id ?? "new"}`;
  }

  protected override fields(): FieldMap {
    const p = this.idPrefix;
    return {
      name: { inputId: `${p}-name`, label: t("contacts.name") },
      function: { inputId: `${p}-function`, label: t("contacts.function") },
      email: { inputId: `${p}-email`, label: t("contacts.email") },
      phone: { inputId: `${p}-phone`, label: t("contacts.phone") },
      roles: { inputId: `${p}-roles`, label: t(this.kind === "school" ? "contacts.role" : "contacts.roles") },
    };
  }

  protected override validate(): Record<string, string> {
    const problems: Record<string, string> = {};
    if (!this.values.name.trim()) problems["name"] = "required";
    if (!this.values.email.trim()) problems["email"] = "required";
    return problems;
  }

  protected override submitValid(): void {
    const v = this.values;
    const next = {
      name: v.name.trim(),
      function: v.function.trim() || null,
      email: v.email.trim(),
      phone: v.phone.trim() || null,
      roles: this.allowedRoles.filter((r) => v.roles.includes(r)),
    };
    const old = this.contact;
    if (!old) {
      this.dispatchEvent(new HdContactSubmitEvent(next));
      return;
    }
    const changes: ContactUpdate = {};
    if (next.name !== old.name) changes.name = next.name;
    if (next.function !== old.function) changes.function = next.function;
    if (next.email !== old.email) changes.email = next.email;
    if (next.phone !== old.phone) changes.phone = next.phone;
    if (next.roles.join() !== this.allowedRoles.filter((r) => old.roles.includes(r)).join()) changes.roles = next.roles;
    this.dispatchEvent(new HdContactSubmitEvent(changes));
  }

  private set(name: "name" | "function" | "email" | "phone", value: string): void {
    this.values = { ...this.values, [name]: value };
  }

  private toggleRole(role: ContactRole, on: boolean): void {
    const roles = this.values.roles.filter((r) => r !== role);
    this.values = { ...this.values, roles: on ? [...roles, role] : roles };
  }

  /** The contact has the role Gemachtigde now (as saved, not as being edited). */
  private get isGemachtigde(): boolean {
    return this.contact?.roles.includes("authorised") ?? false;
  }

  /** Whether a role cannot be changed by this person: Gemachtigde, when they are no gemachtigde themselves. */
  private roleLocked(role: ContactRole): boolean {
    return this.lockGemachtigde && role === "authorised";
  }

  private renderRoles() {
    const id = `${this.idPrefix}-roles`;
    const error = this.fieldError("roles");
    const errorId = fieldIds(id).error;
    if (this.kind === "school") {
      const current = this.values.roles[0] ?? "other";
      const hintId = fieldIds(id).hint;
      return html`<div class="utrecht-form-field ${error ? "utrecht-form-field--invalid" : ""}">
        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=${id}>${t("contacts.role")}</label></div>
        <div class="utrecht-form-field__description utrecht-form-field-description" id=${hintId}>
          ${t("contacts.roleHintSchool")} ${this.lockGemachtigde ? t("contacts.gemachtigdeOnly") : nothing}
        </div>
        ${error ? html`<div class="utrecht-form-field-error-message" id=${errorId}>${error}</div>` : nothing}
        <div class="utrecht-form-field__input">
          <select
            class="utrecht-select utrecht-select--html-select"
            id=${id}
            name="roles"
            aria-describedby=${error ? `${hintId} ${errorId}` : hintId}
            aria-invalid=${error ? "true" : "false"}
            ?disabled=${this.lockGemachtigde && this.isGemachtigde}
            @change=${(e: Event) => (this.values = { ...this.values, roles: [(e.target as HTMLSelectElement).value as ContactRole] })}
          >
            ${this.allowedRoles.map(
              (r) => html`<option value=${r} ?selected=${r === current} ?disabled=${this.roleLocked(r) && r !== current}>${t(roleLabel[r])}</option>`,
            )}
          </select>
        </div>
      </div>`;
    }
    return html`<fieldset class="hd-contact-form__roles" id=${id} tabindex="-1" aria-describedby=${error ? `${id}-hint ${errorId}` : `${id}-hint`}>
      <legend>${t("contacts.roles")}</legend>
      <p class="utrecht-form-field-description" id=${`${id}-hint`}>
        ${t("contacts.rolesHint")} ${this.lockGemachtigde ? t("contacts.gemachtigdeOnly") : nothing}
      </p>
      ${error ? html`<p class="utrecht-form-field-error-message" id=${errorId}>${error}</p>` : nothing}
      ${this.allowedRoles.map((r) => {
        const inputId = `${id}-${r}`;
        return html`<div class="hd-contact-form__check">
          <input
            type="checkbox"
            class="utrecht-checkbox utrecht-checkbox--html-input"
            id=${inputId}
            name="roles"
            value=${r}
            .checked=${this.values.roles.includes(r)}
            ?disabled=${this.roleLocked(r)}
            @change=${(e: Event) => this.toggleRole(r, (e.target as HTMLInputElement).checked)}
          />
          <label for=${inputId}>${t(roleLabel[r])}</label>
        </div>`;
      })}
    </fieldset>`;
  }

  protected override render() {
    const p = this.idPrefix;
    const titleId = `${p}-title`;
    return html`<form class="hd-contact-form" novalidate aria-labelledby=${titleId} @submit=${this.onSubmit}>
      <h3 class="utrecht-heading-3 hd-contact-form__title" id=${titleId}>
        ${this.contact ? t("contacts.editTitle", { name: this.contact.name }) : t("contacts.addTitle")}
      </h3>
      ${this.renderSummary()}
      ${textField({ id: `${p}-name`, name: "name", label: t("contacts.name"), value: this.values.name, onInput: (v) => this.set("name", v), autocomplete: "off", required: true, maxlength: 120, error: this.fieldError("name") })}
      ${textField({ id: `${p}-function`, name: "function", label: `${t("contacts.function")} ${t("details.optional")}`, value: this.values.function, onInput: (v) => this.set("function", v), autocomplete: "off", maxlength: 120, error: this.fieldError("function") })}
      ${textField({ id: `${p}-email`, name: "email", label: t("contacts.email"), type: "email", value: this.values.email, onInput: (v) => this.set("email", v), autocomplete: "off", required: true, error: this.fieldError("email"), ...(this.lockGemachtigde && this.isGemachtigde ? { readonly: true, hint: t("contacts.gemachtigdeEmailLocked") } : {}) })}
      ${textField({ id: `${p}-phone`, name: "phone", label: `${t("contacts.phone")} ${t("details.optional")}`, hint: t("details.phoneHint"), value: this.values.phone, onInput: (v) => this.set("phone", v), autocomplete: "off", error: this.fieldError("phone") })}
      ${this.renderRoles()}
      <div class="hd-button-row">
        ${submitButton(t("details.save"), this.busy, t("common.busy"))}
        <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => this.dispatchEvent(new HdContactCancelEvent())}>
          ${t("details.cancel")}
        </button>
      </div>
    </form>`;
  }
}

define("hd-contact-form", HdContactForm);

declare global {
  interface HTMLElementTagNameMap {
    "hd-contact-form": HdContactForm;
  }
  interface HTMLElementEventMap {
    "hd-contact-submit": HdContactSubmitEvent;
    "hd-contact-cancel": HdContactCancelEvent;
  }
}
