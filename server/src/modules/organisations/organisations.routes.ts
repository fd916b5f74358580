/**
 * "Mijn gegevens" routes under `/api/v1/organisations/:organisationId`: details, contact persons with roles,
 * a board's scholenlijst, a school's vestigingen. Thin: schema → policy (`organisationParam`, see
 * http/organisation-access.ts) → one query or command → presenter. Contract: contracts/api/organisations.ts.
 *
 * Who may edit: contact persons for their own organisation, a board's contact persons for the board's schools,
 * and helpdesk agents and supervisors for every organisation (they keep data up to date on the phone; every
 * change is audited with who, how they reached the organisation and which fields changed).
 */
import {
  boardSchoolListSchema,
  branchListSchema,
  contactCreateSchema,
  contactListSchema,
  contactParamsSchema,
  contactSchema,
  contactUpdateSchema,
  organisationDetailsSchema,
  organisationDetailsUpdateSchema,
  organisationParamsSchema,
} from "../../contracts/api/organisations.js";
import { defineRoute, type RouteSpec } from "../../http/define-route.js";
import { contactAdder } from "./commands/contact-adder.js";
import { contactRemover } from "./commands/contact-remover.js";
import { contactUpdater } from "./commands/contact-updater.js";
import { organisationDetailsUpdater } from "./commands/organisation-details-updater.js";
import { listBoardSchools, listBranches, listContacts, presentOrganisationById } from "./organisation.queries.js";

const tag = "Mijn gegevens";
const base = "/organisations/:organisationId";

export const organisationRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: "get",
    path: base,
    summary: "Organisation details: name, code, addresses, phone, e-mail, website, board, version",
    tag,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    response: organisationDetailsSchema,
    handler: ({ params }) => presentOrganisationById(params.organisationId),
  }),
  defineRoute({
    method: "patch",
    path: base,
    summary: "Edit organisation details (send only what changes; optional version check → 409 stale_version); audited",
    tag,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    body: organisationDetailsUpdateSchema,
    response: organisationDetailsSchema,
    handler: ({ params, body, principal, access, req }) => {
      const { version, ...changes } = body;
      return organisationDetailsUpdater({ organisationId: params.organisationId, changes, expectedVersion: version, principal, access, ip: req.ip });
    },
  }),
  defineRoute({
    method: "get",
    path: `${base}/contacts`,
    summary: "Contact persons with their roles, and the roles this organisation may hand out",
    tag,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    response: contactListSchema,
    handler: ({ params, principal }) => listContacts(params.organisationId, principal),
  }),
  defineRoute({
    method: "post",
    path: `${base}/contacts`,
    summary: "Add a contact person (403 gemachtigde_required to add a gemachtigde without being one; 409 board_authorised_taken)",
    tag,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    body: contactCreateSchema,
    response: contactSchema,
    status: 201,
    handler: ({ params, body, principal, access, req, services }) =>
      contactAdder({ organisationId: params.organisationId, input: body, principal, access, ip: req.ip, mailer: services.mailer }),
  }),
  defineRoute({
    method: "patch",
    path: `${base}/contacts/:contactId`,
    summary: "Edit a contact person and/or their roles (403 gemachtigde_required; 409 last_authorised_contact, board_authorised_taken)",
    tag,
    auth: "principal",
    organisationParam: "organisationId",
    params: contactParamsSchema,
    body: contactUpdateSchema,
    response: contactSchema,
    handler: ({ params, body, principal, access, req, services }) =>
      contactUpdater({ organisationId: params.organisationId, contactId: params.contactId, changes: body, principal, access, ip: req.ip, mailer: services.mailer }),
  }),
  defineRoute({
    method: "delete",
    path: `${base}/contacts/:contactId`,
    summary: "Remove a contact person (403 gemachtigde_required for a gemachtigde; 409 last_authorised_contact)",
    tag,
    auth: "principal",
    organisationParam: "organisationId",
    params: contactParamsSchema,
    handler: ({ params, principal, access, req, services }) =>
      contactRemover({ organisationId: params.organisationId, contactId: params.contactId, principal, access, ip: req.ip, mailer: services.mailer }),
  }),
  defineRoute({
    method: "get",
    path: `${base}/schools`,
    summary: "A board's scholenlijst (name, code, city, number of vestigingen); 404 for a school",
    tag,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    response: boardSchoolListSchema,
    handler: ({ params }) => listBoardSchools(params.organisationId),
  }),
  defineRoute({
    method: "get",
    path: `${base}/branches`,
    summary: "A school's vestigingen (empty for a board)",
    tag,
    auth: "principal",
    organisationParam: "organisationId",
    params: organisationParamsSchema,
    response: branchListSchema,
    handler: ({ params }) => listBranches(params.organisationId),
  }),
];
