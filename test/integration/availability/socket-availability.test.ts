/**
 * `availability.changed` over Socket.IO: a school person's socket (a widget with a running chat) gets the current
 * state on connect and every change within 1 s (capacity drops / returns, 16:00 by the clock), so it does not
 * depend on the SSE stream alone. Agents' consoles do not get it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchool } from "../../factories/index.js";
import { connectChat, loginAgent, loginSchoolPerson, type ChatClient } from "../chat/helpers.js";
import { startAvailabilityServer, type AvailabilityTestServer } from "./helpers.js";

let t: AvailabilityTestServer;
const open: ChatClient[] = [];

beforeAll(async () => {
  // Wednesday 3 June 2026, 15:58 in Amsterdam (CEST).
  t = await startAvailabilityServer("2026-06-03T15:58:00+02:00", { EH_SIMULATOR: "true" });
});
afterAll(async () => {
  for (const c of open) c.close();
  await t?.stop();
});

describe("availability.changed over Socket.IO", () => {
  it("reaches a school socket on connect and on every change within 1 s; agents do not get it", async () => {
    const school = await createSchool();
    const person = await loginSchoolPerson(t.server, school._id);
    const agent = await loginAgent(t.server);
    const contact = await connectChat(t.server.url, { http: person.http });
    const console_ = await connectChat(t.server.url, { http: agent.http });
    open.push(contact, console_);

    const first = await contact.waitFor("availability.changed");
    expect(first).toMatchObject({ available: true, open: true, nextOpeningAt: null });

    const timed = async (change: () => void | Promise<void>, pred: (p: { available: boolean; open: boolean }) => boolean) => {
      const before = contact.received["availability.changed"]?.length ?? 0;
      const started = Date.now();
      await change();
      const got = await contact.waitFor("availability.changed", (p) => (contact.received["availability.changed"]?.indexOf(p) ?? -1) >= before && pred(p), 1_000);
      return { got, ms: Date.now() - started };
    };

    t.capacity.value = 0;
    const busy = await timed(() => t.presenceChanged(), (p) => !p.available);
    expect(busy.got).toMatchObject({ available: false, open: true });
    expect(busy.ms).toBeLessThan(1_000);

    t.capacity.value = 2;
    const back = await timed(() => t.presenceChanged(), (p) => p.available);
    expect(back.got).toMatchObject({ available: true, open: true });

    // 16:00 by the clock: closed, with the next opening Thursday 09:00.
    const closed = await timed(() => t.jump("2026-06-03T16:00:00+02:00"), (p) => !p.open);
    expect(closed.got).toMatchObject({ available: false, open: false, nextOpeningAt: "2026-06-04T07:00:00.000Z" });

    // Exactly one event per change (no duplicates), and none to the agent console.
    expect(contact.received["availability.changed"]?.map((p) => p.available)).toEqual([true, false, true, false]);
    expect(console_.received["availability.changed"]).toBeUndefined();
  });
});
