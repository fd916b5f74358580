import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type TestRedis } from "../harness/redis.js";
import { startTestServer, type TestServer } from "../harness/server.js";

describe("redis harness", () => {
  it("starts redis-server, restarts it on the same port and stops it", async () => {
    const redis = await startRedis();
    const client = new Redis(redis.url, { lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 20 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      expect(await client.ping()).toBe("PONG");
      await client.set("balie:test", "1");

      await redis.restart();
      // The client reconnects by itself; data is gone (no persistence).
      expect(await client.ping()).toBe("PONG");
      expect(await client.get("balie:test")).toBeNull();

      await redis.stop();
      await expect(
        new Redis(redis.url, { lazyConnect: true, retryStrategy: () => null }).on("error", () => undefined).connect(),
      ).rejects.toThrow();
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });

  it("can kill -9 and start again", async () => {
    const redis = await startRedis();
    await redis.kill();
    await redis.restart();
    const client = new Redis(redis.url);
    expect(await client.ping()).toBe("PONG");
    client.disconnect();
    await redis.stop();
  });
});

describe("readiness with Redis configured", () => {
  let redis: TestRedis;
  let server: TestServer;
  beforeAll(async () => {
    redis = await startRedis();
    server = await startTestServer({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });

  async function readyz() {
    const res = await fetch(`${server.url}/readyz`);
    return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
  }

  async function eventually(status: number) {
    for (let i = 0; i < 100; i++) {
      const r = await readyz();
      if (r.status === status) return r;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return readyz();
  }

  it("is ready while Redis answers, 503 naming redis while it is down, ready again after restart", async () => {
    expect(await eventually(200)).toEqual({ status: 200, body: { status: "ok", checks: { mongo: "ok", redis: "ok" } } });
    await redis.kill();
    expect(await eventually(503)).toEqual({
      status: 503,
      body: { status: "unavailable", failed: ["redis"], checks: { mongo: "ok", redis: "failed" } },
    });
    await redis.restart();
    expect((await eventually(200)).status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
