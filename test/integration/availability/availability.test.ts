/**
 * Opening hours and live availability over HTTP against an in-process Balie on a ManualClock: the snapshot,
 * the SSE stream (read with fetch like EventSource), supervisor REST, and pushes within 1 s.
 *
 * Capacity here comes from an injected source (`capacity.value` + `presence.changed` on the bus), so these
 * tests pin opening-hours logic and the push path; `presence.test.ts` drives the real chat presence.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Availability, Closure, WeeklySchedule } from "../../../server/src/contracts/api/availability.js";
import { loginAsAgent } from "../../harness/login.js";
import { startAvailabilityServer, type AvailabilityTestServer } from "./helpers.js";
import { SseReader } from "./sse-reader.js";

let t: AvailabilityTestServer;
const readers: SseReader[] = [];

beforeAll(async () => {
  // Wednesday 14 January 2026, 10:00 in Amsterdam (CET).
  t = await startAvailabilityServer("2026-01-14T10:00:00+01:00");
});
afterAll(async () => {
  await t?.stop();
});
afterEach(async () => {
  for (const r of readers.splice(0)) await r.close();
  t.capacity.value = 1;
  t.presenceChanged();
});

async function snapshot(): Promise<Availability> {
  const res = await fetch(`${t.server.url}/api/v1/availability`);
  expect(res.status).toBe(200);
  return (await res.json()) as Availability;
}

async function at(iso: string): Promise<Availability> {
  await t.jump(iso);
  return snapshot();
}

async function stream(headers: Record<string, string> = {}): Promise<SseReader> {
  const r = await SseReader.open(`${t.server.url}/api/v1/availability/stream`, headers);
  readers.push(r);
  return r;
}

/** Logs in a fresh supervisor at the current clock time (sessions expire when the clock jumps). */
async function supervisor() {
  const client = await loginAsAgent(t.server, "supervisor");
  await client.session();
  return client;
}

const WEEKDAYS_9_16 = {
  monday: [{ from: "09:00", to: "16:00" }],
  tuesday: [{ from: "09:00", to: "16:00" }],
  wednesday: [{ from: "09:00", to: "16:00" }],
  thursday: [{ from: "09:00", to: "16:00" }],
  friday: [{ from: "09:00", to: "16:00" }],
};

describe("opening hours (default schedule, Europe/Amsterdam)", () => {
  it.each([
    ["winter weekday", "2026-01-14", "+01:00"],
    ["summer weekday", "2026-06-17", "+02:00"],
    ["Monday after the spring DST change", "2026-03-30", "+02:00"],
    ["Monday after the autumn DST change", "2026-10-26", "+01:00"],
  ])("%s: 08:59:59 closed, 09:00:00 open, 15:59:59 open, 16:00:00 closed", async (_name, day, offset) => {
    expect(await at(`${day}T08:59:59${offset}`)).toMatchObject({ open: false, available: false, reason: "closed_hours", nextOpening: new Date(`${day}T09:00:00${offset}`).toISOString() });
    expect(await at(`${day}T09:00:00${offset}`)).toMatchObject({ open: true, available: true, reason: "open", nextOpening: null, closesAt: new Date(`${day}T16:00:00${offset}`).toISOString() });
    expect(await at(`${day}T15:59:59${offset}`)).toMatchObject({ open: true, available: true, reason: "open" });
    expect(await at(`${day}T16:00:00${offset}`)).toMatchObject({ open: false, available: false, reason: "closed_hours" });
  });

  it("weekend: Saturday is closed and the next opening is Monday 09:00", async () => {
    expect(await at("2026-01-17T12:00:00+01:00")).toMatchObject({ open: false, reason: "closed_hours", nextOpening: "2026-01-19T08:00:00.000Z" });
    // Friday before the spring DST change → Monday 09:00 CEST (07:00 UTC, not 08:00).
    expect(await at("2026-03-27T16:00:00+01:00")).toMatchObject({ nextOpening: "2026-03-30T07:00:00.000Z" });
    // Friday before the autumn change → Monday 09:00 CET.
    expect(await at("2026-10-23T16:00:00+02:00")).toMatchObject({ nextOpening: "2026-10-26T08:00:00.000Z" });
  });

  it("Koningsdag (Monday 27 April 2026) is closed all day", async () => {
    expect(await at("2026-04-27T10:00:00+02:00")).toMatchObject({ open: false, reason: "holiday", holiday: "Koningsdag", nextOpening: "2026-04-28T07:00:00.000Z" });
  });

  it("Christmas: Eerste and Tweede Kerstdag closed; Christmas Eve evening points to Monday 28 December", async () => {
    expect(await at("2026-12-24T15:59:59+01:00")).toMatchObject({ open: true });
    expect(await at("2026-12-24T16:00:00+01:00")).toMatchObject({ reason: "closed_hours", nextOpening: "2026-12-28T08:00:00.000Z" });
    expect(await at("2026-12-25T10:00:00+01:00")).toMatchObject({ open: false, reason: "holiday", holiday: "Kerstmis" });
    // 26 December 2026 is a Saturday; the holiday name wins over "weekend".
    expect(await at("2026-12-26T10:00:00+01:00")).toMatchObject({ open: false, reason: "holiday", holiday: "Tweede kerstdag" });
  });

  it("decision: Bevrijdingsdag closes every year, Goede Vrijdag stays open", async () => {
    expect(await at("2026-05-05T10:00:00+02:00")).toMatchObject({ open: false, reason: "holiday", holiday: "Bevrijdingsdag" }); // not a lustrum year
    expect(await at("2026-04-03T10:00:00+02:00")).toMatchObject({ open: true, reason: "open" }); // Goede Vrijdag
  });

  it("observances on weekdays do not close: Dodenherdenking (Mon 4 May), Prinsjesdag (Tue 15 Sep), Sint-Maarten (Wed 11 Nov)", async () => {
    for (const iso of ["2026-05-04T10:00:00+02:00", "2026-09-15T10:00:00+02:00", "2026-11-11T10:00:00+01:00", "2026-12-31T10:00:00+01:00"]) {
      expect(await at(iso), iso).toMatchObject({ open: true, reason: "open", holiday: null });
    }
  });
});

describe("the SSE stream", () => {
  it("speaks text/event-stream with a retry hint and the current state first", async () => {
    await t.jump("2026-01-14T10:00:00+01:00");
    const r = await stream();
    expect(r.response.status).toBe(200);
    expect(r.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(r.response.headers.get("cache-control")).toContain("no-transform");
    expect(r.response.headers.get("set-cookie")).toBeNull(); // no session
    expect(r.response.headers.get("x-request-id")).toBeNull(); // bypasses pino-http
    const { state } = await r.waitForCount(1);
    expect(r.retry).toBe(5_000);
    expect(state).toMatchObject({ available: true, reason: "open" });
    expect(state.phone).toBeTruthy();
    expect(state.email).toContain("@");
    expect(t.server.availability.hub.size).toBeGreaterThanOrEqual(1);
  });

  it("CORS: an allowed origin gets Access-Control-Allow-Origin, a foreign one 403", async () => {
    const ok = await stream({ origin: "https://school.example" });
    expect(ok.response.status).toBe(200);
    expect(ok.response.headers.get("access-control-allow-origin")).toBe("https://school.example");
    const foreign = await stream({ origin: "https://evil.example" });
    expect(foreign.response.status).toBe(403);
    const snap = await fetch(`${t.server.url}/api/v1/availability`, { headers: { origin: "https://school.example" } });
    expect(snap.headers.get("access-control-allow-origin")).toBe("https://school.example");
    expect(snap.headers.get("cache-control")).toBe("no-store");
  });

  it("pushes within 1 s when capacity drops to 0, and only on a change", async () => {
    await t.jump("2026-01-14T10:00:00+01:00");
    const streams = await Promise.all([stream(), stream(), stream()]);
    for (const s of streams) expect((await s.waitForCount(1)).state.reason).toBe("open");

    // A presence event without a change of the public state pushes nothing.
    t.presenceChanged();
    await new Promise((r) => setTimeout(r, 300));
    for (const s of streams) expect(s.availability()).toHaveLength(1);

    t.capacity.value = 0;
    const changedAt = performance.now();
    t.presenceChanged();
    for (const s of streams) {
      const { state, at } = await s.waitForCount(2, 1_000);
      expect(state).toMatchObject({ available: false, open: true, reason: "no_agent" });
      expect(at - changedAt).toBeLessThan(1_000);
    }
    // A burst of presence events is coalesced into at most one message.
    t.capacity.value = 2;
    for (let i = 0; i < 20; i++) t.presenceChanged();
    for (const s of streams) expect((await s.waitForCount(3, 1_000)).state.reason).toBe("open");
    await new Promise((r) => setTimeout(r, 200));
    for (const s of streams) expect(s.availability()).toHaveLength(3);
  });

  it("pushes at 16:00 driven by the clock alone (no tick, no sleeping until 16:00)", async () => {
    await t.jump("2026-01-14T15:59:59.700+01:00");
    const r = await stream();
    expect((await r.waitForCount(1)).state.reason).toBe("open");
    // The alarm is armed for 16:00:00 clock time. Moving the clock past it is all it takes.
    t.clock.set(new Date("2026-01-14T16:00:00+01:00"));
    const moved = performance.now();
    const { state, at } = await r.waitForCount(2, 1_000);
    expect(state).toMatchObject({ available: false, open: false, reason: "closed_hours", nextOpening: "2026-01-15T08:00:00.000Z" });
    expect(at - moved).toBeLessThan(1_000);
  });
});

describe("supervisor REST", () => {
  it("refuses anonymous callers and plain agents", async () => {
    await t.jump("2026-01-14T10:00:00+01:00");
    expect((await fetch(`${t.server.url}/api/v1/opening-hours/schedule`)).status).toBe(401);
    const agent = await loginAsAgent(t.server, "agent");
    expect((await agent.json("GET", "/api/v1/opening-hours/schedule")).status).toBe(403);
    expect((await agent.json("POST", "/api/v1/opening-hours/closures", { date: "2026-01-20", reason: "x" })).status).toBe(403);
  });

  it("a closure range closes and reopens the chat, pushed to open streams", async () => {
    await t.jump("2026-01-14T10:59:59.500+01:00");
    const sup = await supervisor();
    const r = await stream();
    expect((await r.waitForCount(1)).state.reason).toBe("open");

    const created = await sup.json<Closure>("POST", "/api/v1/opening-hours/closures", {
      startsAt: "2026-01-14T11:00:00+01:00",
      endsAt: "2026-01-14T13:30:00+01:00",
      reason: "Storing telefooncentrale",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ date: null, startsAt: "2026-01-14T10:00:00.000Z", endsAt: "2026-01-14T12:30:00.000Z", reason: "Storing telefooncentrale" });
    const list = await sup.json<{ closures: Closure[] }>("GET", "/api/v1/opening-hours/closures");
    expect(list.body.closures.map((c) => c.id)).toContain(created.body.id);
    // Still open, but the period now ends at the closure's start.
    expect((await r.waitForCount(2, 1_000)).state).toMatchObject({ open: true, closesAt: "2026-01-14T10:00:00.000Z" });

    t.clock.set(new Date("2026-01-14T11:00:00+01:00"));
    const s3 = await r.waitForCount(3, 1_000);
    expect(s3.state).toMatchObject({ open: false, reason: "closure", nextOpening: "2026-01-14T12:30:00.000Z" });

    // The alarm waits in real time for the remaining clock time, so first bring the clock near the end (no
    // public change, no push), then step over it.
    await t.jump("2026-01-14T13:29:59.700+01:00");
    expect(r.availability()).toHaveLength(3);
    t.clock.set(new Date("2026-01-14T13:30:00+01:00"));
    expect((await r.waitForCount(4, 1_000)).state).toMatchObject({ open: true, reason: "open", closesAt: "2026-01-14T15:00:00.000Z" });

    // A whole-day closure (local midnight to midnight), then removed again.
    await t.jump("2026-01-14T14:00:00+01:00");
    const sup2 = await supervisor();
    const day = await sup2.json<Closure>("POST", "/api/v1/opening-hours/closures", { date: "2026-01-14", reason: "Studiedag helpdesk" });
    expect(day.body).toMatchObject({ date: "2026-01-14", startsAt: "2026-01-13T23:00:00.000Z", endsAt: "2026-01-14T23:00:00.000Z" });
    expect((await r.waitForCount(5, 1_000)).state).toMatchObject({ reason: "closure", nextOpening: "2026-01-15T08:00:00.000Z" });
    expect((await sup2.json("DELETE", `/api/v1/opening-hours/closures/${day.body.id}`)).status).toBe(204);
    expect((await r.waitForCount(6, 1_000)).state).toMatchObject({ reason: "open" });
    expect((await sup2.json("DELETE", `/api/v1/opening-hours/closures/${day.body.id}`)).status).toBe(404);
    const bad = await sup2.json<{ error: { id: string } }>("POST", "/api/v1/opening-hours/closures", { startsAt: "2026-01-14T15:00:00+01:00", endsAt: "2026-01-14T14:00:00+01:00", reason: "x" });
    expect(bad.status).toBe(400);
  });

  it("a weekly schedule with Sundays: both DST change days open at 09:00 and close at 16:00 local time", async () => {
    await t.jump("2026-01-14T10:00:00+01:00");
    const sup = await supervisor();
    const put = await sup.json<WeeklySchedule>("PUT", "/api/v1/opening-hours/schedule", {
      days: { ...WEEKDAYS_9_16, sunday: [{ from: "09:00", to: "16:00" }] },
      phone: "050 599 0000",
      email: "chat@helpdesk.example",
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ timeZone: "Europe/Amsterdam", phone: "050 599 0000", days: { sunday: [{ from: "09:00", to: "16:00" }], saturday: [] } });
    expect((await snapshot()).phone).toBe("050 599 0000");
    try {
      // 29 March 2026: 02:00 CET → 03:00 CEST. 25 October 2026: 03:00 CEST → 02:00 CET.
      for (const [day, offset] of [["2026-03-29", "+02:00"], ["2026-10-25", "+01:00"]] as const) {
        expect(await at(`${day}T08:59:59${offset}`), day).toMatchObject({ open: false, nextOpening: new Date(`${day}T09:00:00${offset}`).toISOString() });
        expect(await at(`${day}T09:00:00${offset}`), day).toMatchObject({ open: true, closesAt: new Date(`${day}T16:00:00${offset}`).toISOString() });
        expect(await at(`${day}T15:59:59${offset}`), day).toMatchObject({ open: true });
        expect(await at(`${day}T16:00:00${offset}`), day).toMatchObject({ open: false });
      }
    } finally {
      await t.jump("2026-01-14T10:00:00+01:00");
      const sup2 = await supervisor();
      await sup2.json("PUT", "/api/v1/opening-hours/schedule", { days: WEEKDAYS_9_16, phone: "050 123 4567", email: "helpdesk@balie.example" });
    }
  });

  it("lists the holiday decision for a year", async () => {
    const sup = await supervisor();
    const res = await sup.json<{ holidays: Array<{ date: string; name: string; closesChat: boolean }> }>("GET", "/api/v1/opening-hours/holidays?year=2026");
    const byName = Object.fromEntries(res.body.holidays.map((h) => [h.name, h.closesChat]));
    expect(byName).toMatchObject({ Koningsdag: true, Bevrijdingsdag: true, "Goede Vrijdag": false, Moederdag: false, Kerstmis: true });
  });
});
