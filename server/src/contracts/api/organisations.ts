/**
 * HTTP contract of "Mijn gegevens": organisation details, contact persons with roles, a board's scholenlijst and
 * a school's vestigingen. Zod schemas and inferred types only (no server imports), shared by the routes in
 * `server/src/modules/organisations/` and the portal in `client/` / `widgets/portal/`.
 *
 * Every route lives under `/api/v1/organisations/:organisationId/…` and needs a session (401 `unauthenticated`
 * otherwise). Who may call them (403 `forbidden` otherwise):
 * - a contact person for an organisation linked to their eHerkenning identity,
 * - a board contact person for the board's own schools (the board "acts for" the school),
 * - helpdesk agents and supervisors for every organisation (support; every change is audited).
 *
 * Errors use the common envelope `{ error: { id, message, fields?, correlationId? } }` (see `../errors.ts`).
 * Validation errors are 400 `validation_failed` with `fields: { "<dotted.path>": { code, message } }`; the
 * `code`s used here are listed in {@link FIELD_ERROR_CODES}. Unknown keys are rejected: the object's path
 * (`_root` for the body itself) gets code `unrecognized_keys`, its message names the keys. A value of the wrong type (e.g. `{ "$gt": "" }` where a string belongs) is `invalid_type`.
 * Every non-GET request needs the `X-CSRF-Token` header (403 `csrf_failed`).
 */
import { z } from "zod";
import {
  addressSchema as addressInputSchema,
  emailSchema,
  phoneSchema,
  websiteSchema,
} from "./values.js";
import { objectIdSchema } from "./auth.js";
import { noControlCharacters, singleLine } from "./single-line.js";

export { objectIdSchema };

// ---- shared pieces -------------------------------------------------------------------------------------------

/** Field error codes these routes produce (besides zod's generic `invalid_type`, `invalid_value`, …). */
export const FIELD_ERROR_CODES = [
  "required",
  "too_long",
  "unrecognized_keys",
  "invalid_id",
  "invalid_postcode",
  "invalid_house_number",
  "invalid_phone",
  "invalid_email",
  "invalid_website",
  "invalid_organisation_code",
  "unknown_organisation_code",
  "invalid_date",
  "role_not_allowed",
  "role_required",
  "too_many_roles",
  "duplicate_role",
  "duplicate_code",
  /** 409 `conflict`: another contact person of the organisation has this e-mail address (`fields.email`). */
  "duplicate",
  "empty_update",
] as const;

export const ORGANISATION_KINDS = ["school", "board"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Roles of a school contact person: Gemachtigde, Overige contactpersoon. A school always keeps ≥ 1 gemachtigde. */
export const SCHOOL_CONTACT_ROLES = ["authorised", "other"] as const;
/** Roles of a board contact person (none is fine too): Gemachtigde (at most one), Doorontwikkelen BRON, RIO. */
export const BOARD_CONTACT_ROLES = ["authorised", "bron_development", "rio"] as const;
/** Every role value. */
export const CONTACT_ROLES = ["authorised", "other", "bron_development", "rio"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** The roles an organisation of `kind` may hand out. */
export function rolesFor(kind: OrganisationKind): readonly ContactRole[] {
  return kind === "school" ? SCHOOL_CONTACT_ROLES : BOARD_CONTACT_ROLES;
}


/** Required free text: trimmed, not empty, at most `max` characters. */
const text = (max: number) => singleLine(max);
/** Optional free text: trimmed, may be empty (stored as null), at most `max` characters. */
const optionalText = (max: number) =>
  noControlCharacters(z.string().trim().max(max, { message: "too_long" })).transform((v) => (v === "" ? null : v));

/** `GET`/`PATCH /organisations/:organisationId` path. */
export const organisationParamsSchema = z.object({ organisationId: objectIdSchema });
export type OrganisationParams = z.infer<typeof organisationParamsSchema>;

/** Paths with a contact person. */
export const contactParamsSchema = z.object({ organisationId: objectIdSchema, contactId: objectIdSchema });
export type ContactParams = z.infer<typeof contactParamsSchema>;

/** An address as returned (postcode normalised `1234 AB`). */
export const addressSchema = z.object({
  street: z.string(),
  /** With addition (`12a`); for a Postbus the box number. */
  houseNumber: z.string(),
  postcode: z.string(),
  city: z.string(),
});
export type Address = z.infer<typeof addressSchema>;

/** An address as sent: every part validated, postcode `1234ab` → `1234 AB`. Unknown keys rejected. */
export const addressInputStrictSchema = addressInputSchema.extend({}).strict();
export type AddressInput = z.input<typeof addressInputStrictSchema>;

// ---- organisation details ------------------------------------------------------------------------------------

/** Short reference to another organisation. */
export const organisationRefSchema = z.object({
  id: objectIdSchema,
  kind: z.enum(ORGANISATION_KINDS),
  /** Instellingscode (`12AB`) or bestuursnummer (`41234`). */
  code: z.string(),
  name: z.string(),
});
export type OrganisationRef = z.infer<typeof organisationRefSchema>;

/** `GET /organisations/:organisationId` → 200. */
export const organisationDetailsSchema = z.object({
  id: objectIdSchema,
  kind: z.enum(ORGANISATION_KINDS),
  code: z.string(),
  name: z.string(),
  sector: z.enum(["po", "so"]),
  visitingAddress: addressSchema.nullable(),
  postalAddress: addressSchema.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  /** A school's board (null for a board or a school without one). */
  board: organisationRefSchema.nullable(),
  /** Number of vestigingen (school) or schools (board). */
  branchCount: z.number().int(),
  schoolCount: z.number().int(),
  /** Incremented by every change of the organisation (details and contact persons); send it back to PATCH. */
  version: z.number().int(),
  updatedAt: z.string(),
});
export type OrganisationDetails = z.infer<typeof organisationDetailsSchema>;

/**
 * `PATCH /organisations/:organisationId` → 200 {@link OrganisationDetails}. Send only what changes; `null`
 * clears an optional field (postal address, phone, e-mail, website). With `version`, the change is refused with
 * 409 `stale_version` when someone else changed the organisation meanwhile. Empty body → 400 `empty_update`.
 */
export const organisationDetailsUpdateSchema = z
  .object({
    name: text(160).optional(),
    visitingAddress: addressInputStrictSchema.optional(),
    postalAddress: addressInputStrictSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    email: emailSchema.nullable().optional(),
    website: websiteSchema.nullable().optional(),
    version: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).some((k) => k !== "version"), { message: "empty_update" });
export type OrganisationDetailsUpdate = z.input<typeof organisationDetailsUpdateSchema>;
export const ORGANISATION_UPDATE_ERRORS = ["validation_failed", "stale_version", "csrf_failed", "unauthenticated", "forbidden"] as const;

// ---- contact persons -----------------------------------------------------------------------------------------

/** A contact person as returned. */
export const contactSchema = z.object({
  id: objectIdSchema,
  name: z.string(),
  /** Job title ("Directeur"). */
  function: z.string().nullable(),
  email: z.string(),
  phone: z.string().nullable(),
  roles: z.array(z.enum(CONTACT_ROLES)),
});
export type ContactPerson = z.infer<typeof contactSchema>;

/** `GET /organisations/:organisationId/contacts` → 200. */
export const contactListSchema = z.object({
  organisationId: objectIdSchema,
  kind: z.enum(ORGANISATION_KINDS),
  /** The roles this organisation may hand out, in display order. */
  allowedRoles: z.array(z.enum(CONTACT_ROLES)),
  /**
   * Whether the caller may grant or take away the role Gemachtigde and change a gemachtigde's e-mail address:
   * a gemachtigde of this organisation or of its board, or the helpdesk. Others get 403 `gemachtigde_required`.
   */
  mayManageGemachtigde: z.boolean(),
  contacts: z.array(contactSchema),
  version: z.number().int(),
});
export type ContactList = z.infer<typeof contactListSchema>;

/**
 * Roles as sent: values from {@link CONTACT_ROLES}, each at most once. Whether they fit the organisation is
 * checked by the server (400, `fields.roles.code`): a school contact has exactly one of `authorised` | `other`
 * (`role_required`, `too_many_roles`); a board contact any of `authorised` | `bron_development` | `rio` or none;
 * anything else is `role_not_allowed`.
 */
export const rolesInputSchema = z
  .array(z.enum(CONTACT_ROLES))
  .max(CONTACT_ROLES.length)
  .refine((roles) => new Set(roles).size === roles.length, { message: "duplicate_role" });

/**
 * `POST /organisations/:organisationId/contacts` → 201 {@link ContactPerson}.
 * 409 `board_authorised_taken` when `roles` has `authorised` and the board already has a gemachtigde.
 */
export const contactCreateSchema = z
  .object({
    name: text(120),
    function: optionalText(120).nullable().optional(),
    email: emailSchema,
    phone: phoneSchema.nullable().optional(),
    /** Default: `["other"]` for a school, `[]` (geen rol) for a board. */
    roles: rolesInputSchema.optional(),
  })
  .strict();
export type ContactCreate = z.input<typeof contactCreateSchema>;

/**
 * `PATCH /organisations/:organisationId/contacts/:contactId` → 200 {@link ContactPerson}. Send only what changes;
 * `roles` replaces the whole list. 404 `contact_not_found`; 409 `last_authorised_contact` when this would leave a
 * school without a gemachtigde; 409 `board_authorised_taken` when a board already has another gemachtigde.
 */
export const contactUpdateSchema = z
  .object({
    name: text(120).optional(),
    function: optionalText(120).nullable().optional(),
    email: emailSchema.optional(),
    phone: phoneSchema.nullable().optional(),
    roles: rolesInputSchema.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "empty_update" });
export type ContactUpdate = z.input<typeof contactUpdateSchema>;

/**
 * `DELETE /organisations/:organisationId/contacts/:contactId` → 204. 404 `contact_not_found`;
 * 409 `last_authorised_contact` ("Er moet altijd een gemachtigde zijn") for a school's last gemachtigde.
 */
export const CONTACT_ERRORS = [
  "validation_failed",
  "contact_not_found",
  "last_authorised_contact",
  "board_authorised_taken",
  "csrf_failed",
  "unauthenticated",
  "forbidden",
] as const;

// ---- board: scholenlijst; school: vestigingen --------------------------------------------------------------

/** One school of a board. Opening it: `POST /api/v1/session/switch { organisationId: id }`. */
export const boardSchoolSchema = z.object({
  id: objectIdSchema,
  code: z.string(),
  name: z.string(),
  /** City of the visiting address. */
  city: z.string().nullable(),
  branchCount: z.number().int(),
});
export type BoardSchool = z.infer<typeof boardSchoolSchema>;

/** `GET /organisations/:organisationId/schools` → 200, sorted by name. A school (not a board) → 404 `not_found`. */
export const boardSchoolListSchema = z.object({ schools: z.array(boardSchoolSchema) });
export type BoardSchoolList = z.infer<typeof boardSchoolListSchema>;

/** One vestiging. */
export const branchSchema = z.object({
  /** Instellingscode + volgnummer, `12AB01`. */
  code: z.string(),
  name: z.string(),
  address: addressSchema,
});
export type BranchItem = z.infer<typeof branchSchema>;

/** `GET /organisations/:organisationId/branches` → 200 (a board has none), sorted by code. */
export const branchListSchema = z.object({ branches: z.array(branchSchema) });
export type BranchList = z.infer<typeof branchListSchema>;
