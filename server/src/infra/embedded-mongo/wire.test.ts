import net from "node:net";
import { serialize } from "bson";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawClient, scramConversation } from "../../../../test/harness/raw-mongo.js";
import { startEmbeddedMongo, type EmbeddedMongo } from "./index.js";
import { buildMsgRequest, MSG_MORE_TO_COME, OP_MSG, parseMessage, WireError } from "./wire.js";

function frame(opCode: number, payload: Buffer, lengthOverride?: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(lengthOverride ?? 16 + payload.length, 0);
  h.writeInt32LE(1, 4);
  h.writeInt32LE(opCode, 12);
  return Buffer.concat([h, payload]);
}

/** Sends bytes on a raw socket; resolves with what came back and whether the server closed the socket. */
function exchange(port: number, bytes: Buffer, waitMs = 300): Promise<{ data: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const sock = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let closed = false;
    sock.on("data", (d) => chunks.push(d));
    sock.on("close", () => {
      closed = true;
    });
    sock.on("error", () => undefined);
    sock.on("connect", () => sock.write(bytes));
    setTimeout(() => {
      sock.destroy();
      resolve({ data: Buffer.concat(chunks), closed });
    }, waitMs);
  });
}

function replyDoc(data: Buffer): Record<string, unknown> {
  return parseMessage(data.subarray(0, data.readInt32LE(0))).kind === "msg"
    ? ((parseMessage(data.subarray(0, data.readInt32LE(0))) as { command: Record<string, unknown> }).command)
    : {};
}

describe("wire framing", () => {
  it("parses an OP_MSG body with a kind-1 document sequence into the command", () => {
    const msg = buildMsgRequest(7, { insert: "c", $db: "d" }, { sequences: { documents: [{ a: 1 }, { a: 2 }] } });
    const req = parseMessage(msg);
    expect(req.kind).toBe("msg");
    expect((req as { command: Record<string, unknown> }).command.documents).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("verifies the CRC-32C checksum when checksumPresent is set", () => {
    const msg = buildMsgRequest(1, { ping: 1, $db: "admin" }, { checksum: true });
    expect(parseMessage(msg).kind).toBe("msg");
    msg[msg.length - 1] ^= 0xff;
    expect(() => parseMessage(msg)).toThrow(WireError);
  });

  it("rejects truncated documents, unknown section kinds and unknown required flag bits", () => {
    const body = Buffer.from(serialize({ ping: 1, $db: "admin" }));
    const flags = Buffer.alloc(4);
    expect(() => parseMessage(frame(OP_MSG, Buffer.concat([flags, Buffer.from([0]), body.subarray(0, body.length - 3)])))).toThrow(WireError);
    expect(() => parseMessage(frame(OP_MSG, Buffer.concat([flags, Buffer.from([7]), body])))).toThrow(WireError);
    const badFlags = Buffer.alloc(4);
    badFlags.writeUInt32LE(1 << 4, 0);
    expect(() => parseMessage(frame(OP_MSG, Buffer.concat([badFlags, Buffer.from([0]), body])))).toThrow(WireError);
  });

  it("rejects a document whose length points past the message", () => {
    const body = Buffer.from(serialize({ ping: 1 }));
    body.writeInt32LE(10_000, 0);
    expect(() => parseMessage(frame(OP_MSG, Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body])))).toThrow(WireError);
  });
});

describe("wire server with malformed input", () => {
  let store: EmbeddedMongo;
  beforeAll(async () => {
    store = await startEmbeddedMongo({ dataDir: null });
  });
  afterAll(async () => {
    await store.close();
  });

  it("closes only the offending connection on garbage, an impossible length or an unknown opcode", async () => {
    expect((await exchange(store.port, Buffer.from("GET / HTTP/1.1\r\n\r\n"))).closed).toBe(true);
    expect((await exchange(store.port, frame(OP_MSG, Buffer.alloc(0), 2_000_000_000))).closed).toBe(true);
    expect((await exchange(store.port, frame(2012, Buffer.alloc(20)))).closed).toBe(true);
    const client = await MongoClient.connect(store.uri);
    try {
      expect((await client.db("admin").command({ ping: 1 })).ok).toBe(1);
    } finally {
      await client.close();
    }
  });

  it("does not answer a truncated message until the rest arrives (no hang of the store)", async () => {
    const msg = buildMsgRequest(3, { ping: 1, $db: "admin" });
    const partial = await exchange(store.port, msg.subarray(0, 10), 150);
    expect(partial.data.length).toBe(0);
    const whole = await exchange(store.port, msg);
    expect(replyDoc(whole.data).ok).toBe(1);
  });

  it("answers an OP_MSG without $db with an error reply", async () => {
    const { data, closed } = await exchange(store.port, buildMsgRequest(4, { ping: 1 }));
    expect(closed).toBe(false);
    expect(replyDoc(data)).toMatchObject({ ok: 0, code: 40571 });
  });

  it("executes a moreToCome (fire-and-forget) insert without replying", async () => {
    const raw = await RawClient.connect(store.port);
    try {
      await scramConversation(raw, store.credentials.username, store.credentials.password);
      const msg = buildMsgRequest(5, { insert: "fire", $db: "wiretest", ordered: true }, { flags: MSG_MORE_TO_COME, sequences: { documents: [{ _id: 1 }] } });
      let replies = 0;
      raw.socket.on("data", () => replies++);
      raw.write(msg);
      await new Promise((r) => setTimeout(r, 200));
      expect(replies).toBe(0);
    } finally {
      raw.close();
    }
    const client = await MongoClient.connect(store.uri);
    try {
      expect(await client.db("wiretest").collection("fire").countDocuments()).toBe(1);
    } finally {
      await client.close();
    }
  });

  it("answers legacy OP_QUERY hello with OP_REPLY and refuses other OP_QUERY commands", async () => {
    const q = (cmd: Record<string, unknown>) => {
      const ns = Buffer.from("admin.$cmd\0");
      const fields = Buffer.alloc(8);
      fields.writeInt32LE(-1, 4);
      return frame(2004, Buffer.concat([Buffer.alloc(4), ns, fields, Buffer.from(serialize(cmd))]));
    };
    const hello = await exchange(store.port, q({ isMaster: 1 }));
    expect(hello.data.readInt32LE(12)).toBe(1); // OP_REPLY
    const { deserialize } = await import("bson");
    const doc = deserialize(hello.data.subarray(36));
    expect(doc).toMatchObject({ ismaster: true, maxWireVersion: 21, maxBsonObjectSize: 16 * 1024 * 1024 });
    const find = await exchange(store.port, q({ find: "x" }));
    expect(deserialize(find.data.subarray(36))).toMatchObject({ ok: 0, code: 352 });
  });
});
