import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContactMomentCounts, ContactMomentPage, ContactMomentView } from "../../../server/src/contracts/api/history.js";
import { createContactMoment, createSchool } from "../../factories/index.js";
import { loginAsContact } from "../../harness/login.js";
import { startHistoryEnv, type HistoryEnv } from "./env.js";

let env: HistoryEnv;
beforeAll(async () => {
  env = await startHistoryEnv();
});
afterAll(async () => {
  await env?.stop();
});

const base = (org: Types.ObjectId) => `/api/v1/organisations/${String(org)}`;
const at = (iso: string) => new Date(iso);
const errorOf = (body: unknown) => (body as { error?: { id?: string; fields?: Record<string, { code: string }> } }).error;

/** Fetches every page of `path` (with `limit`), calling `between` after each page. */
async function allPages(client: HttpClientLike, path: string, limit: number, between?: (page: number) => Promise<void>) {
  const seen: ContactMomentView[] = [];
  let cursor: string | null = null;
  let page = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res: { status: number; body: ContactMomentPage } = await client.get<ContactMomentPage>(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (cursor) expect(res.body.items.length).toBe(limit);
    await between?.(page++);
  } while (cursor);
  return seen;
}
type HttpClientLike = HistoryEnv["people"]["agent"];

function newestFirst(a: { startedAt: Date; _id: Types.ObjectId }, b: { startedAt: Date; _id: Types.ObjectId }): number {
  return b.startedAt.getTime() - a.startedAt.getTime() || (b._id.toHexString() < a._id.toHexString() ? -1 : 1);
}

describe("contact moments timeline", () => {
  it("pages are stable while new moments arrive: no item twice, none skipped", async () => {
    const school = await createSchool();
    const client = await loginAsContact(env.server, [school._id]);
    const original: Awaited<ReturnType<typeof createContactMoment>>[] = [];
    // 40 moments, with runs of identical start times so the _id tie-break is exercised across page borders.
    for (let i = 0; i < 40; i++) {
      const startedAt = new Date(Date.UTC(2025, 0, 1 + Math.floor(i / 4), 9, 0));
      original.push(await createContactMoment({ organisationId: school._id, startedAt }));
    }
    original.sort(newestFirst);
    const lateArrivalsOld: typeof original = [];
    const seen = await allPages(client, `${base(school._id)}/contact-moments`, 7, async (page) => {
      // Newer than everything (already past on the first page): must not appear.
      await createContactMoment({ organisationId: school._id, startedAt: new Date(Date.UTC(2025, 5, 1, 10, page)) });
      // Inside the region already read (same time as the first item): must not appear.
      await createContactMoment({ organisationId: school._id, startedAt: original[0]!.startedAt });
      // Older than everything read or inserted so far: lands in the region still to come, must appear once.
      lateArrivalsOld.push(await createContactMoment({ organisationId: school._id, startedAt: new Date(Date.UTC(2024, 0, 1, 9, 0, 59 - page)) }));
    });
    const ids = seen.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Old late arrivals inserted before the last page was read are all there, in order; the one inserted after
    // the last page could not be.
    const expected = [...original, ...lateArrivalsOld.slice(0, -1)].sort(newestFirst).map((m) => String(m._id));
    expect(ids).toEqual(expected);
    // Strictly newest first by (startedAt, _id).
    for (let i = 1; i < seen.length; i++) {
      const [p, c] = [seen[i - 1]!, seen[i]!];
      expect(p.startedAt > c.startedAt || (p.startedAt === c.startedAt && p.id > c.id)).toBe(true);
    }
  });

  it("filters by channel and by period in Amsterdam days, also across pages", async () => {
    const school = await createSchool();
    const client = await loginAsContact(env.server, [school._id]);
    const orgId = school._id;
    // 23:30 UTC on 1 March is 00:30 on 2 March in Amsterdam.
    const lateEvening = await createContactMoment({ organisationId: orgId, channel: "email", startedAt: at("2025-03-01T23:30:00Z") });
    const march1 = await createContactMoment({ organisationId: orgId, channel: "phone", startedAt: at("2025-03-01T09:00:00Z") });
    const phones = [];
    for (let i = 0; i < 12; i++) phones.push(await createContactMoment({ organisationId: orgId, channel: "phone", startedAt: at(`2025-04-${String(i + 1).padStart(2, "0")}T08:00:00Z`) }));
    await createContactMoment({ organisationId: orgId, channel: "chat", startedAt: at("2025-04-03T10:00:00Z") });

    const phoneIds = (await allPages(client, `${base(orgId)}/contact-moments?channel=phone`, 5)).map((m) => m.id);
    expect(phoneIds).toEqual([...phones].reverse().map((m) => String(m._id)).concat(String(march1._id)));

    const day2 = await client.get<ContactMomentPage>(`${base(orgId)}/contact-moments?from=2025-03-02&to=2025-03-02`);
    expect(day2.body.items.map((m) => m.id)).toEqual([String(lateEvening._id)]);
    const day1 = await client.get<ContactMomentPage>(`${base(orgId)}/contact-moments?to=2025-03-01`);
    expect(day1.body.items.map((m) => m.id)).toEqual([String(march1._id)]);

    const aprilPhones = await allPages(client, `${base(orgId)}/contact-moments?channel=phone&from=2025-04-03&to=2025-04-10`, 3);
    expect(aprilPhones.map((m) => m.startedAt.slice(0, 10))).toEqual(["2025-04-10", "2025-04-09", "2025-04-08", "2025-04-07", "2025-04-06", "2025-04-05", "2025-04-04", "2025-04-03"]);
    expect(aprilPhones.every((m) => m.channel === "phone")).toBe(true);
  });

  it("the helpdesk records a phone call; the school and its board see it at the top", async () => {
    const { agent, schoolA1, boardA } = env.people;
    const res = await agent.post<ContactMomentView>(`${base(env.world.schoolA1)}/contact-moments`, {
      channel: "phone",
      direction: "in",
      subject: "Vraag over een uitschrijving",
      summary: "Uitgelegd hoe een uitschrijving wordt teruggedraaid.",
      contactName: "J. de Vries",
      startedAt: "2030-01-02T09:00:00Z",
      endedAt: "2030-01-02T09:12:00Z",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ channel: "phone", direction: "in", contactName: "J. de Vries", organisationId: String(env.world.schoolA1) });
    expect(res.body.agentName).toMatch(/^Medewerker /);
    const own = await schoolA1.get<ContactMomentPage>(`${base(env.world.schoolA1)}/contact-moments?limit=1`);
    expect(own.body.items[0]!.id).toBe(res.body.id);
    const board = await boardA.get<ContactMomentPage>(`${base(env.world.boardA)}/contact-moments/by-school?limit=1`);
    expect(board.body.items[0]!.id).toBe(res.body.id);

    const bad = await agent.post(`${base(env.world.schoolA1)}/contact-moments`, { channel: "chat", direction: "in", subject: "x", summary: "y", startedAt: "2030-01-02T09:00:00Z" });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body)?.fields?.channel).toBeDefined();
    const ended = await agent.post(`${base(env.world.schoolA1)}/contact-moments`, {
      channel: "phone", direction: "in", subject: "x", summary: "y", startedAt: "2030-01-02T09:00:00Z", endedAt: "2030-01-02T08:00:00Z",
    });
    expect(ended.status).toBe(400);
  });
});

describe("board history per school", () => {
  it("shows only the board's schools, per school, with counts; never another board's schools", async () => {
    const { boardA, boardB } = env.people;
    const { boardA: boardAId, schoolA1, schoolA2, schoolB1, boardB: boardBId } = env.world;
    const mk = (organisationId: Types.ObjectId, boardId: Types.ObjectId | null, n: number, channel: "phone" | "email" = "phone") =>
      Promise.all(Array.from({ length: n }, (_, i) => createContactMoment({ organisationId, boardId, channel, startedAt: new Date(Date.UTC(2026, 1, 1, 9, i)) })));
    await mk(schoolA1, boardAId, 6);
    await mk(schoolA2, boardAId, 4, "email");
    await mk(schoolB1, boardBId, 5);
    await mk(boardAId, null, 2); // the board's own moments are not a school's

    const all = await allPages(boardA, `${base(boardAId)}/contact-moments/by-school`, 4);
    const orgs = new Set(all.map((m) => m.organisationId));
    expect([...orgs].sort()).toEqual([String(schoolA1), String(schoolA2)].sort());

    const a2 = await allPages(boardA, `${base(boardAId)}/contact-moments/by-school?schoolId=${String(schoolA2)}`, 3);
    expect(a2.length).toBeGreaterThanOrEqual(4);
    expect(a2.every((m) => m.organisationId === String(schoolA2))).toBe(true);

    const counts = await boardA.get<ContactMomentCounts>(`${base(boardAId)}/contact-moment-counts`);
    expect(counts.status).toBe(200);
    expect(counts.body.schools.map((s) => s.organisationId).sort()).toEqual([String(schoolA1), String(schoolA2)].sort());
    const byId = new Map(counts.body.schools.map((s) => [s.organisationId, s.count]));
    expect(byId.get(String(schoolA2))).toBe(a2.length);
    expect(counts.body.total).toBe(all.length);
    const emailCounts = await boardA.get<ContactMomentCounts>(`${base(boardAId)}/contact-moment-counts?channel=email`);
    expect(new Map(emailCounts.body.schools.map((s) => [s.organisationId, s.count])).get(String(schoolA1))).toBe(all.filter((m) => m.organisationId === String(schoolA1) && m.channel === "email").length);

    // Another board's school as filter, another board's view, a school as "board".
    const foreign = await boardA.get(`${base(boardAId)}/contact-moments/by-school?schoolId=${String(schoolB1)}`);
    expect(foreign.status).toBe(403);
    expect((await boardB.get(`${base(boardAId)}/contact-moments/by-school`)).status).toBe(403);
    expect((await boardB.get(`${base(boardAId)}/contact-moment-counts`)).status).toBe(403);
    expect((await env.people.agent.get(`${base(schoolA1)}/contact-moments/by-school`)).status).toBe(404);
  });
});

describe("bad input", () => {
  it("refuses bad cursors, ids, limits, periods and injection-shaped parameters with 400", async () => {
    const { schoolA1: client } = env.people;
    const path = `${base(env.world.schoolA1)}/contact-moments`;
    const cases: Array<[string, string]> = [
      [`${path}?cursor=abc`, "invalid_cursor"],
      [`${path}?cursor=${Buffer.from(JSON.stringify({ t: "x", i: "y" })).toString("base64url")}`, "invalid_cursor"],
      [`${path}?cursor=${Buffer.from(JSON.stringify({ t: 1, i: "0".repeat(24), $where: "1" })).toString("base64url")}`, "invalid_cursor"],
      [`${path}?cursor=${encodeURIComponent("eyJ0IjoxfQ==")}`, "invalid_cursor"],
      [`${path}?cursor=${"A".repeat(300)}`, "validation_failed"],
      [`/api/v1/organisations/123/contact-moments`, "validation_failed"],
      [`/api/v1/organisations/${"G".repeat(24)}/contact-moments`, "validation_failed"],
      [`${path}?limit=0`, "validation_failed"],
      [`${path}?limit=101`, "validation_failed"],
      [`${path}?limit=abc`, "validation_failed"],
      [`${path}?channel=fax`, "validation_failed"],
      [`${path}?channel=phone&channel=email`, "validation_failed"],
      [`${path}?channel[$ne]=phone`, "validation_failed"],
      [`${path}?${encodeURIComponent("organisationId[$ne]")}=x`, "validation_failed"],
      [`${path}?from=2025-02-30`, "validation_failed"],
      [`${path}?from=2025-03-02&to=2025-03-01`, "validation_failed"],
      [`${path}?from[$gt]=2025-01-01`, "validation_failed"],
      [`${path}?sort=startedAt`, "validation_failed"],
      [`${base(env.world.boardA)}/contact-moments/by-school?schoolId[$ne]=x`, "validation_failed"],
      [`${base(env.world.schoolA1)}/archive/not-an-id`, "validation_failed"],
      [`${base(env.world.schoolA1)}/archive?cursor=%7B%7D`, "invalid_cursor"],
    ];
    for (const [url, id] of cases) {
      const c = url.includes("by-school") ? env.people.boardA : client;
      const res = await c.get(url);
      expect.soft(res.status, url).toBe(400);
      expect.soft(errorOf(res.body)?.id, url).toBe(id);
    }
  });
});
