/**
 * The authorization matrix of every "Mijn gegevens" and news route: anonymous, school contact (own school /
 * other school), board contact (own board / own school / school of another board), agent, supervisor → the exact
 * status. Real server, real HTTP, contacts logged in through the real eHerkenning simulator.
 */
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NewsItemModel } from "../../../server/src/modules/news/news-item.model.js";
import { newsRoutes } from "../../../server/src/modules/news/news.routes.js";
import { organisationRoutes } from "../../../server/src/modules/organisations/organisations.routes.js";
import { now } from "../../../server/src/infra/clock.js";
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

/** One row of the matrix: who, acting on which organisation, and whether the policy allows it. */
interface Caller {
  label: string;
  who: keyof PortalPeople;
  target: (w: PortalWorld) => { id: Types.ObjectId; kind: Kind };
  /** Policy outcome for organisation routes. */
  allowed: boolean | "anonymous";
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
  { label: "agent, a school", who: "agent", target: (w) => ({ id: w.schoolS2, kind: "school" }), allowed: true },
  { label: "agent, a board", who: "agent", target: (w) => ({ id: w.boardB, kind: "board" }), allowed: true },
  { label: "supervisor, a school", who: "supervisor", target: (w) => ({ id: w.schoolB1, kind: "school" }), allowed: true },
  { label: "supervisor, a board", who: "supervisor", target: (w) => ({ id: w.boardA, kind: "board" }), allowed: true },
];

const PRINCIPAL_ROWS = new Set(["anonymous", "school contact, own school", "board contact, own board", "agent, a school", "supervisor, a school"]);

function expectedStatus(route: RouteCase, caller: Caller, kind: Kind): number {
  if (caller.allowed === "anonymous") return 401;
  if (route.supervisorOnly) return caller.who === "supervisor" ? route.ok(kind) : 403;
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
  });

  const rows = routes.flatMap((route) =>
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
      if (res.status === 403) expect((res.body as { error: { id: string } }).error.id).toBe("forbidden");
    },
  );
});
