/**
 * Read side of "Mijn gegevens": organisation details, contact persons, a board's scholenlijst, a school's
 * vestigingen. The caller has already been authorised for `organisationId` (route policy).
 */
import { Types } from "mongoose";
import type { BoardSchoolList, BranchList, ContactList, OrganisationDetails } from "../../contracts/api/organisations.js";
import { rolesFor } from "../../contracts/api/organisations.js";
import { AppError } from "../../contracts/errors.js";
import { actsAsGemachtigde } from "../identity/policies.js";
import type { SessionPrincipal } from "../identity/session-store.js";
import { OrganisationModel, type Organisation } from "./organisation.model.js";
import { presentBoardSchool, presentBranch, presentContact, presentOrganisationDetails } from "./organisation.presenter.js";

async function findOrganisation(organisationId: string): Promise<Organisation> {
  const org = await OrganisationModel.findById(new Types.ObjectId(organisationId)).lean<Organisation>().exec();
  if (!org) throw new AppError("not_found");
  return org;
}

/** Details plus what the page shows around them (board, counts), presented. */
export async function presentOrganisationById(organisationId: string, org?: Organisation): Promise<OrganisationDetails> {
  const doc = org ?? (await findOrganisation(organisationId));
  const [board, schoolCount] = await Promise.all([
    doc.kind === "school" && doc.boardId
      ? OrganisationModel.findById(doc.boardId).select({ kind: 1, code: 1, name: 1 }).lean<Pick<Organisation, "_id" | "kind" | "code" | "name">>().exec()
      : Promise.resolve(null),
    doc.kind === "board" ? OrganisationModel.countDocuments({ boardId: doc._id, kind: "school" }).exec() : Promise.resolve(0),
  ]);
  return presentOrganisationDetails(doc, { board, schoolCount });
}

/** `GET /organisations/:organisationId/contacts`. */
export async function listContacts(organisationId: string, principal: SessionPrincipal): Promise<ContactList> {
  const org = await findOrganisation(organisationId);
  return {
    organisationId: String(org._id),
    kind: org.kind,
    allowedRoles: [...rolesFor(org.kind)],
    mayManageGemachtigde: await actsAsGemachtigde(principal, organisationId),
    contacts: org.contacts.map(presentContact),
    version: org.version ?? 0,
  };
}

/** `GET /organisations/:organisationId/schools`: a board's schools by name; 404 for a school. */
export async function listBoardSchools(organisationId: string): Promise<BoardSchoolList> {
  const org = await OrganisationModel.findById(new Types.ObjectId(organisationId)).select({ kind: 1 }).lean().exec();
  if (!org || org.kind !== "board") throw new AppError("not_found");
  const schools = await OrganisationModel.find({ boardId: org._id, kind: "school" })
    .select({ code: 1, name: 1, visitingAddress: 1, branches: 1 })
    .sort({ name: 1, code: 1 })
    .lean<Pick<Organisation, "_id" | "code" | "name" | "visitingAddress" | "branches">[]>()
    .exec();
  return { schools: schools.map(presentBoardSchool) };
}

/** `GET /organisations/:organisationId/branches`: a school's vestigingen by code (a board has none). */
export async function listBranches(organisationId: string): Promise<BranchList> {
  const org = await findOrganisation(organisationId);
  return { branches: [...org.branches].sort((a, b) => a.code.localeCompare(b.code)).map(presentBranch) };
}
