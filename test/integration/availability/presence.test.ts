/**
 * The availability push with REAL chat presence: an agent's console (socket.io-client with the agent's session
 * cookie) goes online and offline with `presence.set`; open SSE streams change within 1 s. In-process Balie
 * on a ManualClock pinned to a Wednesday 10:00 in Amsterdam, default capacity source (chat presence).
 */
import { io as connectIo, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../server/src/config/env.js";
import { ManualClock, resetClock, setClock } from "../../../server/src/infra/clock.js";
import { startServer, type RunningServer } from "../../../server/src/server.js";
import { loginAsAgent } from "../../harness/login.js";
import { SseReader } from "./sse-reader.js";

let server: RunningServer;

beforeAll(async () => {
  setClock(new ManualClock(new Date("2026-01-14T10:00:00+01:00")));
  server = await startServer(loadConfig({ NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", SEED_DEMO: "false" }), {
    inMemoryStore: true,
  });
});
afterAll(async () => {
  await server?.stop();
  resetClock();
});

async function agentConsole(): Promise<Socket> {
  const client = await loginAsAgent(server, "agent");
  const cookie = client.cookieHeader();
  const socket = connectIo(server.url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

function setPresence(socket: Socket, status: "online" | "pause" | "offline"): Promise<void> {
  return new Promise((resolve, reject) =>
    socket.emit("presence.set", { status }, (ack: { ok: boolean; error?: unknown }) => (ack.ok ? resolve() : reject(new Error(JSON.stringify(ack.error))))),
  );
}

describe("availability with real chat presence", () => {
  it("the button appears when an agent goes online and disappears within 1 s when the last one goes offline", async () => {
    const stream = await SseReader.open(`${server.url}/api/v1/availability/stream`);
    const socket = await agentConsole();
    try {
      expect((await stream.waitForCount(1)).state).toMatchObject({ open: true, available: false, reason: "no_agent" });

      await setPresence(socket, "online");
      expect((await stream.waitForCount(2, 1_000)).state).toMatchObject({ available: true, reason: "open" });

      const before = performance.now();
      await setPresence(socket, "offline");
      const { state, at } = await stream.waitForCount(3, 1_000);
      expect(state).toMatchObject({ available: false, reason: "no_agent" });
      expect(at - before).toBeLessThan(1_000);

      // A break (pauze) also hides the button.
      await setPresence(socket, "online");
      expect((await stream.waitForCount(4, 1_000)).state.available).toBe(true);
      await setPresence(socket, "pause");
      expect((await stream.waitForCount(5, 1_000)).state.available).toBe(false);
    } finally {
      socket.disconnect();
      await stream.close();
    }
  });
});
