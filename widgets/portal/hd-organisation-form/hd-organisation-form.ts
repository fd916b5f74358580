import { html, type TemplateResult } from "lit";
import type { Address, OrganisationDetails, OrganisationDetailsUpdate } from "../../../server/src/contracts/api/organisations.js";
import { define } from "../../shared/define.js";
import { FormElement, type FieldMap } from "../../shared/form-element.js";
import { submitButton, textField } from "../../shared/form-field.js";
import { t, type MessageKey } from "../../shared/i18n/index.js";
import { styles } from "./hd-organisation-form.styles.js";

/** Fired with the changed fields only (may be empty: nothing changed). */
export class HdOrganisationSaveEvent extends Event {
  static readonly eventName = "hd-organisation-save";
  constructor(readonly changes: OrganisationDetailsUpdate) {
    super(HdOrganisationSaveEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Fired when the person cancels editing. */
export class HdOrganisationCancelEvent extends Event {
  static readonly eventName = "hd-organisation-cancel";
  constructor() {
    super(HdOrganisationCancelEvent.eventName, { bubbles: true, composed: true });
  }
}

type AddressKey = "visitingAddress" | "postalAddress";
const addressParts = ["street", "houseNumber", "postcode", "city"] as const;
type Values = Record<string, string>;

const emptyAddress: Address = { street: "", houseNumber: "", postcode: "", city: "" };

function valuesOf(d: OrganisationDetails): Values {
  const values: Values = { name: d.name, phone: d.phone ?? "", email: d.email ?? "", website: d.website ?? "" };
  for (const key of ["visitingAddress", "postalAddress"] as const) {
    const address = d[key] ?? emptyAddress;
    for (const part of addressParts) values[`${key}.${part}`] = address[part];
  }
  return values;
}

/**
 * @summary Edit form for an organisation's contact details (Mijn gegevens): name, visiting address, optional
 * postal address, phone, e-mail and website. Checks required fields itself; every other rule (postcode
 * `1234 AB`, phone, e-mail, website) comes back from the API as a field code and is shown at the field and in
 * the error summary. Emits only the fields that changed.
 *
 * @event hd-organisation-save - {@link HdOrganisationSaveEvent}
 * @event hd-organisation-cancel - {@link HdOrganisationCancelEvent}
 */
export class HdOrganisationForm extends FormElement {
  static override styles = styles;
  static override properties = {
    ...FormElement.properties,
    details: { attribute: false },
    values: { state: true },
  };

  declare details: OrganisationDetails | null;
  declare values: Values;

  constructor() {
    super();
    this.details = null;
    this.values = {};
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("details") && this.details) this.values = valuesOf(this.details);
  }

  private static readonly labels: Record<string, MessageKey> = {
    name: "details.name",
    street: "details.street",
    houseNumber: "details.houseNumber",
    postcode: "details.postcode",
    city: "details.city",
    phone: "details.phone",
    email: "details.email",
    website: "details.website",
  };

  private inputId(name: string): string {
    return `hd-org-${name.replace(".", "-")}`;
  }

  protected override fields(): FieldMap {
    const map: Record<string, { inputId: string; label: string }> = {};
    for (const name of ["name", "phone", "email", "website"]) map[name] = { inputId: this.inputId(name), label: t(HdOrganisationForm.labels[name]!) };
    for (const key of ["visitingAddress", "postalAddress"] as const) {
      for (const part of addressParts) {
        const group = t(key === "visitingAddress" ? "details.visitingAddress" : "details.postalAddress");
        map[`${key}.${part}`] = { inputId: this.inputId(`${key}.${part}`), label: `${group}, ${t(HdOrganisationForm.labels[part]!).toLowerCase()}` };
      }
    }
    // A whole-object error (e.g. `postalAddress`) is shown with its first input.
    map["visitingAddress"] = { inputId: this.inputId("visitingAddress.street"), label: t("details.visitingAddress") };
    map["postalAddress"] = { inputId: this.inputId("postalAddress.street"), label: t("details.postalAddress") };
    return map;
  }

  protected override validate(): Record<string, string> {
    const problems: Record<string, string> = {};
    const v = this.values;
    if (!v["name"]?.trim()) problems["name"] = "required";
    for (const part of addressParts) if (!v[`visitingAddress.${part}`]?.trim()) problems[`visitingAddress.${part}`] = "required";
    const postal = addressParts.map((p) => v[`postalAddress.${p}`]?.trim() ?? "");
    if (postal.some(Boolean)) {
      addressParts.forEach((part, i) => {
        if (!postal[i]) problems[`postalAddress.${part}`] = "required";
      });
    }
    return problems;
  }

  private address(key: AddressKey): Address | null {
    const parts = Object.fromEntries(addressParts.map((p) => [p, this.values[`${key}.${p}`]?.trim() ?? ""])) as unknown as Address;
    return Object.values(parts).some(Boolean) ? parts : null;
  }

  protected override submitValid(): void {
    const d = this.details;
    if (!d) return;
    const changes: OrganisationDetailsUpdate = {};
    const text = (name: "name" | "phone" | "email" | "website") => this.values[name]?.trim() ?? "";
    if (text("name") !== d.name) changes.name = text("name");
    for (const name of ["phone", "email", "website"] as const) {
      const value = text(name);
      if (value !== (d[name] ?? "")) changes[name] = value === "" ? null : value;
    }
    const visiting = this.address("visitingAddress");
    if (visiting && JSON.stringify(visiting) !== JSON.stringify(d.visitingAddress && { ...emptyAddress, ...d.visitingAddress })) changes.visitingAddress = visiting;
    const postal = this.address("postalAddress");
    const oldPostal = d.postalAddress ? JSON.stringify({ ...emptyAddress, ...d.postalAddress }) : null;
    if ((postal ? JSON.stringify(postal) : null) !== oldPostal) changes.postalAddress = postal;
    this.dispatchEvent(new HdOrganisationSaveEvent(changes));
  }

  private field(
    name: string,
    options: { type?: "text" | "email"; autocomplete?: string; hint?: string; required?: boolean; narrow?: boolean; markOptional?: boolean } = {},
  ): TemplateResult {
    const part = name.includes(".") ? name.split(".")[1]! : name;
    const required = options.required ?? false;
    // The postal address is optional as a whole (its legend says so), not field by field.
    const markOptional = !required && (options.markOptional ?? true);
    return textField({
      id: this.inputId(name),
      name,
      label: `${t(HdOrganisationForm.labels[part]!)}${markOptional ? ` ${t("details.optional")}` : ""}`,
      value: this.values[name] ?? "",
      onInput: (value) => (this.values = { ...this.values, [name]: value }),
      type: options.type ?? "text",
      ...(options.autocomplete ? { autocomplete: options.autocomplete } : {}),
      hint: options.hint,
      error: this.fieldError(name) ?? (name.endsWith(".street") ? this.fieldError(name.split(".")[0]!) : undefined),
      required,
      ...(options.narrow ? { inputClass: "hd-input-narrow" } : {}),
    });
  }

  private addressFields(key: AddressKey): TemplateResult {
    const required = key === "visitingAddress";
    const section = key === "visitingAddress" ? "section-visiting" : "section-postal";
    return html`<fieldset class="hd-organisation-form__fieldset">
      <legend class="hd-organisation-form__legend">
        ${t(key === "visitingAddress" ? "details.visitingAddress" : "details.postalAddress")}${required ? "" : ` ${t("details.optional")}`}
      </legend>
      <div class="hd-organisation-form__row">
        ${this.field(`${key}.street`, { required, markOptional: false, autocomplete: `${section} address-line1` })}
        ${this.field(`${key}.houseNumber`, { required, markOptional: false, narrow: true })}
      </div>
      <div class="hd-organisation-form__row">
        ${this.field(`${key}.postcode`, { required, markOptional: false, hint: t("details.postcodeHint"), autocomplete: `${section} postal-code`, narrow: true })}
        ${this.field(`${key}.city`, { required, markOptional: false, autocomplete: `${section} address-level2` })}
      </div>
    </fieldset>`;
  }

  protected override render() {
    return html`<form class="hd-organisation-form" novalidate @submit=${this.onSubmit}>
      ${this.renderSummary()}
      ${this.field("name", { required: true, autocomplete: "organization" })}
      ${this.addressFields("visitingAddress")}
      ${this.addressFields("postalAddress")}
      ${this.field("phone", { hint: t("details.phoneHint"), autocomplete: "tel" })}
      ${this.field("email", { type: "email", autocomplete: "email" })}
      ${this.field("website", { hint: t("details.websiteHint"), autocomplete: "url" })}
      <div class="hd-button-row">
        ${submitButton(t("details.save"), this.busy, t("common.busy"))}
        <button type="button" class="utrecht-button utrecht-button--secondary-action" @click=${() => this.dispatchEvent(new HdOrganisationCancelEvent())}>
          ${t("details.cancel")}
        </button>
      </div>
    </form>`;
  }
}

define("hd-organisation-form", HdOrganisationForm);

declare global {
  interface HTMLElementTagNameMap {
    "hd-organisation-form": HdOrganisationForm;
  }
  interface HTMLElementEventMap {
    "hd-organisation-save": HdOrganisationSaveEvent;
    "hd-organisation-cancel": HdOrganisationCancelEvent;
  }
}
