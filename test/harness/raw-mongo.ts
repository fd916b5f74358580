/**
 * A MongoDB client on a bare TCP socket, for tests that must control the bytes (half-sent messages, floods,
 * the SASL conversation step by step). Its SCRAM-SHA-256 client side follows RFC 5802/7677 on its own,
 * with node:crypto, so it checks the store's implementation instead of sharing it.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import net from "node:net";
import { Binary, deserialize, serialize, type Document } from "bson";

let requestIds = 1000;

/** An OP_MSG request with one body section. */
export function opMsg(doc: Document, flags = 0): Buffer {
  const body = Buffer.from(serialize(doc));
  const head = Buffer.alloc(21);
  head.writeInt32LE(21 + body.length, 0);
  head.writeInt32LE(++requestIds, 4);
  head.writeInt32LE(2013, 12);
  head.writeUInt32LE(flags, 16);
  return Buffer.concat([head, body]);
}

export class RawClient {
  private buffer = Buffer.alloc(0);
  private waiting: Array<(doc: Document) => void> = [];
  /** Resolves when the server (or we) closed the socket. */
  readonly closed: Promise<void>;
  isClosed = false;
  /** Reply messages received so far. */
  replies = 0;

  private constructor(readonly socket: net.Socket) {
    this.closed = new Promise((resolve) =>
      socket.on("close", () => {
        this.isClosed = true;
        resolve();
      }),
    );
    socket.on("error", () => undefined);
    socket.on("data", (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 4 && this.buffer.length >= this.buffer.readInt32LE(0)) {
        const len = this.buffer.readInt32LE(0);
        const doc = deserialize(this.buffer.subarray(21, len));
        this.buffer = this.buffer.subarray(len);
        this.replies++;
        this.waiting.shift()?.(doc);
      }
    });
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(new RawClient(socket)));
      socket.once("error", reject);
    });
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves with the next reply document; rejects if the socket closes first. */
  nextReply(): Promise<Document> {
    return new Promise((resolve, reject) => {
      if (this.isClosed) return reject(new Error("socket closed"));
      this.waiting.push(resolve);
      void this.closed.then(() => reject(new Error("socket closed")));
    });
  }

  /** Sends a command and resolves with its reply. */
  command(doc: Document): Promise<Document> {
    const reply = this.nextReply();
    this.write(opMsg(doc));
    return reply;
  }

  /** True if the server closes the socket within `ms`. */
  async closesWithin(ms: number): Promise<boolean> {
    await Promise.race([this.closed, new Promise((r) => setTimeout(r, ms))]);
    return this.isClosed;
  }

  close(): void {
    this.socket.destroy();
  }
}

const hmac = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest();
const text = (b: Binary) => Buffer.from(b.buffer.subarray(0, b.position)).toString("utf8");

/**
 * Runs SCRAM-SHA-256 as `user`/`password` on the raw socket: saslStart (or, with `speculative`, its
 * equivalent inside hello's speculativeAuthenticate, as the driver does), then saslContinue. Returns every
 * reply, so tests can look at each step; stops at the first error reply.
 */
export async function scramConversation(
  client: RawClient,
  user: string,
  password: string,
  options: { skipEmptyExchange?: boolean; speculative?: boolean } = {},
): Promise<Document[]> {
  const clientNonce = randomBytes(24).toString("base64");
  const clientFirstBare = `n=${user},r=${clientNonce}`;
  const saslStart = {
    saslStart: 1,
    mechanism: "SCRAM-SHA-256",
    payload: new Binary(Buffer.from(`n,,${clientFirstBare}`)),
    ...(options.skipEmptyExchange ? { options: { skipEmptyExchange: true } } : {}),
  };
  const start = options.speculative
    ? (((await client.command({ hello: 1, speculativeAuthenticate: { ...saslStart, db: "admin" }, $db: "admin" })).speculativeAuthenticate as
        | Document
        | undefined) ?? { ok: 0 })
    : await client.command({ ...saslStart, $db: "admin" });
  if (start.ok === 0) return [start];
  const serverFirst = text(start.payload as Binary);
  const fields = Object.fromEntries(serverFirst.split(",").map((p) => [p[0], p.slice(2)]));
  const salted = pbkdf2Sync(password, Buffer.from(fields.s!, "base64"), Number(fields.i), 32, "sha256");
  const clientKey = hmac(salted, "Client Key");
  const storedKey = createHash("sha256").update(clientKey).digest();
  const withoutProof = `c=biws,r=${fields.r}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = hmac(storedKey, authMessage);
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!)).toString("base64");
  const final = await client.command({
    saslContinue: 1,
    conversationId: start.conversationId as number,
    payload: new Binary(Buffer.from(`${withoutProof},p=${proof}`)),
    $db: "admin",
  });
  if (final.ok !== 1) return [start, final];
  const expected = `v=${hmac(hmac(salted, "Server Key"), authMessage).toString("base64")}`;
  if (text(final.payload as Binary) !== expected) throw new Error("server signature does not match");
  if (final.done === true) return [start, final];
  const empty = await client.command({ saslContinue: 1, conversationId: start.conversationId as number, payload: new Binary(Buffer.alloc(0)), $db: "admin" });
  return [start, final, empty];
}
