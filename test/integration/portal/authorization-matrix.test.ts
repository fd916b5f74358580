/**
 * The authorization matrix of every "Mijn gegevens" and news route: anonymous, school gemachtigde (own school /
 * other school), board gemachtigde (own board / own school / school of another board), the same organisations'
 * colleagues without the role Gemachtigde, agent, supervisor → the exact status. Managing the role Gemachtigde
 * and the eHerkenning links is a second set of rows: colleagues get 403 there. Real server, real HTTP, contacts logged in through the real eHerkenning simulator.
 */
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NewsItemModel } from "../../../server/src/modules/news/news-item.model.js";
import { newsRoutes } from "../../../server/src/modules/news/news.routes.js";
import { organisationRoutes } from "../../../server/src/modules/organisations/organisations.routes.js";
import { now } from "../../../server/src/infra/clock.js";
import { OrganisationModel } from "../../../server/src/modules/organisations/organisation.model.js";
import { buildContact } from "../../factories/index.js";
import type { HttpClient } from "../../harness/http-client.js";
import { addPlainContact, startPortalEnv, type PortalEnv, type PortalPeople, type PortalWorld } from "./env.js";

type Kind = "school" | "board";

/** One route under test. `path` builds a fresh target (e.g. a new contact to delete) for each request. */
interface RouteCase {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Express-style path as declared, to check the table covers every route. */
  template: string;
  path(org: Types.ObjectId): Promise<string>;
  body?(): unknown;
  /** Status when the caller is allowed, by the kind of the target organisation. */
  ok(kind: Kind): number;
  supervisorOnly?: boolean;
  /** Only for a gemachtigde of the organisation (or of its board) and the helpdesk; colleagues get 403. */
  gemachtigdeOnly?: boolean;
}

let n = 0;
const org = (id: Types.ObjectId) => `/api/v1/organisations/${String(id)}`;
const newsId = async () =>
  String(
    (await NewsItemModel.create({ title: "Matrix", body: "Tekst", audience: { type: "all" }, publishedAt: now(), authorAgentId: new Types.ObjectId() }))._id,
  );

const routes: RouteCase[] = [
  { method: "GET", template: "/organisations/:organisationId", path: async (o) => org(o), ok: () => 200 },
  { method: "PATCH", template: "/organisations/:organisationId", path: async (o) => org(o), body: () => ({ phone: "030 765 4321" }), ok: () => 200 },
  { method: "GET", template: "/organisations/:organisationId/contacts", path: async (o) => `${org(o)}/contacts`, ok: () => 200 },
  {
    method: "POST",
    template: "/organisations/:organisationId/contacts",
    path: async (o) => `${org(o)}/contacts`,
    body: () => ({ name: "Nieuwe Persoon", email: `matrix${n++}@school.example.nl` }),
    ok: () => 201,
  },
  {
    method: "PATCH",
    template: "/organisations/:organisationId/contacts/:contactId",
    path: async (o) => `${org(o)}/contacts/${await addPlainContact(o)}`,
    body: () => ({ phone: "06 1234 5678" }),
    ok: () => 200,
  },
  {
    method: "DELETE",
    template: "/organisations/:organisationId/contacts/:contactId",
    path: async (o) => `${org(o)}/contacts/${await addPlainContact(o)}`,
    ok: () => 204,
  },
  { method: "GET", template: "/organisations/:organisationId/schools", path: async (o) => `${org(o)}/schools`, ok: (kind) => (kind === "board" ? 200 : 404) },
  { method: "GET", template: "/organisations/:organisationId/branches", path: async (o) => `${org(o)}/branches`, ok: () => 200 },
  { method: "GET", template: "/organisations/:organisationId/news", path: async (o) => `${org(o)}/news`, ok: () => 200 },
  { method: "GET", template: "/news", path: async () => "/api/v1/news", ok: () => 200, supervisorOnly: true },
  {
    method: "POST",
    template: "/news",
    path: async () => "/api/v1/news",
    body: () => ({ title: "Nieuw", body: "Tekst", audience: { type: "all" } }),
    ok: () => 201,
    supervisorOnly: true,
  },
  { method: "PATCH", template: "/news/:newsId", path: async () => `/api/v1/news/${await newsId()}`, body: () => ({ title: "Gewijzigd" }), ok: () => 200, supervisorOnly: true },
  { method: "POST", template: "/news/:newsId/withdraw", path: async () => `/api/v1/news/${await newsId()}/withdraw`, body: () => ({}), ok: () => 200, supervisorOnly: true },
];

/** An extra contact person with the role Gemachtigde, straight into the document; returns its id. */
async function addAuthorisedContact(organisationId: Types.ObjectId): Promise<string> {
  const contact = buildContact({ roles: ["authorised"] });
  await OrganisationModel.updateOne({ _id: organisationId }, { $push: { contacts: contact } }).exec();
  return String(contact._id);
}

/** Managing the role Gemachtigde and the eHerkenning links: the same paths, gemachtigde-only actions. */
const gemachtigdeRoutes: RouteCase[] = [
  {
    method: "POST",
    template: "/organisations/:organisationId/contacts",
    path: async (o) => `${org(o)}/contacts`,
    body: () => ({ name: "Nieuwe Gemachtigde", email: `matrix-g${n++}@school.example.nl`, roles: ["authorised"] }),
    // A board has at most one gemachtigde, and already has one.
    ok: (kind) => (kind === "board" ? 409 : 201),
    gemachtigdeOnly: true,
  },
  {
    method: "PATCH",
    template: "/organisations/:organisationId/contacts/:contactId",
    path: async (o) => `${org(o)}/contacts/${await addPlainContact(o)}`,
    body: () => ({ roles: ["authorised"] }),
    ok: (kind) => (kind === "board" ? 409 : 200),
    gemachtigdeOnly: true,
  },
  {
    method: "DELETE",
    template: "/organisations/:organisationId/contacts/:contactId",
    path: async (o) => `${org(o)}/contacts/${await addAuthorisedContact(o)}`,
    ok: () => 204,
    gemachtigdeOnly: true,
  },
  { method: "GET", template: "/organisations/:organisationId/links", path: async (o) => `${org(o)}/links`, ok: () => 200, gemachtigdeOnly: true },
];

/** One row of the matrix: who, acting on which organisation, and whether the policy allows it. */
interface Caller {
  label: string;
  who: keyof PortalPeople;
  target: (w: PortalWorld) => { id: Types.ObjectId; kind: Kind };
  /** Policy outcome for organisation routes. */
  allowed: boolean | "anonymous";
  /** Same organisation, but not (acting as) its gemachtigde. */
  colleague?: boolean;
}

const callers: Caller[] = [
  { label: "anonymous", who: "anonymous", target: (w) => ({ id: w.schoolS1, kind: "school" }), allowed: "anonymous" },
  { label: "school contact, own school", who: "schoolContact", target: (w) => ({ id: w.schoolS1, kind: "school" }), allowed: true },
  { label: "school contact, other school", who: "schoolContact", target: (w) => ({ id: w.schoolS2, kind: "school" }), allowed: false },
  { label: "school contact, another board", who: "schoolContact", target: (w) => ({ id: w.boardA, kind: "board" }), allowed: false },
  { label: "board contact, own board", who: "boardContact", target: (w) => ({ id: w.boardA, kind: "board" }), allowed: true },
  { label: "board contact, own school", who: "boardContact", target: (w) => ({ id: w.schoolA1, kind: "school" }), allowed: true },
  { label: "board contact, school of another board", who: "boardContact", target: (w) => ({ id: w.schoolB1, kind: "school" }), allowed: false },
  { label: "board contact, another board", who: "boardContact", target: (w) => ({ id: w.boardB, kind: "board" }), allowed: false },
  { label: "board contact, school without board", who: "boardContact", target: (w) => ({ id: w.schoolS2, kind: "school" }), allowed: false },
  { label: "school colleague, own school", who: "schoolColleague", target: (w) => ({ id: w.schoolS1, kind: "school" }), allowed: true, colleague: true },
  { label: "school colleague, other school", who: "schoolColleague", target: (w) => ({ id: w.schoolS2, kind: "school" }), allowed: false, colleague: true },
  { label: "board colleague, own board", who: "boardColleague", target: (w) => ({ id: w.boardA, kind: "board" }), allowed: true, colleague: true },
  { label: "board colleague, own school", who: "boardColleague", target: (w) => ({ id: w.schoolA1, kind: "school" }), allowed: true, colleague: true },
  { label: "board colleague, school of another board", who: "boardColleague", target: (w) => ({ id: w.schoolB1, kind: "school" }), allowed: false, colleague: true },
  { label: "agent, a school", who: "agent", target: (w) => ({ id: w.schoolS2, kind: "school" }), allowed: true },
  { label: "agent, a board", who: "agent", target: (w) => ({ id: w.boardB, kind: "board" }), allowed: true },
  { label: "supervisor, a school", who: "supervisor", target: (w) => ({ id: w.schoolB1, kind: "school" }), allowed: true },
  { label: "supervisor, a board", who: "supervisor", target: (w) => ({ id: w.boardA, kind: "board" }), allowed: true },
];

const PRINCIPAL_ROWS = new Set(["anonymous", "school contact, own school", "board contact, own board", "agent, a school", "supervisor, a school"]);

function expectedStatus(route: RouteCase, caller: Caller, kind: Kind): number {
  if (caller.allowed === "anonymous") return 401;
  if (route.supervisorOnly) return caller.who === "supervisor" ? route.ok(kind) : 403;
  if (route.gemachtigdeOnly && caller.colleague) return 403;
  return caller.allowed ? route.ok(kind) : 403;
}

let env: PortalEnv;
beforeAll(async () => {
  env = await startPortalEnv();
});
afterAll(async () => {
  await env?.stop();
});

describe("authorization matrix", () => {
  it("covers every route the organisations and news modules declare", () => {
    const declared = [...organisationRoutes, ...newsRoutes].map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
    expect(routes.map((r) => `${r.method} ${r.template}`).sort()).toEqual(declared);
    // The gemachtigde-only cases reuse declared contact paths, plus the identity module's links route.
    for (const r of gemachtigdeRoutes) expect([...declared, "GET /organisations/:organisationId/links"]).toContain(`${r.method} ${r.template}`);
  });

  const rows = [...routes, ...gemachtigdeRoutes].flatMap((route) =>
    callers
      // Supervisor-only routes are not organisation-scoped: one row per kind of principal is enough.
      .filter((c) => !route.supervisorOnly || PRINCIPAL_ROWS.has(c.label))
      .map((caller) => ({ route, caller })),
  );

  it.each(rows.map(({ route, caller }) => [`${route.method} ${route.template}`, caller.label, route, caller] as const))(
    "%s as %s",
    async (_name, _label, route, caller) => {
      const { id, kind } = caller.target(env.world);
      const client: HttpClient = env.people[caller.who];
      const path = await route.path(id);
      const res = await client.json(route.method, path, route.body?.());
      expect({ path, status: res.status }).toEqual({ path, status: expectedStatus(route, caller, kind) });
      if (res.status === 401) expect((res.body as { error: { id: string } }).error.id).toBe("unauthenticated");
      const colleagueOnOwn = route.gemachtigdeOnly && caller.colleague && caller.allowed && !route.template.endsWith("/links");
      if (res.status === 403) expect((res.body as { error: { id: string } }).error.id).toBe(colleagueOnOwn ? "gemachtigde_required" : "forbidden");
    },
  );
});
