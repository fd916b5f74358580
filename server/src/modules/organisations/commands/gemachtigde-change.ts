/**
 * The role Gemachtigde is managed by gemachtigden: granting or taking it away, and changing a gemachtigde's
 * e-mail address, is for a current gemachtigde of the organisation, the board's gemachtigde acting for its
 * school, or the helpdesk (identity/policies.ts). Other contact persons manage contacts with the other roles.
 * Every grant and removal is audited and mailed to all gemachtigden of the organisation (and to the person who
 * lost the role), so a change nobody expected is seen at once.
 */
import type { Types } from "mongoose";
import { AppError } from "../../../contracts/errors.js";
import type { OrganisationAccess } from "../../../http/organisation-access.js";
import type { Mailer } from "../../../infra/mailer.js";
import { actsAsGemachtigde } from "../../identity/policies.js";
import type { SessionPrincipal } from "../../identity/session-store.js";
import { accessFacts, recordOrganisationAudit } from "../organisation-audit.js";
import { OrganisationModel } from "../organisation.model.js";

/** Filter part: contact X exists and does not have the role Gemachtigde (what a non-gemachtigde may touch). */
export const notAuthorised = (contactId: Types.ObjectId) => ({ contacts: { $elemMatch: { _id: contactId, roles: { $ne: "authorised" } } } });

/** Filter part: contact X has the role Gemachtigde already (so keeping it is no grant). */
export const alreadyAuthorised = (contactId: Types.ObjectId) => ({ contacts: { $elemMatch: { _id: contactId, roles: "authorised" } } });

/** 403 `gemachtigde_required` unless the principal may manage the role for this organisation. */
export async function assertGemachtigde(principal: SessionPrincipal, organisationId: string): Promise<void> {
  if (!(await actsAsGemachtigde(principal, organisationId))) throw new AppError("gemachtigde_required");
}

/** Props of {@link announceGemachtigdeChange}. */
export interface GemachtigdeChangeProps {
  mailer: Mailer;
  change: "granted" | "revoked";
  organisationId: Types.ObjectId;
  /** The contact person who got or lost the role. */
  contact: { _id: Types.ObjectId; name: string; email: string };
  principal: SessionPrincipal;
  access?: OrganisationAccess | null | undefined;
  ip?: string | undefined;
}

/**
 * Audits the change and mails it to every gemachtigde of the organisation as it is now, plus the contact who
 * lost the role. The change has already happened, so a failed mail is recorded in the audit entry, not thrown.
 */
export async function announceGemachtigdeChange(props: GemachtigdeChangeProps): Promise<void> {
  const org = await OrganisationModel.findById(props.organisationId).select({ name: 1, code: 1, contacts: 1 }).lean().exec();
  const recipients = new Set((org?.contacts ?? []).filter((c) => c.roles.includes("authorised")).map((c) => c.email.toLowerCase()));
  if (props.change === "revoked") recipients.add(props.contact.email.toLowerCase());
  const orgName = org ? `${org.name} (${org.code})` : "uw organisatie";
  const by = props.principal.type === "agent" ? { nl: "de helpdesk", en: "the helpdesk" } : { nl: props.principal.name || "een gemachtigde", en: props.principal.name || "an authorised contact" };
  const what =
    props.change === "granted"
      ? { nl: `${props.contact.name} is nu gemachtigde van ${orgName}.`, en: `${props.contact.name} is now an authorised contact (gemachtigde) of ${orgName}.` }
      : { nl: `${props.contact.name} is geen gemachtigde meer van ${orgName}.`, en: `${props.contact.name} is no longer an authorised contact (gemachtigde) of ${orgName}.` };
  let failed = 0;
  for (const to of recipients) {
    try {
      await props.mailer.send({
        to,
        subject: "Wijziging gemachtigde in Balie / Change of authorised contact in Balie",
        text: [
          "Beste gemachtigde,",
          "",
          what.nl,
          `Deze wijziging is gedaan door ${by.nl}.`,
          "Klopt dit niet? Neem dan direct contact op met de helpdesk.",
          "",
          "---",
          what.en,
          `This change was made by ${by.en}. If this is not right, contact the helpdesk at once.`,
        ].join("\n"),
      });
    } catch {
      failed += 1;
    }
  }
  await recordOrganisationAudit({
    type: props.change === "granted" ? "gemachtigde_granted" : "gemachtigde_revoked",
    principal: props.principal,
    organisationId: props.organisationId,
    ip: props.ip,
    data: { ...accessFacts(props.access), contactId: String(props.contact._id), notified: recipients.size - failed, notifyFailed: failed },
  });
}
