/**
 * contactAdder: adds a contact person to a school or board in one conditional update. A board's new
 * gemachtigde is only added while the board has none (409 `board_authorised_taken`); an e-mail address already
 * used by another contact person of the organisation is refused (409 `conflict`, `fields.email`). Adding a
 * gemachtigde is for gemachtigden and the helpdesk (403 `gemachtigde_required`), and is announced to them.
 */
import { Types } from "mongoose";
import type { ContactPerson, ContactRole } from "../../../contracts/api/organisations.js";
import type { OrganisationAccess } from "../../../http/organisation-access.js";
import type { Mailer } from "../../../infra/mailer.js";
import type { SessionPrincipal } from "../../identity/session-store.js";
import { accessFacts, recordOrganisationAudit } from "../organisation-audit.js";
import { OrganisationModel } from "../organisation.model.js";
import { presentContact } from "../organisation.presenter.js";
import { announceGemachtigdeChange, assertGemachtigde } from "./gemachtigde-change.js";
import { assertRolesAllowed, diagnoseContactMiss, emailFree, noOtherAuthorised, organisationKind } from "./contact-rules.js";

/** Props of {@link contactAdder}. */
export interface ContactAdderProps {
  organisationId: string;
  /** Validated input (contracts `contactCreateSchema`). */
  input: { name: string; function?: string | null | undefined; email: string; phone?: string | null | undefined; roles?: ContactRole[] | undefined };
  /** Who adds (for the audit log). */
  principal: SessionPrincipal;
  /** How the principal reaches the organisation (recorded in the audit log). */
  access?: OrganisationAccess | null | undefined;
  ip?: string | undefined;
  /** Announces a new gemachtigde to the organisation's gemachtigden. */
  mailer: Mailer;
}

export async function contactAdder({ organisationId, input, principal, access, ip, mailer }: ContactAdderProps): Promise<ContactPerson> {
  const orgId = new Types.ObjectId(organisationId);
  const kind = await organisationKind(orgId);
  const roles = input.roles ?? (kind === "school" ? ["other"] : []);
  assertRolesAllowed(kind, roles);
  const contact = {
    _id: new Types.ObjectId(),
    name: input.name,
    function: input.function ?? null,
    email: input.email,
    phone: input.phone ?? null,
    roles,
  };
  const grantsAuthorised = roles.includes("authorised");
  if (grantsAuthorised) await assertGemachtigde(principal, organisationId);
  const conditions: object[] = [emailFree(contact.email)];
  if (kind === "board" && grantsAuthorised) conditions.push(noOtherAuthorised(contact._id));
  const filter = { _id: orgId, kind, $and: conditions };
  const result = await OrganisationModel.updateOne(filter, { $push: { contacts: contact }, $inc: { version: 1 } }).exec();
  if (result.matchedCount === 0) await diagnoseContactMiss({ organisationId: orgId, email: contact.email, grantsAuthorised });
  await recordOrganisationAudit({
    type: "contact_added",
    principal,
    organisationId: orgId,
    ip,
    data: { ...accessFacts(access), contactId: String(contact._id), roles, fields: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] != null) },
  });
  if (grantsAuthorised) await announceGemachtigdeChange({ mailer, change: "granted", organisationId: orgId, contact, principal, access, ip });
  return presentContact(contact);
}
