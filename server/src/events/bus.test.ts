import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type TestRedis } from "../../../test/harness/redis.js";
import { createEventBus } from "./bus.js";

describe(createEventBus.name, () => {
  it("delivers an event to local listeners synchronously, marked local", () => {
    const bus = createEventBus();
    const seen: unknown[] = [];
    bus.on("schedule.changed", (payload, meta) => seen.push({ payload, meta }));
    bus.emit("schedule.changed", { reason: "closure added" });
    expect(seen).toEqual([{ payload: { reason: "closure added" }, meta: { local: true } }]);
  });

  it("stops delivering after unsubscribe", () => {
    const bus = createEventBus();
    let count = 0;
    const off = bus.on("presence.changed", () => count++);
    bus.emit("presence.changed", { agentId: "a" });
    off();
    bus.emit("presence.changed", { agentId: "a" });
    expect(count).toBe(1);
  });

  describe("across processes over Redis", () => {
    let redis: TestRedis;
    const clients: Redis[] = [];
    const connect = () => {
      const client = new Redis(redis.url);
      clients.push(client);
      return client;
    };
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      for (const c of clients) c.disconnect();
      await redis.stop();
    });

    it("re-emits remote events once on the other node, and origin 'local' listeners ignore them", async () => {
      const a = createEventBus({ redis: { publisher: connect(), subscriber: connect() } });
      const b = createEventBus({ redis: { publisher: connect(), subscriber: connect() } });
      await new Promise((r) => setTimeout(r, 100)); // subscriptions settle
      const onB: unknown[] = [];
      const localOnB: unknown[] = [];
      const onA: unknown[] = [];
      b.on("presence.changed", (p, meta) => onB.push({ p, meta }));
      b.on("presence.changed", (p) => localOnB.push(p), { origin: "local" });
      a.on("presence.changed", (p, meta) => onA.push({ p, meta }));
      a.emit("presence.changed", { agentId: "agent-1" });
      await expect.poll(() => onB.length, { timeout: 2000 }).toBe(1);
      expect(onB[0]).toEqual({ p: { agentId: "agent-1" }, meta: { local: false } });
      expect(localOnB).toEqual([]);
      expect(onA).toEqual([{ p: { agentId: "agent-1" }, meta: { local: true } }]); // not twice on the sender
      await a.close();
      await b.close();
    });
  });
});
