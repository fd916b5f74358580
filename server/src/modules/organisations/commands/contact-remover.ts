/**
 * contactRemover: removes a contact person in one conditional update. A school's last gemachtigde cannot be
 * removed (409 `last_authorised_contact`): the filter only matches while X is not a gemachtigde or another
 * contact is, so two parallel removals of a school's last two gemachtigden cannot both succeed.
 */
import { Types } from "mongoose";
import type { OrganisationAccess } from "../../../http/organisation-access.js";
import type { SessionPrincipal } from "../../identity/session-store.js";
import { accessFacts, recordOrganisationAudit } from "../organisation-audit.js";
import { OrganisationModel } from "../organisation.model.js";
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
}

export async function contactRemover({ organisationId, contactId, principal, access, ip }: ContactRemoverProps): Promise<void> {
  const orgId = new Types.ObjectId(organisationId);
  const id = new Types.ObjectId(contactId);
  const kind = await organisationKind(orgId);
  const conditions: object[] = [{ "contacts._id": id }];
  if (kind === "school") conditions.push(keepsSchoolAuthorised(id));
  const result = await OrganisationModel.updateOne({ _id: orgId, kind, $and: conditions }, { $pull: { contacts: { _id: id } }, $inc: { version: 1 } }).exec();
  if (result.matchedCount === 0) await diagnoseContactMiss({ organisationId: orgId, contactId: id, revokesAuthorised: true });
  await recordOrganisationAudit({ type: "contact_removed", principal, organisationId: orgId, ip, data: { ...accessFacts(access), contactId } });
}
