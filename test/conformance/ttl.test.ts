// TTL indexes. mongod's TTL monitor wakes every 60 s, so against a real server this file may take up to ~75 s;
// it lives apart from the other files so the rest of the suite stays fast. Skip it with CONFORMANCE_SKIP_TTL=1.
import { describe, it } from "vitest";
import type { Document } from "mongodb";
import { useConformanceDatabase } from "./support.js";

const ctx = useConformanceDatabase("ttl");
const POLL_LIMIT_MS = 75_000;

/** Polls until check() holds; against the embedded store it first asks its TTL monitor to run, if it can. */
async function waitUntil(check: () => Promise<boolean>, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (ctx.target.ttlSweep) await ctx.target.ttlSweep();
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return check();
}

describe.skipIf(process.env.CONFORMANCE_SKIP_TTL === "1")("TTL indexes (expireAfterSeconds)", () => {
  // the two cases poll concurrently so a real mongod's 60 s TTL monitor period is paid only once
  it.concurrent(
    "removes documents whose indexed date is older than expireAfterSeconds and keeps the rest",
    async ({ expect }) => {
      const c = ctx.db.collection("sessions");
      const name = await c.createIndex({ createdAt: 1 }, { expireAfterSeconds: 1 });
      const ix = (await c.listIndexes().toArray()).find((i) => i.name === name);
      expect(ix).toMatchObject({ key: { createdAt: 1 }, expireAfterSeconds: 1 });

      const now = Date.now();
      await c.insertMany([
        { _id: "expired", createdAt: new Date(now - 3_600_000) },
        { _id: "expired-array", createdAt: [new Date(now - 3_600_000), new Date(now + 86_400_000)] },
        { _id: "fresh", createdAt: new Date(now + 3_600_000) },
        { _id: "not-a-date", createdAt: "2000-01-01" },
        { _id: "missing" },
      ] as Document[]);

      // real mongod: the TTL monitor runs every 60 s, so deletion can take up to a minute
      const gone = await waitUntil(
        async () => (await c.countDocuments({ _id: { $in: ["expired", "expired-array"] } } as Document)) === 0,
        POLL_LIMIT_MS,
      );
      expect(gone).toBe(true);
      // a date array expires by its earliest date; non-dates and missing fields never expire
      const left = (await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id);
      expect(left).toEqual(["fresh", "missing", "not-a-date"]);
    },
    POLL_LIMIT_MS + 15_000,
  );

  it.concurrent(
    "with expireAfterSeconds 0 removes documents once the indexed date itself has passed",
    async ({ expect }) => {
      const c = ctx.db.collection("codes");
      await c.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
      const now = Date.now();
      await c.insertMany([
        { _id: "past", expiresAt: new Date(now - 60_000) },
        { _id: "future", expiresAt: new Date(now + 3_600_000) },
      ] as Document[]);
      const gone = await waitUntil(async () => (await c.countDocuments({ _id: "past" } as Document)) === 0, POLL_LIMIT_MS);
      expect(gone).toBe(true);
      expect(await c.countDocuments({ _id: "future" } as Document)).toBe(1);
    },
    POLL_LIMIT_MS + 15_000,
  );
});
