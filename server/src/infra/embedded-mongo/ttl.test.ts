import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, resetClock, setClock } from "../clock.js";
import { startEmbeddedMongoInternal, type EmbeddedMongoInternals } from "./index.js";

describe("TTL indexes", () => {
  let store: EmbeddedMongoInternals;
  let client: MongoClient;
  const clock = new ManualClock(new Date("2026-01-01T12:00:00Z"));
  beforeAll(async () => {
    setClock(clock);
    store = await startEmbeddedMongoInternal({ dataDir: null });
    client = await MongoClient.connect(store.uri);
  });
  afterAll(async () => {
    await client.close();
    await store.close();
    resetClock();
  });

  it("deletes documents whose date + expireAfterSeconds has passed, and keeps the rest", async () => {
    const coll = client.db("ttl").collection("sessions");
    await coll.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 60 });
    const t0 = clock.nowMs();
    await coll.insertMany([
      { name: "old", expiresAt: new Date(t0 - 120_000) },
      { name: "soon", expiresAt: new Date(t0) },
      { name: "array", expiresAt: [new Date(t0 + 3_600_000), new Date(t0 - 600_000)] },
      { name: "not a date", expiresAt: "yesterday" },
      { name: "missing" },
    ]);
    expect(await store.sweepExpired()).toBe(2);
    expect((await coll.find().toArray()).map((d) => d.name).sort()).toEqual(["missing", "not a date", "soon"]);
    clock.advance(61_000);
    expect(await store.sweepExpired()).toBe(1);
    expect((await coll.find().toArray()).map((d) => d.name).sort()).toEqual(["missing", "not a date"]);
  });
});
