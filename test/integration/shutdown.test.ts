import { afterEach, describe, expect, it } from "vitest";
import { io as connectSocket } from "socket.io-client";
import { DEMO_AGENTS, DEMO_PASSWORD } from "../../server/src/seed/index.js";
import { HttpClient } from "../harness/http-client.js";
import { spawnServer, type SpawnedServer } from "../harness/server.js";

let server: SpawnedServer | undefined;
afterEach(async () => {
  await server?.kill();
  server = undefined;
});

describe("graceful shutdown", () => {
  it("exits 0 within 10 s of SIGTERM", async () => {
    server = await spawnServer();
    const started = Date.now();
    const exit = await server.stop("SIGTERM");
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("also stops on SIGINT", async () => {
    server = await spawnServer();
    expect(await server.stop("SIGINT")).toEqual({ code: 0, signal: null });
  });

  it("fails readiness first, then disconnects sockets and exits 0", async () => {
    server = await spawnServer({ SHUTDOWN_DRAIN_MS: "1500", SEED_DEMO: "true" });
    const url = server.url;
    // A signed-in agent (demo data) holds the socket: anonymous sockets are refused.
    const agent = new HttpClient(url);
    await agent.session();
    const login = await agent.post("/api/v1/auth/agent/login", { username: DEMO_AGENTS[0]!.username, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const socket = connectSocket(url, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: agent.cookieHeader() } });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));

    const started = Date.now();
    server.child.kill("SIGTERM");

    // While draining, liveness still holds and readiness says why it fails.
    let ready: { status: number; body: unknown } | undefined;
    for (let i = 0; i < 20 && !ready; i++) {
      const res = await fetch(`${url}/readyz`);
      if (res.status === 503) ready = { status: res.status, body: await res.json() };
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(ready).toEqual({
      status: 503,
      body: { status: "unavailable", failed: ["shutdown"], checks: { shutdown: "shutting_down", mongo: "ok" } },
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // "transport close", not "io server disconnect": clients must reconnect by themselves (to another node).
    expect(await disconnected).toBe("transport close");
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(10_000);
    socket.close();
  });
});
