/**
 * Organisations: schools (scholen) and boards (besturen) in one collection.
 *
 * Contact persons and their roles are embedded ON PURPOSE. Without multi-document transactions, the rules
 * "a school always has at least one gemachtigde" and "a board has at most one gemachtigde" can only be kept
 * if each change is one atomic conditional `updateOne` on this document, e.g. removing contact X from a school
 * only when another contact with role `authorised` exists:
 * `updateOne({ _id, contacts: { $elemMatch: { _id: { $ne: X }, roles: "authorised" } } }, { $pull: … })`.
 * The role commands own that logic; the schema validator below checks what one document can say about itself.
 */
import mongoose, { Schema, type HydratedDocument, type Model, type Types } from "mongoose";
import {
  CONTACT_ROLES,
  ORGANISATION_KINDS,
  rolesFor,
  type ContactRole,
  type OrganisationKind,
} from "../../contracts/api/organisations.js";
import { now } from "../../infra/clock.js";
import {
  BESTUURSNUMMER_RE,
  BRANCH_CODE_RE,
  EMAIL_RE,
  HOUSE_NUMBER_RE,
  INSTELLINGSCODE_RE,
  KVK_NUMBER_RE,
  POSTCODE_RE,
  isValidPhone,
  normaliseCode,
  normaliseEmail,
  normalisePhone,
  normalisePostcode,
} from "../../contracts/api/values.js";

/** Sectors. `po` primair onderwijs, `so` (voortgezet) speciaal onderwijs; news can target a sector. */
export const SECTORS = ["po", "so"] as const;
export type Sector = (typeof SECTORS)[number];

export interface Address {
  street: string;
  /** With addition (`12a`); for a postal address with `street: "Postbus"`, the box number. */
  houseNumber: string;
  /** Normalised `1234 AB`. */
  postcode: string;
  city: string;
}

/** A vestiging (location) of a school. */
export interface Branch {
  /** Instellingscode + 2-digit volgnummer, e.g. `12AB01`. */
  code: string;
  name: string;
  address: Address;
}

/** A contact person of an organisation. */
export interface Contact {
  _id: Types.ObjectId;
  name: string;
  /** Job title at the organisation ("Directeur", "Administratief medewerker"). */
  function?: string | null;
  email: string;
  phone?: string | null;
  /** School: `authorised` | `other`; board: any of `authorised` (≤ 1 per board) | `bron_development` | `rio`, or none. */
  roles: ContactRole[];
}

export interface Organisation {
  _id: Types.ObjectId;
  kind: OrganisationKind;
  /** Instellingscode (`12AB`) for a school, bestuursnummer (`41234`) for a board; unique per kind. */
  code: string;
  name: string;
  /** School → its board. Absent for boards. */
  boardId?: Types.ObjectId | null;
  sector: Sector;
  /**
   * KvK number of the legal entity (8 digits), which eHerkenning reports as LegalSubjectID. A school is not a
   * legal entity of its own, so it normally carries its board's KvK number; hence the index is not unique.
   */
  kvkNumber?: string | null;
  visitingAddress?: Address | null;
  postalAddress?: Address | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  /** Vestigingen; schools only. */
  branches: Branch[];
  contacts: Contact[];
  /** Incremented by every command that changes the document (optimistic checks, ETags). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type OrganisationDocument = HydratedDocument<Organisation>;
export type OrganisationModel = Model<Organisation>;

const addressSchema = new Schema<Address>(
  {
    street: { type: String, required: true, trim: true, maxlength: 100 },
    houseNumber: { type: String, required: true, trim: true, match: HOUSE_NUMBER_RE },
    postcode: { type: String, required: true, set: normalisePostcode, match: POSTCODE_RE },
    city: { type: String, required: true, trim: true, maxlength: 80 },
  },
  { _id: false },
);

const branchSchema = new Schema<Branch>(
  {
    code: { type: String, required: true, set: normaliseCode, match: BRANCH_CODE_RE },
    name: { type: String, required: true, trim: true, maxlength: 120 },
    address: { type: addressSchema, required: true },
  },
  { _id: false },
);

const phoneField = {
  type: String,
  set: (v: string | null | undefined) => (typeof v === "string" ? normalisePhone(v) : v),
  validate: { validator: (v: string | null | undefined) => v == null || isValidPhone(v), message: "invalid_phone" },
};
const emailField = {
  type: String,
  set: (v: string | null | undefined) => (typeof v === "string" ? normaliseEmail(v) : v),
  match: EMAIL_RE,
  maxlength: 254,
};

const contactSchema = new Schema<Contact>({
  name: { type: String, required: true, trim: true, maxlength: 120 },
  function: { type: String, trim: true, maxlength: 120 },
  email: { ...emailField, required: true },
  phone: phoneField,
  roles: { type: [{ type: String, enum: CONTACT_ROLES }], default: [] },
});

const organisationSchema = new Schema<Organisation, OrganisationModel>(
  {
    kind: { type: String, enum: ORGANISATION_KINDS, required: true },
    code: { type: String, required: true, set: normaliseCode },
    name: { type: String, required: true, trim: true, maxlength: 160 },
    boardId: { type: Schema.Types.ObjectId, ref: "Organisation", default: null },
    sector: { type: String, enum: SECTORS, required: true, default: "po" },
    kvkNumber: { type: String, trim: true, match: KVK_NUMBER_RE },
    visitingAddress: { type: addressSchema },
    postalAddress: { type: addressSchema },
    phone: phoneField,
    email: emailField,
    website: { type: String, trim: true, maxlength: 200, match: /^https?:\/\/\S+$/i },
    branches: { type: [branchSchema], default: [] },
    contacts: { type: [contactSchema], default: [] },
    version: { type: Number, required: true, default: 0, min: 0 },
  },
  {
    collection: "organisations",
    // `version` is ours (commands `$inc` it); mongoose's own `__v` would only count array changes made by save().
    versionKey: false,
    timestamps: { currentTime: () => now() },
  },
);

organisationSchema.index({ kind: 1, code: 1 }, { unique: true });
organisationSchema.index({ boardId: 1 });
organisationSchema.index({ kvkNumber: 1 });
/** "Account toevoegen" and "wachtwoord vergeten" look people up by e-mail across organisations. */
organisationSchema.index({ "contacts.email": 1 });

/**
 * Rules one organisation document must satisfy, as stable ids (`[]` when valid). Used by the schema validator,
 * the seed's invariant tests and the factories. With `requireAuthorised`, a school without a gemachtigde is a
 * violation too; the validator leaves that to the role commands, because a school registered through an
 * activation code may exist briefly before its first contact person.
 */
export function organisationRuleViolations(
  org: Pick<Organisation, "kind" | "code" | "boardId" | "branches" | "contacts">,
  options: { requireAuthorised?: boolean } = {},
): string[] {
  const problems: string[] = [];
  const isSchool = org.kind === "school";
  if (!(isSchool ? INSTELLINGSCODE_RE : BESTUURSNUMMER_RE).test(org.code)) {
    problems.push(isSchool ? "invalid_instellingscode" : "invalid_bestuursnummer");
  }
  if (!isSchool && org.boardId) problems.push("board_with_board");
  if (!isSchool && org.branches.length > 0) problems.push("board_with_branches");
  for (const branch of org.branches) {
    if (!branch.code.startsWith(org.code)) problems.push("branch_code_mismatch");
  }
  const allowed: readonly string[] = rolesFor(org.kind);
  for (const contact of org.contacts) {
    if (contact.roles.some((role) => !allowed.includes(role))) problems.push("role_not_allowed");
    if (new Set(contact.roles).size !== contact.roles.length) problems.push("duplicate_role");
  }
  const authorised = org.contacts.filter((c) => c.roles.includes("authorised")).length;
  if (!isSchool && authorised > 1) problems.push("board_authorised_limit");
  if (isSchool && options.requireAuthorised && authorised === 0) problems.push("last_authorised_contact");
  return [...new Set(problems)];
}

const VIOLATION_PATH: Record<string, string> = {
  invalid_instellingscode: "code",
  invalid_bestuursnummer: "code",
  board_with_board: "boardId",
  board_with_branches: "branches",
  branch_code_mismatch: "branches",
};

organisationSchema.pre("validate", function () {
  for (const problem of organisationRuleViolations(this)) {
    this.invalidate(VIOLATION_PATH[problem] ?? "contacts", problem);
  }
});

/** The organisations model. */
export const OrganisationModel: OrganisationModel =
  (mongoose.models.Organisation as OrganisationModel | undefined) ??
  mongoose.model<Organisation, OrganisationModel>("Organisation", organisationSchema);
