/**
 * contactUpdater: changes a contact person's fields and/or roles in one conditional update.
 * - School, roles without `authorised`: only if X is not a gemachtigde now or another contact is
 *   (409 `last_authorised_contact`).
 * - Board, roles with `authorised`: only if no other contact is gemachtigde (409 `board_authorised_taken`).
 * - A new e-mail address must not belong to another contact person of the organisation (409 `conflict`).
 */
import { Types } from "mongoose";
import type { ContactPerson, ContactRole } from "../../../contracts/api/organisations.js";
import { AppError } from "../../../contracts/errors.js";
import type { OrganisationAccess } from "../../../http/organisation-access.js";
import type { SessionPrincipal } from "../../identity/session-store.js";
import { accessFacts, recordOrganisationAudit } from "../organisation-audit.js";
import { OrganisationModel, type Contact } from "../organisation.model.js";
import { presentContact } from "../organisation.presenter.js";
import { assertRolesAllowed, diagnoseContactMiss, emailFree, keepsSchoolAuthorised, noOtherAuthorised, organisationKind } from "./contact-rules.js";

/** Props of {@link contactUpdater}. */
export interface ContactUpdaterProps {
  organisationId: string;
  contactId: string;
  /** Validated changes (contracts `contactUpdateSchema`); `null` clears function/phone; `roles` replaces. */
  changes: { name?: string | undefined; function?: string | null | undefined; email?: string | undefined; phone?: string | null | undefined; roles?: ContactRole[] | undefined };
  /** Who changes (for the audit log). */
  principal: SessionPrincipal;
  /** How the principal reaches the organisation (recorded in the audit log). */
  access?: OrganisationAccess | null | undefined;
  ip?: string | undefined;
}

export async function contactUpdater({ organisationId, contactId, changes, principal, access, ip }: ContactUpdaterProps): Promise<ContactPerson> {
  const orgId = new Types.ObjectId(organisationId);
  const id = new Types.ObjectId(contactId);
  const kind = await organisationKind(orgId);
  if (changes.roles) assertRolesAllowed(kind, changes.roles);

  const set: Record<string, unknown> = {};
  for (const key of ["name", "function", "email", "phone", "roles"] as const) {
    if (changes[key] !== undefined) set[`contacts.$[c].${key}`] = changes[key];
  }
  const grantsAuthorised = changes.roles?.includes("authorised") === true;
  const revokesAuthorised = changes.roles !== undefined && !grantsAuthorised;
  const conditions: object[] = [{ "contacts._id": id }];
  if (changes.email) conditions.push(emailFree(changes.email, id));
  if (kind === "school" && revokesAuthorised) conditions.push(keepsSchoolAuthorised(id));
  if (kind === "board" && grantsAuthorised) conditions.push(noOtherAuthorised(id));

  const before = await OrganisationModel.findOneAndUpdate(
    { _id: orgId, kind, $and: conditions },
    { $set: set, $inc: { version: 1 } },
    { arrayFilters: [{ "c._id": id }], projection: { contacts: 1 }, returnDocument: "before" },
  )
    .lean()
    .exec();
  if (!before) {
    return diagnoseContactMiss({
      organisationId: orgId,
      contactId: id,
      ...(changes.email ? { email: changes.email } : {}),
      grantsAuthorised,
      revokesAuthorised,
    });
  }
  const old = before.contacts.find((c) => c._id.equals(id));
  if (!old) throw new AppError("contact_not_found");
  const updated: Contact = { ...old, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Contact;
  const changed = Object.keys(set)
    .map((path) => path.slice("contacts.$[c].".length) as keyof Contact)
    .filter((key) => JSON.stringify(old[key] ?? null) !== JSON.stringify(updated[key] ?? null));
  await recordOrganisationAudit({
    type: "contact_updated",
    principal,
    organisationId: orgId,
    ip,
    data: { ...accessFacts(access), contactId, fields: changed, ...(changed.includes("roles") ? { roles: updated.roles, previousRoles: old.roles } : {}) },
  });
  return presentContact(updated);
}
