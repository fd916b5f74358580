/**
 * Availability across processes: node A (in-process Balie with REDIS_URL, ManualClock at a Wednesday 10:00,
 * the REAL capacity source `agentsWithFreeCapacity` from chat presence) and a second process on the same
 * harness redis-server and the same MongoDB. A presence change made on the other process reaches the streams
 * on A within 1 s, via `presence.changed` over Redis pub/sub.
 *
 * - The first test: node B is a real Balie child process (`spawnServer`, REDIS_URL, MONGODB_URI = node A's
 *   store); an agent logs in there and its console (socket.io-client) sets presence online/offline.
 * - The other two: this test process plays "node B" with its own event bus on the same Redis (presence document
 *   + `presence.changed`, and `schedule.changed`), to pin the bus path without a child process.
 */
import { Redis } from "ioredis";
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../server/src/config/env.js";
import { createEventBus, type EventBus } from "../../../server/src/events/bus.js";
import { ManualClock, resetClock, setClock } from "../../../server/src/infra/clock.js";
import { AgentLoadModel } from "../../../server/src/modules/chat/agent-load.model.js";
import { startServer, type RunningServer } from "../../../server/src/server.js";
import { io as connectIo } from "socket.io-client";
import { loginAsAgent } from "../../harness/login.js";
import { startRedis, type TestRedis } from "../../harness/redis.js";
import { spawnServer } from "../../harness/server.js";
import { SseReader } from "./sse-reader.js";

let redis: TestRedis;
let nodeA: RunningServer;
let busB: EventBus;
let pub: Redis;
let sub: Redis;
const agentId = new Types.ObjectId();

beforeAll(async () => {
  redis = await startRedis();
  setClock(new ManualClock(new Date("2026-01-14T10:00:00+01:00")));
  nodeA = await startServer(
    loadConfig({ NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", SEED_DEMO: "false", REDIS_URL: redis.url }),
    { inMemoryStore: true },
  );
  pub = new Redis(redis.url);
  sub = new Redis(redis.url);
  busB = createEventBus({ redis: { publisher: pub, subscriber: sub } });
  // Give the subscriptions a moment to be registered on the Redis server.
  await new Promise((r) => setTimeout(r, 200));
});

afterAll(async () => {
  await busB?.close();
  pub?.disconnect();
  sub?.disconnect();
  await nodeA?.stop();
  await redis?.stop();
  resetClock();
});

/** What chat presence does on node B: change the load document, announce it on the bus. */
async function presenceOnNodeB(status: "online" | "offline"): Promise<number> {
  await AgentLoadModel.updateOne(
    { _id: agentId },
    { $set: { name: "Agent B", status, activeChats: 0, maxChats: 3, freeSlots: 3, lastAssignedAtMs: 0, statusChangedAt: new Date() } },
    { upsert: true },
  ).exec();
  const at = performance.now();
  busB.emit("presence.changed", { agentId: String(agentId) });
  return at;
}

describe("availability over the Redis bus", () => {
  it("an agent console on a real node B going online/offline changes the stream on node A within 1 s", async () => {
    const nodeB = await spawnServer({ REDIS_URL: redis.url, MONGODB_URI: nodeA.mongo.uri });
    const stream = await SseReader.open(`${nodeA.url}/api/v1/availability/stream`);
    try {
      expect((await stream.waitForCount(1)).state).toMatchObject({ open: true, available: false, reason: "no_agent" });
      const agent = await loginAsAgent(nodeB, "agent");
      const cookie = agent.cookieHeader();
      const socket = connectIo(nodeB.url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", () => resolve());
        socket.once("connect_error", reject);
      });
      const setPresence = (status: string) =>
        new Promise<void>((resolve, reject) =>
          socket.emit("presence.set", { status }, (ack: { ok: boolean; error?: unknown }) => (ack.ok ? resolve() : reject(new Error(JSON.stringify(ack.error))))),
        );
      try {
        await setPresence("online");
        expect((await stream.waitForCount(2, 1_000)).state).toMatchObject({ available: true, reason: "open" });
        const before = performance.now();
        await setPresence("offline");
        const { state, at } = await stream.waitForCount(3, 1_000);
        expect(state).toMatchObject({ available: false, reason: "no_agent" });
        expect(at - before).toBeLessThan(1_000);
      } finally {
        socket.disconnect();
      }
    } finally {
      await stream.close();
      await nodeB.stop();
    }
  });

  it("an agent going online and offline on another process changes the stream on node A within 1 s", async () => {
    const stream = await SseReader.open(`${nodeA.url}/api/v1/availability/stream`);
    try {
      expect((await stream.waitForCount(1)).state).toMatchObject({ open: true, available: false, reason: "no_agent" });

      const online = await presenceOnNodeB("online");
      const first = await stream.waitForCount(2, 1_000);
      expect(first.state).toMatchObject({ available: true, reason: "open" });
      expect(first.at - online).toBeLessThan(1_000);

      const offline = await presenceOnNodeB("offline");
      const second = await stream.waitForCount(3, 1_000);
      expect(second.state).toMatchObject({ available: false, reason: "no_agent" });
      expect(second.at - offline).toBeLessThan(1_000);
    } finally {
      await stream.close();
    }
  });

  it("a schedule change announced by another process reloads the opening hours on node A", async () => {
    const { WeeklyScheduleModel } = await import("../../../server/src/modules/opening-hours/opening-hours.model.js");
    const stream = await SseReader.open(`${nodeA.url}/api/v1/availability/stream`);
    try {
      const initial = (await stream.waitForCount(1)).state;
      expect(initial.phone).not.toBe("0800 0000");
      await WeeklyScheduleModel.replaceOne(
        { _id: "weekly" },
        { _id: "weekly", timeZone: "Europe/Amsterdam", days: { wednesday: [{ from: "09:00", to: "16:00" }] }, phone: "0800 0000", email: "b@helpdesk.example", updatedBy: "b", updatedAt: new Date() },
        { upsert: true },
      ).exec();
      busB.emit("schedule.changed", { reason: "schedule" });
      expect((await stream.waitForCount(2, 1_000)).state).toMatchObject({ phone: "0800 0000", email: "b@helpdesk.example" });
    } finally {
      await stream.close();
    }
  });
});
