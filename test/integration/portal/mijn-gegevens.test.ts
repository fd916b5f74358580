/**
 * "Mijn gegevens" read and edit paths over real HTTP: details with the board summary, audited edits (field
 * names, never values), a board acting for its school, the scholenlijst, vestigingen, news visibility and
 * management, and the OpenAPI document and docs page listing every route.
 */
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newsRoutes } from "../../../server/src/modules/news/news.routes.js";
import { organisationRoutes } from "../../../server/src/modules/organisations/organisations.routes.js";
import { OrganisationModel } from "../../../server/src/modules/organisations/organisation.model.js";
import type { NewsItem, OrganisationNewsList } from "../../../server/src/contracts/api/news.js";
import type { BoardSchoolList, BranchList, ContactList, OrganisationDetails } from "../../../server/src/contracts/api/organisations.js";
import { createBoardWithSchools, createSchool } from "../../factories/index.js";
import { loginAsContact } from "../../harness/login.js";
import { auditEvents, patch, startPortalEnv, type PortalEnv } from "./env.js";

let env: PortalEnv;
beforeAll(async () => {
  env = await startPortalEnv();
});
afterAll(async () => {
  await env?.stop();
});

const orgPath = (id: unknown) => `/api/v1/organisations/${String(id)}`;

describe("organisation details", () => {
  it("shows a school's details with its board, and a board's with its school count", async () => {
    const { board, schools } = await createBoardWithSchools(3);
    const client = await loginAsContact(env.server, [board._id], { active: schools[0]!._id });
    const school = await client.get<OrganisationDetails>(orgPath(schools[0]!._id));
    expect(school.status).toBe(200);
    expect(school.body).toMatchObject({
      id: String(schools[0]!._id),
      kind: "school",
      code: schools[0]!.code,
      board: { id: String(board._id), kind: "board", code: board.code, name: board.name },
      branchCount: 1,
      version: 0,
    });
    expect(school.body.visitingAddress?.postcode).toMatch(/^\d{4} [A-Z]{2}$/);
    const own = await client.get<OrganisationDetails>(orgPath(board._id));
    expect(own.body).toMatchObject({ kind: "board", board: null, schoolCount: 3 });
    expect(Object.keys(own.body)).not.toContain("kvkNumber");
  });

  it("records each edit in the audit log with the changed field names and how the editor got there, not the values", async () => {
    const { board, schools } = await createBoardWithSchools(1);
    const boardPerson = await loginAsContact(env.server, [board._id]);
    const res = await patch<OrganisationDetails>(boardPerson, orgPath(schools[0]!._id), {
      phone: "0344 612 345",
      email: "Nieuw@School.example.nl",
      website: schools[0]!.website,
      postalAddress: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: "0344 612 345", email: "nieuw@school.example.nl", postalAddress: null, version: 1 });
    const stored = await OrganisationModel.findById(schools[0]!._id).lean();
    expect(stored).toMatchObject({ phone: "0344 612 345", email: "nieuw@school.example.nl", postalAddress: null, version: 1 });

    const [entry] = await auditEvents({ type: "organisation_updated", organisationId: schools[0]!._id });
    expect(entry?.actor.type).toBe("contact");
    // The website was sent unchanged, so it is not listed.
    expect(entry?.data).toMatchObject({ fields: ["postalAddress", "phone", "email"], via: "board", boardId: String(board._id) });
    expect(JSON.stringify(entry)).not.toMatch(/0344|nieuw@/);

    await patch(env.people.agent, orgPath(schools[0]!._id), { name: "OBS De Regenboog" });
    const [byAgent] = await auditEvents({ type: "organisation_updated", organisationId: schools[0]!._id, "actor.type": "agent" });
    expect(byAgent?.data).toMatchObject({ fields: ["name"], via: "agent" });
  });
});

describe("contacts, scholenlijst and vestigingen", () => {
  it("lists contact persons with the roles the organisation may hand out", async () => {
    const list = await env.people.schoolContact.get<ContactList>(`${orgPath(env.world.schoolS1)}/contacts`);
    expect(list.body.allowedRoles).toEqual(["authorised", "other"]);
    expect(list.body.contacts.some((c) => c.roles.includes("authorised"))).toBe(true);
    const boardList = await env.people.boardContact.get<ContactList>(`${orgPath(env.world.boardA)}/contacts`);
    expect(boardList.body).toMatchObject({ kind: "board", allowedRoles: ["authorised", "bron_development", "rio"] });
  });

  it("changes several fields of one contact person in one request", async () => {
    const school = await createSchool();
    const client = await loginAsContact(env.server, [school._id]);
    const contact = school.contacts[1]!;
    const res = await patch<{ name: string; email: string; function: string | null; phone: string | null }>(
      client,
      `${orgPath(school._id)}/contacts/${String(contact._id)}`,
      { name: "Sanne de Vries", email: "s.devries@school.example.nl", function: "Intern begeleider", phone: "030 765 4321" },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Sanne de Vries", email: "s.devries@school.example.nl", function: "Intern begeleider", phone: "030 765 4321" });
    const stored = (await OrganisationModel.findById(school._id).lean())!.contacts.find((c) => String(c._id) === String(contact._id));
    expect(stored).toMatchObject({ name: "Sanne de Vries", email: "s.devries@school.example.nl", function: "Intern begeleider" });
  });

  it("gives a board its scholenlijst sorted by name, and nothing of other boards", async () => {
    const { board } = await createBoardWithSchools(0);
    const zuid = await createSchool({ boardId: board._id, name: "Zuiderschool", visitingAddress: { street: "A", houseNumber: "1", postcode: "9700 AB", city: "Groningen" } });
    const noord = await createSchool({ boardId: board._id, name: "Noorderschool" });
    await createSchool({ name: "Aaa andere school" });
    const list = await env.people.agent.get<BoardSchoolList>(`${orgPath(board._id)}/schools`);
    expect(list.body.schools).toEqual([
      { id: String(noord._id), code: noord.code, name: "Noorderschool", city: "Utrecht", branchCount: 1 },
      { id: String(zuid._id), code: zuid.code, name: "Zuiderschool", city: "Groningen", branchCount: 1 },
    ]);
  });

  it("lists a school's vestigingen by code, and none for a board", async () => {
    const base = await createSchool();
    const address = { street: "Laan", houseNumber: "3", postcode: "3511 AB", city: "Utrecht" };
    await OrganisationModel.updateOne({ _id: base._id }, { $push: { branches: { code: `${base.code}02`, name: "Dependance", address } } });
    const list = await env.people.agent.get<BranchList>(`${orgPath(base._id)}/branches`);
    expect(list.body.branches.map((b) => b.code)).toEqual([`${base.code}00`, `${base.code}02`]);
    expect((await env.people.boardContact.get<BranchList>(`${orgPath(env.world.boardA)}/branches`)).body.branches).toEqual([]);
  });
});

describe("news", () => {
  it("shows an organisation the items for everyone, its sector and itself, newest first, without withdrawn or scheduled ones", async () => {
    const { board, schools } = await createBoardWithSchools(1);
    const school = schools[0]!;
    const other = await createSchool();
    const sup = env.people.supervisor;
    const publish = async (title: string, audience: unknown, minutesAgo: number) => {
      const res = await sup.post<NewsItem>("/api/v1/news", { title, body: `${title}\n\nTweede alinea.`, audience, publishedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString() });
      expect(res.status).toBe(201);
      return res.body;
    };
    const all = await publish("Voor iedereen", { type: "all" }, 30);
    await publish("Alleen SO", { type: "sector", sector: "so" }, 20);
    const po = await publish("Alleen PO", { type: "sector", sector: "po" }, 10);
    const mine = await publish("Alleen voor deze school", { type: "organisations", codes: [school.code] }, 5);
    await publish("Voor het bestuur", { type: "organisations", codes: [board.code] }, 4);
    const allSchools = await publish("Voor alle scholen", { type: "kind", kind: "school" }, 6);
    await publish("Voor alle besturen", { type: "kind", kind: "board" }, 7);
    expect(allSchools.audience).toMatchObject({ type: "kind", kind: "school", sector: null, organisations: [] });
    await publish("Voor een andere school", { type: "organisations", codes: [other.code] }, 3);
    const withdrawn = await publish("Ingetrokken", { type: "organisations", codes: [school.code] }, 2);
    const scheduled = await publish("Gepland", { type: "organisations", codes: [school.code] }, -60);
    expect(scheduled.status).toBe("scheduled");

    const gone = await sup.post<NewsItem>(`/api/v1/news/${withdrawn.id}/withdraw`, {});
    expect(gone.body).toMatchObject({ status: "withdrawn" });
    const again = await sup.post<NewsItem>(`/api/v1/news/${withdrawn.id}/withdraw`, {});
    expect(again.body.withdrawnAt).toBe(gone.body.withdrawnAt);

    const client = await loginAsContact(env.server, [school._id]);
    const seen = await client.get<OrganisationNewsList>(`${orgPath(school._id)}/news?limit=100`);
    const titles = seen.body.items.map((i) => i.title);
    expect(titles.indexOf(mine.title)).toBeLessThan(titles.indexOf(po.title));
    expect(titles.indexOf(po.title)).toBeLessThan(titles.indexOf(all.title));
    for (const hidden of ["Alleen SO", "Voor het bestuur", "Voor alle besturen", "Voor een andere school", "Ingetrokken", "Gepland"]) expect(titles).not.toContain(hidden);
    expect(titles).toContain("Voor alle scholen");
    const boardClient = await loginAsContact(env.server, [board._id]);
    const boardTitles = (await boardClient.get<OrganisationNewsList>(`${orgPath(board._id)}/news?limit=100`)).body.items.map((i) => i.title);
    expect(boardTitles).toContain("Voor alle besturen");
    expect(boardTitles).not.toContain("Voor alle scholen");
    expect(seen.body.items.find((i) => i.id === mine.id)).toEqual({ id: mine.id, title: mine.title, body: mine.body, publishedAt: mine.publishedAt });
    const dates = seen.body.items.map((i) => i.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("lets supervisors edit an item and list everything including withdrawn ones", async () => {
    const sup = env.people.supervisor;
    const created = await sup.post<NewsItem>("/api/v1/news", { title: "Eerste versie", body: "Tekst", audience: { type: "all" } });
    const edited = await patch<NewsItem>(sup, `/api/v1/news/${created.body.id}`, { title: "Tweede versie", audience: { type: "sector", sector: "so" } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: "Tweede versie", audience: { type: "sector", sector: "so", organisations: [] }, status: "published" });
    await sup.post(`/api/v1/news/${created.body.id}/withdraw`, {});
    const list = await sup.get<{ items: NewsItem[] }>("/api/v1/news?limit=200");
    expect(list.body.items.find((i) => i.id === created.body.id)).toMatchObject({ status: "withdrawn" });
    const audit = await auditEvents({ "data.newsId": created.body.id });
    expect(audit.map((a) => a.type).sort()).toEqual(["news_published", "news_updated", "news_withdrawn"]);
    expect(Types.ObjectId.isValid(created.body.authorAgentId)).toBe(true);
  });
});

describe("test harness login", () => {
  it("logs one identity into several organisations and switches to the one asked for", async () => {
    const [a, b] = [await createSchool(), await createSchool()];
    const client = await loginAsContact(env.server, [a._id, b._id], { active: b._id });
    const session = await client.session<{ principal: { accounts: { organisationId: string }[]; effectiveOrganisationId: string } }>();
    expect(session.principal.accounts.map((x) => x.organisationId)).toEqual([String(a._id), String(b._id)]);
    expect(session.principal.effectiveOrganisationId).toBe(String(b._id));
    expect((await patch(client, orgPath(a._id), { phone: "030 123 0000" })).status).toBe(200);
    expect((await patch(client, orgPath(b._id), { phone: "030 123 0001" })).status).toBe(200);
    // A second identity for the same organisation reuses its portal account.
    const second = await loginAsContact(env.server, [a._id]);
    expect((await second.get(orgPath(a._id))).status).toBe(200);
  });
});

describe("API documentation", () => {
  it("lists every organisations and news route in /api/openapi.json with its auth", async () => {
    const doc = (await env.people.anonymous.get<{ paths: Record<string, Record<string, { "x-balie-auth": string }>> }>("/api/openapi.json")).body;
    for (const route of [...organisationRoutes, ...newsRoutes]) {
      const path = "/api/v1" + route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
      expect(doc.paths[path]?.[route.method], `${route.method} ${path}`).toMatchObject({ "x-balie-auth": route.auth });
    }
  });

  it("renders /api/docs as HTML with every route, without external resources", async () => {
    const res = await env.people.anonymous.request("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    for (const route of [...organisationRoutes, ...newsRoutes]) {
      expect(html).toContain(`<code>/api/v1${route.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")}</code>`);
      expect(html).toContain(route.summary.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&#39;").replace(/"/g, "&quot;"));
    }
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect((await env.people.anonymous.request("/api/docs.css")).status).toBe(200);
  });
});
