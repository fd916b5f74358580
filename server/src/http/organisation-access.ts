/**
 * The one policy question every organisation-scoped route asks: may this principal act for this organisation,
 * and how? Agents and supervisors may act for every organisation (they serve all of them). A contact may act for
 * the organisations linked to their eHerkenning identity and, when one of those is a board, for that board's
 * schools — never for another board's schools.
 */
import { Types } from "mongoose";
import { OrganisationModel } from "../modules/organisations/organisation.model.js";
import type { SessionPrincipal } from "../modules/identity/session-store.js";

/** How a principal reaches an organisation. */
export type OrganisationAccess =
  | { via: "agent"; organisationId: string }
  | { via: "own"; organisationId: string }
  | { via: "board"; organisationId: string; boardId: string };

/** Returns how `principal` may act for `organisationId`, or null when it may not (or the id is no organisation). */
export async function organisationAccess(principal: SessionPrincipal, organisationId: string): Promise<OrganisationAccess | null> {
  if (!Types.ObjectId.isValid(organisationId) || String(new Types.ObjectId(organisationId)) !== organisationId) return null;
  if (principal.type === "agent") {
    const exists = await OrganisationModel.exists({ _id: organisationId }).exec();
    return exists ? { via: "agent", organisationId } : null;
  }
  if (principal.accounts.includes(organisationId)) return { via: "own", organisationId };
  const org = await OrganisationModel.findById(organisationId).select({ kind: 1, boardId: 1 }).lean().exec();
  const boardId = org?.kind === "school" && org.boardId ? String(org.boardId) : null;
  if (boardId && principal.accounts.includes(boardId)) return { via: "board", organisationId, boardId };
  return null;
}
