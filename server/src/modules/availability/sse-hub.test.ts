import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock, resetClock, setClock } from "../../infra/clock.js";
import { ClockAlarm } from "./clock-alarm.js";
import { SseHub } from "./sse-hub.js";

let server: Server | undefined;
afterEach(async () => {
  resetClock();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
});

async function listen(hub: SseHub): Promise<string> {
  server = createServer((req, res) => hub.handle(req, res));
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

async function readUntil(body: ReadableStream<Uint8Array>, predicate: (text: string) => boolean): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (predicate(text)) break;
  }
  reader.releaseLock();
  return text;
}

describe(SseHub.name, () => {
  it("writes retry + current frame on connect, heartbeats, and the same frame to all on broadcast; forgets closed ones", async () => {
    const hub = new SseHub({ isOriginAllowed: () => true, currentFrame: () => "event: availability\ndata: {}\n\n", heartbeatMs: 50 });
    const url = await listen(hub);
    const a = new AbortController();
    const res = await fetch(url, { signal: a.signal });
    const body = res.body!;
    hub.broadcast("event: availability\ndata: {\"x\":1}\n\n");
    const text = await readUntil(body, (t) => t.includes(": hb\n\n") && t.includes('{"x":1}'));
    expect(text.startsWith("retry: 5000\nevent: availability\ndata: {}\n\n")).toBe(true);
    expect(hub.size).toBe(1);
    a.abort();
    for (let i = 0; i < 50 && hub.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(hub.size).toBe(0);
    hub.close();
  });

  it("answers 405 to POST and 503 after close", async () => {
    const hub = new SseHub({ isOriginAllowed: () => true, currentFrame: () => "" });
    const url = await listen(hub);
    expect((await fetch(url, { method: "POST" })).status).toBe(405);
    hub.close();
    expect((await fetch(url)).status).toBe(503);
  });
});

describe(ClockAlarm.name, () => {
  it("fires when the clock reaches the instant, not after a duration", async () => {
    const clock = new ManualClock(1_000_000);
    setClock(clock);
    let fired = 0;
    const alarm = new ClockAlarm(() => fired++, { maxWaitMs: 20 });
    alarm.arm(1_000_000 + 3_600_000); // an hour of clock time away
    await new Promise((r) => setTimeout(r, 60));
    expect(fired).toBe(0);
    clock.advance(3_600_000);
    await new Promise((r) => setTimeout(r, 60));
    expect(fired).toBe(1);
    expect(alarm.armedAt).toBeNull();
    alarm.arm(clock.nowMs() - 1); // already due: fires at once
    expect(fired).toBe(2);
    alarm.cancel();
  });
});
