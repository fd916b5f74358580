/**
 * contactRemover: removes a contact person in one conditional update. A school's last gemachtigde cannot be
 * removed (409 `last_authorised_contact`): the filter only matches while X is not a gemachtigde or another
 * contact is, so two parallel removals of a school's last two gemachtigden cannot both succeed. Removing a
 * gemachtigde is for gemachtigden and the helpdesk (403 `gemachtigde_required`), and is announced to them.
 */
import { Types } from "mongoose";
import type { OrganisationAccess } from "../../../http/organisation-access.js";
import type { Mailer } from "../../../infra/mailer.js";
import { actsAsGemachtigde } from "../../identity/policies.js";
import type { SessionPrincipal } from "../../identity/session-store.js";
import { accessFacts, recordOrganisationAudit } from "../organisation-audit.js";
import { OrganisationModel } from "../organisation.model.js";
import { announceGemachtigdeChange, notAuthorised } from "./gemachtigde-change.js";
import { diagnoseContactMiss, keepsSchoolAuthorised, organisationKind } from "./contact-rules.js";

/** Props of {@link contactRemover}. */
export interface ContactRemoverProps {
  organisationId: string;
  contactId: string;
  /** Who removes (for the audit log). */
  principal: SessionPrincipal;
  /** How the principal reaches the organisation (recorded in the audit log). */
  access?: OrganisationAccess | null | undefined;
  ip?: string | undefined;
  /** Announces a removed gemachtigde to the organisation's gemachtigden. */
  mailer: Mailer;
}

export async function contactRemover({ organisationId, contactId, principal, access, ip, mailer }: ContactRemoverProps): Promise<void> {
  const orgId = new Types.ObjectId(organisationId);
  const id = new Types.ObjectId(contactId);
  const kind = await organisationKind(orgId);
  const conditions: object[] = [{ "contacts._id": id }];
  if (kind === "school") conditions.push(keepsSchoolAuthorised(id));
  const gemachtigde = await actsAsGemachtigde(principal, organisationId);
  if (!gemachtigde) conditions.push(notAuthorised(id));
  const before = await OrganisationModel.findOneAndUpdate(
    { _id: orgId, kind, $and: conditions },
    { $pull: { contacts: { _id: id } }, $inc: { version: 1 } },
    { projection: { contacts: 1 }, returnDocument: "before" },
  )
    .lean()
    .exec();
  if (!before) return diagnoseContactMiss({ organisationId: orgId, contactId: id, revokesAuthorised: true, notGemachtigde: !gemachtigde });
  await recordOrganisationAudit({ type: "contact_removed", principal, organisationId: orgId, ip, data: { ...accessFacts(access), contactId } });
  const removed = before.contacts.find((c) => c._id.equals(id));
  if (removed?.roles.includes("authorised")) await announceGemachtigdeChange({ mailer, change: "revoked", organisationId: orgId, contact: removed, principal, access, ip });
}
