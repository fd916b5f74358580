/**
 * Organisation documents → the API shapes of `contracts/api/organisations.ts`. Presenters pick fields
 * explicitly, so nothing stored (KvK number, internal flags) leaks by accident.
 */
import type { BoardSchool, BranchItem, ContactPerson, OrganisationDetails, OrganisationRef } from "../../contracts/api/organisations.js";
import type { Address, Branch, Contact, Organisation } from "./organisation.model.js";

type Lean<T> = Omit<T, never>;

function presentAddress(address: Address | null | undefined): OrganisationDetails["visitingAddress"] {
  return address ? { street: address.street, houseNumber: address.houseNumber, postcode: address.postcode, city: address.city } : null;
}

/** A short reference (`{ id, kind, code, name }`). */
export function presentOrganisationRef(org: Pick<Organisation, "_id" | "kind" | "code" | "name">): OrganisationRef {
  return { id: String(org._id), kind: org.kind, code: org.code, name: org.name };
}

/** `GET /organisations/:organisationId`. */
export function presentOrganisationDetails(
  org: Lean<Organisation>,
  extra: { board: Pick<Organisation, "_id" | "kind" | "code" | "name"> | null; schoolCount: number },
): OrganisationDetails {
  return {
    id: String(org._id),
    kind: org.kind,
    code: org.code,
    name: org.name,
    sector: org.sector,
    visitingAddress: presentAddress(org.visitingAddress),
    postalAddress: presentAddress(org.postalAddress),
    phone: org.phone ?? null,
    email: org.email ?? null,
    website: org.website ?? null,
    board: extra.board ? presentOrganisationRef(extra.board) : null,
    branchCount: org.branches?.length ?? 0,
    schoolCount: extra.schoolCount,
    version: org.version ?? 0,
    updatedAt: (org.updatedAt ?? org.createdAt).toISOString(),
  };
}

/** One contact person. */
export function presentContact(contact: Contact): ContactPerson {
  return {
    id: String(contact._id),
    name: contact.name,
    function: contact.function ?? null,
    email: contact.email,
    phone: contact.phone ?? null,
    roles: [...contact.roles],
  };
}

/** One vestiging. */
export function presentBranch(branch: Branch): BranchItem {
  return { code: branch.code, name: branch.name, address: presentAddress(branch.address)! };
}

/** One school of a board's scholenlijst. */
export function presentBoardSchool(school: Pick<Organisation, "_id" | "code" | "name" | "visitingAddress" | "branches">): BoardSchool {
  return {
    id: String(school._id),
    code: school.code,
    name: school.name,
    city: school.visitingAddress?.city ?? null,
    branchCount: school.branches?.length ?? 0,
  };
}
