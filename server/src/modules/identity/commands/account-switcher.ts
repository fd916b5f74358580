/**
 * accountSwitcher: "Account toevoegen"/profile menu switch. Only to accounts currently linked to the identity
 * (re-read, links may have been revoked), or, for a linked board account, to one of its schools (the board
 * acts for the school).
 */
import { AppError } from "../../../contracts/errors.js";
import { Types } from "mongoose";

import { recordAudit } from "../../audit/record-audit.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import type { ContactSessionPrincipal } from "../session-store.js";
import { linkedOrganisationIds } from "./identity-resolver.js";

/** Props of {@link accountSwitcher}. */
export interface AccountSwitcherProps {
  principal: ContactSessionPrincipal;
  organisationId: string;
  ip?: string | undefined;
}

/** Returns the new principal (to be stored in the session). */
export async function accountSwitcher({ principal, organisationId, ip }: AccountSwitcherProps): Promise<ContactSessionPrincipal> {
  const accounts = await linkedOrganisationIds(principal.ehPseudonym, principal.kvk);
  let next: ContactSessionPrincipal | null = null;
  if (accounts.includes(organisationId)) {
    next = { ...principal, accounts, activeOrganisationId: organisationId, actingForSchoolId: null, accountChosen: true };
  } else if (Types.ObjectId.isValid(organisationId)) {
    const school = await OrganisationModel.findById(organisationId).select({ kind: 1, boardId: 1 }).lean().exec();
    const boardId = school?.kind === "school" && school.boardId ? String(school.boardId) : null;
    if (boardId && accounts.includes(boardId)) {
      next = { ...principal, accounts, activeOrganisationId: boardId, actingForSchoolId: organisationId, accountChosen: true };
    }
  }
  if (!next) throw new AppError("account_not_linked");
  await recordAudit({
    type: "switch",
    actor: { type: "contact", id: principal.ehPseudonym },
    organisationId,
    ip,
    data: next.actingForSchoolId ? { actingForBoard: next.activeOrganisationId } : {},
  });
  return next;
}
