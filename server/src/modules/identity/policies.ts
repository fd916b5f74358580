/**
 * Identity policies: is this principal a gemachtigde of this organisation?
 *
 * A contact principal is an eHerkenning identity, not a contact person. Each eHerkenning link names the contact
 * person it speaks for (`contactId`, fixed when the link was made from the e-mail address the PIN proved). The
 * principal is gemachtigde of organisation X when one of its links to X (or to X's board) names a contact who
 * has the role `authorised` now. Editing a contact's e-mail address therefore never moves the role to someone
 * else's link.
 */
import { Types } from "mongoose";
import { OrganisationModel } from "../organisations/organisation.model.js";
import { EherkenningLinkModel } from "./eherkenning-link.model.js";
import type { SessionPrincipal } from "./session-store.js";

/**
 * True for the helpdesk (agents and supervisors), for a gemachtigde of `organisationId`, and for the gemachtigde
 * of its board. Only they may grant or take away the role Gemachtigde, change a gemachtigde's e-mail address,
 * and list or undo the organisation's eHerkenning links.
 */
export async function actsAsGemachtigde(principal: SessionPrincipal, organisationId: string): Promise<boolean> {
  if (principal.type === "agent") return true;
  if (!Types.ObjectId.isValid(organisationId)) return false;
  const org = await OrganisationModel.findById(organisationId).select({ boardId: 1, contacts: 1 }).lean().exec();
  if (!org) return false;
  const candidates = [org];
  if (org.boardId) {
    const board = await OrganisationModel.findById(org.boardId).select({ boardId: 1, contacts: 1 }).lean().exec();
    if (board) candidates.push(board);
  }
  for (const candidate of candidates) {
    const authorisedIds = candidate.contacts.filter((c) => c.roles.includes("authorised")).map((c) => c._id);
    if (authorisedIds.length === 0) continue;
    const own = await EherkenningLinkModel.exists({
      pseudonym: principal.ehPseudonym,
      kvk: principal.kvk,
      organisationId: new Types.ObjectId(String(candidate._id)),
      contactId: { $in: authorisedIds },
    }).exec();
    if (own) return true;
  }
  return false;
}
