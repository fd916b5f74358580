/**
 * Identity policies: may this principal do this for this organisation?
 *
 * Who is "the gemachtigde" in a session? A contact principal is an eHerkenning identity, not a contact person,
 * so we map it by e-mail: the principal counts as gemachtigde of organisation X when its link to X's account
 * (or to the account of X's board) was made with the e-mail address of a contact person of that organisation
 * who has the role `authorised`. That address was proven by the PIN mail, so it is a fair tie.
 */
import { Types } from "mongoose";
import { OrganisationModel } from "../organisations/organisation.model.js";
import { EherkenningLinkModel } from "./eherkenning-link.model.js";
import type { SessionPrincipal } from "./session-store.js";

/** True when `principal` may list and remove eHerkenning links of `organisationId`. */
export async function mayManageLinks(principal: SessionPrincipal, organisationId: string): Promise<boolean> {
  if (principal.type === "agent") return true;
  const org = await OrganisationModel.findById(organisationId).select({ boardId: 1, contacts: 1 }).lean().exec();
  if (!org) return false;
  const candidates = [org];
  if (org.boardId) {
    const board = await OrganisationModel.findById(org.boardId).select({ boardId: 1, contacts: 1 }).lean().exec();
    if (board) candidates.push(board);
  }
  for (const candidate of candidates) {
    const authorisedEmails = candidate.contacts.filter((c) => c.roles.includes("authorised")).map((c) => c.email.toLowerCase());
    if (authorisedEmails.length === 0) continue;
    const own = await EherkenningLinkModel.findOne({
      pseudonym: principal.ehPseudonym,
      kvk: principal.kvk,
      organisationId: new Types.ObjectId(String(candidate._id)),
      email: { $in: authorisedEmails },
    })
      .lean()
      .exec();
    if (own) return true;
  }
  return false;
}
