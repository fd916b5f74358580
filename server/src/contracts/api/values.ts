/**
 * Value formats of the organisation domain: codes, Dutch postcode, phone, e-mail, KvK number.
 *
 * One place for each rule, used by the mongoose models (`match` + setters) and by the API's zod schemas, so a
 * value the API accepts is always a value the database accepts. Zod issues carry stable snake_case ids as their
 * message (`invalid_postcode`, …) so clients can map them to nl/en text. In contracts/ because the API schemas
 * that use them are loaded by browsers too.
 */
import { z } from "zod";
import { singleLine } from "./single-line.js";

/** Instellingscode (formerly BRIN) of a school: 2 digits + 2 capital letters, e.g. `12AB`. */
export const INSTELLINGSCODE_RE = /^\d{2}[A-Z]{2}$/;
/** Bestuursnummer of a board: 5 digits, e.g. `41234`. */
export const BESTUURSNUMMER_RE = /^\d{5}$/;
/** Vestiging (branch) code: the school's instellingscode + a 2-digit volgnummer, e.g. `12AB01`. */
export const BRANCH_CODE_RE = /^\d{2}[A-Z]{2}\d{2}$/;
/** KvK number (Chamber of Commerce): 8 digits; eHerkenning's LegalSubjectID. */
export const KVK_NUMBER_RE = /^\d{8}$/;
/**
 * Dutch postcode in its normalised form `1234 AB`. Postcodes never start with 0, so the first digit is 1-9
 * (stricter than `^\d{4} ?[A-Z]{2}$`, which would accept `0123 AB`).
 */
export const POSTCODE_RE = /^[1-9]\d{3} [A-Z]{2}$/;
/**
 * Dutch phone number once spaces, dashes, dots and parentheses are removed: 10 digits starting with 0
 * (`0301234567`, `0612345678`), `+31` + 9 digits, or an 0800/0900 service number (4-7 digits after it).
 */
export const PHONE_DIGITS_RE = /^(?:0[1-9]\d{8}|\+31[1-9]\d{8}|0[89]00\d{4,7})$/;
/** House number with optional addition: `12`, `12a`, `12-3`, `12 bis`; for a Postbus, the box number. */
export const HOUSE_NUMBER_RE = /^\d{1,5}(?:[ -]?[A-Za-z0-9]{1,6})?$/;
/** Pragmatic e-mail shape (the same check zod's `z.email()` makes, kept here for the mongoose side). */
export const EMAIL_RE = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** Upper-cases and trims a code, so `12ab` and ` 12AB ` both become `12AB`. */
export function normaliseCode(value: string): string {
  return value.trim().toUpperCase();
}

/** `1234ab`, `1234 ab`, ` 1234  AB ` → `1234 AB`. Values that do not look like a postcode are returned trimmed. */
export function normalisePostcode(value: string): string {
  const compact = value.replace(/\s+/g, "").toUpperCase();
  const match = /^(\d{4})([A-Z]{2})$/.exec(compact);
  return match ? `${match[1]} ${match[2]}` : value.trim();
}

/** Trims and collapses inner whitespace; the number keeps the grouping the person typed (`030 123 4567`). */
export function normalisePhone(value: string): string {
  return value.trim().replace(/\s+/g, " ");
}

/** True when the phone number is a valid Dutch number in any usual notation. */
export function isValidPhone(value: string): boolean {
  return PHONE_DIGITS_RE.test(value.replace(/[\s\-.()]/g, ""));
}

/** Trims and lower-cases an e-mail address. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** `true` for `12AB`, `false` for `12ab`, `1AB`, `12ABC`. Callers normalise first when they accept user input. */
export const isInstellingscode = (value: string): boolean => INSTELLINGSCODE_RE.test(value);
/** `true` for `41234`. */
export const isBestuursnummer = (value: string): boolean => BESTUURSNUMMER_RE.test(value);
/** `true` when `value` is a branch code; with `schoolCode`, also that it belongs to that school. */
export function isBranchCode(value: string, schoolCode?: string): boolean {
  return BRANCH_CODE_RE.test(value) && (schoolCode === undefined || value.startsWith(schoolCode));
}

// ---- zod schemas (API input) ------------------------------------------------------------------------------

/** Instellingscode, normalised to upper case. */
export const instellingscodeSchema = z
  .string()
  .max(10, { message: "invalid_instellingscode" })
  .overwrite(normaliseCode)
  .regex(INSTELLINGSCODE_RE, { message: "invalid_instellingscode" });

/** Bestuursnummer, 5 digits. */
export const bestuursnummerSchema = z
  .string()
  .max(10, { message: "invalid_bestuursnummer" })
  .overwrite((v) => v.trim())
  .regex(BESTUURSNUMMER_RE, { message: "invalid_bestuursnummer" });

/** Vestiging code, normalised to upper case. */
export const branchCodeSchema = z
  .string()
  .max(10, { message: "invalid_branch_code" })
  .overwrite(normaliseCode)
  .regex(BRANCH_CODE_RE, { message: "invalid_branch_code" });

/** KvK number, 8 digits. */
export const kvkNumberSchema = z
  .string()
  .max(12, { message: "invalid_kvk_number" })
  .overwrite((v) => v.trim())
  .regex(KVK_NUMBER_RE, { message: "invalid_kvk_number" });

/** Dutch postcode, normalised to `1234 AB`. */
export const postcodeSchema = z
  .string()
  .max(10, { message: "invalid_postcode" })
  .overwrite(normalisePostcode)
  .regex(POSTCODE_RE, { message: "invalid_postcode" });

/** Dutch phone number, whitespace collapsed. */
export const phoneSchema = z
  .string()
  .max(20, { message: "invalid_phone" })
  .overwrite(normalisePhone)
  .refine(isValidPhone, { message: "invalid_phone" });

/** E-mail address, trimmed and lower-cased. */
export const emailSchema = z
  .string()
  .max(254, { message: "invalid_email" })
  .overwrite(normaliseEmail)
  .regex(EMAIL_RE, { message: "invalid_email" });

/** Website: an http(s) URL. */
export const websiteSchema = z
  .string()
  .trim()
  .max(200, { message: "invalid_website" })
  .regex(/^https?:\/\/[^\s/$.?#].[^\s]*$/i, { message: "invalid_website" });

/** A postal or visiting address. `street` may be `Postbus` with the box number as `houseNumber`. */
export const addressSchema = z.object({
  street: singleLine(100),
  houseNumber: z.string().trim().max(12, { message: "too_long" }).regex(HOUSE_NUMBER_RE, { message: "invalid_house_number" }),
  postcode: postcodeSchema,
  city: singleLine(80),
});
export type AddressInput = z.infer<typeof addressSchema>;
