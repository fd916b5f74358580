/**
 * contactUpdater: changes a contact person's fields and/or roles in one conditional update.
 * - School, roles without `authorised`: only if X is not a gemachtigde now or another contact is
 *   (409 `last_authorised_contact`).
 * - Board, roles with `authorised`: only if no other contact is gemachtigde (409 `board_authorised_taken`).
 * - A new e-mail address must not belong to another contact person of the organisation (409 `conflict`).
 * - Granting or taking away Gemachtigde, or changing a gemachtigde's e-mail address, is for gemachtigden and
 *   the helpdesk (403 `gemachtigde_required`); grants and removals are announced to the gemachtigden.
 */
import { Types } from "mongoose";
import type { ContactPerson, ContactRole } from "../../../contracts/api/organisations.js";
import { AppError } from "../../../contracts/errors.js";
import type { OrganisationAccess } from "../../../http/organisation-access.js";
import type { Mailer } from "../../../infra/mailer.js";
import { actsAsGemachtigde } from "../../identity/policies.js";
import type { SessionPrincipal } from "../../identity/session-store.js";
import { accessFacts, recordOrganisationAudit } from "../organisation-audit.js";
import { OrganisationModel, type Contact } from "../organisation.model.js";
import { presentContact } from "../organisation.presenter.js";
import { alreadyAuthorised, announceGemachtigdeChange, notAuthorised } from "./gemachtigde-change.js";
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
  /** Announces a granted or removed Gemachtigde role to the organisation's gemachtigden. */
  mailer: Mailer;
}

export async function contactUpdater({ organisationId, contactId, changes, principal, access, ip, mailer }: ContactUpdaterProps): Promise<ContactPerson> {
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
  const touchesGemachtigde = changes.roles !== undefined || changes.email !== undefined;
  const gemachtigde = touchesGemachtigde ? await actsAsGemachtigde(principal, organisationId) : true;
  if (!gemachtigde) {
    // Without the role yourself you may edit a gemachtigde's other fields and keep their role as it is, but not
    // grant it, take it away, or point their e-mail address elsewhere.
    if (grantsAuthorised) conditions.push(alreadyAuthorised(id));
    if (revokesAuthorised) conditions.push(notAuthorised(id));
    if (changes.email) conditions.push({ contacts: { $elemMatch: { _id: id, $or: [{ roles: { $ne: "authorised" } }, { email: changes.email }] } } });
  }

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
      notGemachtigde: !gemachtigde,
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
  const wasAuthorised = old.roles.includes("authorised");
  const isAuthorised = updated.roles.includes("authorised");
  if (wasAuthorised !== isAuthorised) {
    await announceGemachtigdeChange({ mailer, change: isAuthorised ? "granted" : "revoked", organisationId: orgId, contact: updated, principal, access, ip });
  }
  return presentContact(updated);
}
