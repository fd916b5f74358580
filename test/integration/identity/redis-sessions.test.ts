import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisSessionStore } from "../../../server/src/modules/identity/redis-session-store.js";
import { startRedis, type TestRedis } from "../../harness/redis.js";

let redis: TestRedis;
let client: Redis;
beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
});
afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

describe(redisSessionStore.name, () => {
  it("stores, touches, destroys and destroys by principal", async () => {
    const store = redisSessionStore(client);
    const principal = { type: "contact" as const, ehPseudonym: "p-1", kvk: "12345678", name: "A", accounts: [], activeOrganisationId: "x" };
    await store.set("k1", { data: { csrfToken: "t1", principal }, createdAtMs: 1, lastSeenAtMs: 2 }, 60_000);
    await store.set("k2", { data: { csrfToken: "t2", principal }, createdAtMs: 1, lastSeenAtMs: 2 }, 60_000);
    await store.set("k3", { data: { csrfToken: "t3" }, createdAtMs: 1, lastSeenAtMs: 2 }, 60_000);
    expect(await store.get("k1")).toEqual({ data: { csrfToken: "t1", principal }, createdAtMs: 1, lastSeenAtMs: 2 });
    await store.touch("k1", 99, 60_000);
    expect((await store.get("k1"))!.lastSeenAtMs).toBe(99);
    expect(await client.pttl("balie:session:k1")).toBeGreaterThan(60_000);
    await store.destroy("k3");
    await store.touch("k3", 5, 60_000);
    expect(await store.get("k3")).toBeNull();
    expect(await store.destroyWhere!({ ehPseudonym: "p-1" })).toBe(2);
    expect(await store.get("k2")).toBeNull();
  });
});
