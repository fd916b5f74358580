/**
 * The role rules of contact persons, as the filters of single-document conditional updates. No transactions
 * and no read-then-write: each command sends ONE `updateOne` whose filter only matches when the change keeps
 * the rules, and only when it matched nothing reads the document to say why (`diagnoseContactMiss`).
 *
 * - School: every contact has exactly one role (`authorised` or `other`); at least one `authorised` remains.
 * - Board: roles from `authorised` | `bron_development` | `rio` (or none); at most one `authorised`.
 */
import { Types } from "mongoose";
import { rolesFor, type ContactRole, type OrganisationKind } from "../../../contracts/api/organisations.js";
import { AppError } from "../../../contracts/errors.js";
import { OrganisationModel } from "../organisation.model.js";

/** 400 unless `roles` fit an organisation of `kind`. */
export function assertRolesAllowed(kind: OrganisationKind, roles: readonly ContactRole[]): void {
  const allowed = rolesFor(kind);
  const fail = (code: string, message: string) => {
    throw new AppError("validation_failed", { fields: { roles: { code, message } } });
  };
  if (roles.some((role) => !allowed.includes(role))) fail("role_not_allowed", `a ${kind} contact may have: ${allowed.join(", ")}`);
  if (kind === "school" && roles.length !== 1) fail(roles.length === 0 ? "role_required" : "too_many_roles", "a school contact has exactly one role");
}

/** The organisation's kind (immutable, so reading it first cannot race with the rules), or 404. */
export async function organisationKind(organisationId: Types.ObjectId): Promise<OrganisationKind> {
  const org = await OrganisationModel.findById(organisationId).select({ kind: 1 }).lean().exec();
  if (!org) throw new AppError("not_found");
  return org.kind;
}

/** Filter part: "someone other than X is a gemachtigde". */
export const otherAuthorised = (contactId: Types.ObjectId) => ({ contacts: { $elemMatch: { _id: { $ne: contactId }, roles: "authorised" } } });

/**
 * Filter part for a school: taking `authorised` away from X (by demoting or removing X) keeps a gemachtigde —
 * X is not a gemachtigde now, or someone else is.
 */
export const keepsSchoolAuthorised = (contactId: Types.ObjectId) => ({
  $or: [{ contacts: { $elemMatch: { _id: contactId, roles: { $ne: "authorised" } } } }, otherAuthorised(contactId)],
});

/** Filter part for a board: making X (or a new contact) gemachtigde keeps it the only one. */
export const noOtherAuthorised = (contactId: Types.ObjectId) => ({ $nor: [otherAuthorised(contactId)] });

/** Filter part: no contact other than X uses `email`. */
export const emailFree = (email: string, contactId?: Types.ObjectId) => ({
  $nor: [{ contacts: { $elemMatch: contactId ? { _id: { $ne: contactId }, email } : { email } } }],
});

/**
 * After a conditional update matched nothing: reads the document once and throws the reason — 404
 * `contact_not_found`, 403 `gemachtigde_required`, 409 `conflict` (e-mail in use), 409 `board_authorised_taken`, 409
 * `last_authorised_contact`. The flags say which rules the filter checked.
 */
export async function diagnoseContactMiss(props: {
  organisationId: Types.ObjectId;
  contactId?: Types.ObjectId;
  email?: string;
  /** The change would make the contact (or the new one) a gemachtigde. */
  grantsAuthorised?: boolean;
  /** The change takes `authorised` away from the contact (demote or remove). */
  revokesAuthorised?: boolean;
  /** The caller is no gemachtigde: touching the role Gemachtigde or a gemachtigde's e-mail is refused. */
  notGemachtigde?: boolean;
}): Promise<never> {
  const org = await OrganisationModel.findById(props.organisationId).select({ kind: 1, contacts: 1 }).lean().exec();
  if (!org) throw new AppError("not_found");
  const contact = props.contactId ? org.contacts.find((c) => c._id.equals(props.contactId!)) : undefined;
  if (props.contactId && !contact) throw new AppError("contact_not_found");
  if (props.notGemachtigde && contact) {
    const isAuthorised = contact.roles.includes("authorised");
    const emailChanges = props.email !== undefined && props.email !== contact.email;
    if (isAuthorised ? props.revokesAuthorised || emailChanges : props.grantsAuthorised) throw new AppError("gemachtigde_required");
  }
  const others = org.contacts.filter((c) => !props.contactId || !c._id.equals(props.contactId));
  if (props.email && others.some((c) => c.email === props.email)) {
    throw new AppError("conflict", { fields: { email: { code: "duplicate", message: "another contact person of this organisation uses this e-mail address" } } });
  }
  if (org.kind === "board" && props.grantsAuthorised && others.some((c) => c.roles.includes("authorised"))) throw new AppError("board_authorised_taken");
  if (org.kind === "school" && props.revokesAuthorised) throw new AppError("last_authorised_contact");
  // The document changed between the update and this read: the update really did not apply, so report a
  // conflict the person can retry.
  throw new AppError("conflict");
}
