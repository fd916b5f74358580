/**
 * The wire server's limits on raw sockets, with small configured values: a message left half-sent is dropped
 * after the timeout (also when trickled), a message declaring more than mongod's 48 MB is refused at once,
 * connections beyond the maximum are closed, and the bytes buffered over all connections stay under the cap.
 */
import { afterEach, describe, expect, it } from "vitest";
import { RawClient, opMsg, scramConversation } from "../../../../test/harness/raw-mongo.js";
import { startEmbeddedMongo, type EmbeddedMongo } from "./index.js";
import type { WireLimits } from "./limits.js";

let store: EmbeddedMongo | undefined;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await store?.close();
  store = undefined;
});

async function start(limits: Partial<WireLimits>): Promise<EmbeddedMongo> {
  store = await startEmbeddedMongo({ dataDir: null, limits });
  return store;
}

async function connect(port: number): Promise<RawClient> {
  const c = await RawClient.connect(port);
  clients.push(c);
  return c;
}

/** Just the 16-byte header of a message declaring `length` bytes. */
function headerOnly(length: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(2013, 12);
  return h;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("wire server limits", () => {
  it("drops a connection whose message is not completed within the timeout; trickling does not extend it", async () => {
    const { port } = await start({ messageTimeoutMs: 200 });
    const idle = await connect(port);
    const half = await connect(port);
    half.write(opMsg({ ping: 1, $db: "admin" }).subarray(0, 10));
    expect(await half.closesWithin(600)).toBe(true);

    const trickle = await connect(port);
    const msg = opMsg({ ping: 1, $db: "admin", pad: "x".repeat(100) });
    let sent = 0;
    const timer = setInterval(() => trickle.write(msg.subarray(sent, ++sent)), 20);
    try {
      expect(await trickle.closesWithin(800)).toBe(true);
    } finally {
      clearInterval(timer);
    }
    expect(sent).toBeLessThan(msg.length);
    // A connection that sends nothing is not timed out (like mongod), and is served afterwards.
    expect(idle.isClosed).toBe(false);
    expect(await idle.command({ ping: 1, $db: "admin" })).toMatchObject({ ok: 1 });
  });

  it("refuses at once a message declaring more than 48,000,000 bytes; 48,000,000 itself waits for its bytes", async () => {
    const { port } = await start({ messageTimeoutMs: 300 });
    const over = await connect(port);
    over.write(headerOnly(48_000_001));
    expect(await over.closesWithin(150)).toBe(true);
    const max = await connect(port);
    max.write(headerOnly(48_000_000));
    expect(await max.closesWithin(150)).toBe(false);
    expect(await max.closesWithin(600)).toBe(true); // and then the timeout takes it
  });

  it("closes connections beyond the maximum at once; a freed slot is usable again", async () => {
    const { port } = await start({ maxConnections: 3 });
    const open = [await connect(port), await connect(port), await connect(port)];
    for (const c of open) expect(await c.command({ ping: 1, $db: "admin" })).toMatchObject({ ok: 1 });
    const fourth = await connect(port);
    expect(await fourth.closesWithin(300)).toBe(true);
    open[0]!.close();
    await sleep(50);
    const again = await connect(port);
    expect(await again.command({ ping: 1, $db: "admin" })).toMatchObject({ ok: 1 });
  });

  it("keeps the bytes buffered over all connections under the cap by dropping the connection that would exceed it", async () => {
    const { port } = await start({ maxBufferedBytes: 1_000_000 });
    const big = opMsg({ ping: 1, $db: "admin", pad: "x".repeat(850_000) });
    const a = await connect(port);
    a.write(big.subarray(0, 600_000));
    await sleep(100);
    const b = await connect(port);
    b.write(Buffer.concat([headerOnly(2_000_000), Buffer.alloc(500_000)]));
    expect(await b.closesWithin(500)).toBe(true);
    // The first connection is untouched: it completes its message and gets its answer ...
    const reply = a.nextReply();
    a.write(big.subarray(600_000));
    expect(await reply).toMatchObject({ ok: 1 });
    // ... which gives its bytes back, so another connection may buffer as much again.
    const c = await connect(port);
    c.write(Buffer.concat([headerOnly(2_000_000), Buffer.alloc(600_000)]));
    expect(await c.closesWithin(300)).toBe(false);
    expect(await a.command({ ping: 1, $db: "admin" })).toMatchObject({ ok: 1 });
  });

  it("drops a client that sends requests but stops reading the replies, after the timeout", async () => {
    const { port, credentials } = await start({ messageTimeoutMs: 200 });
    const c = await connect(port);
    await scramConversation(c, credentials.username, credentials.password);
    expect(await c.command({ insert: "big", documents: [{ _id: 1, pad: "x".repeat(1_000_000) }], $db: "limits" })).toMatchObject({ ok: 1 });
    c.socket.pause(); // stop reading: replies pile up in the kernel, then in the server
    const before = c.replies;
    for (let i = 0; i < 100; i++) c.write(opMsg({ find: "big", $db: "limits" }));
    await sleep(1_500);
    c.socket.resume(); // what the kernel still holds arrives, then the reset of the dropped connection
    expect(await c.closesWithin(3_000)).toBe(true);
    expect(c.replies - before).toBeLessThan(100);
  });
});
