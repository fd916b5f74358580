/**
 * The TCP side: frames messages per connection, runs them one at a time per connection (drivers never
 * pipeline on one socket), and answers after the journal holds every write the command made. A framing
 * error closes only that connection; nothing a client sends can stop the store.
 *
 * Every connection must authenticate (auth.ts) before it reads or writes data, and the limits in limits.ts
 * cap what clients can make the store hold: connections, time to finish a message, buffered bytes.
 */
import net from "node:net";
import { ConnectionAuth } from "./auth.js";
import { runCommand, type CommandContext } from "./commands/index.js";
import type { CursorRegistry } from "./cursors.js";
import type { Engine } from "./engine.js";
import { ErrorCodes } from "./errors.js";
import { ByteBudget, type WireLimits } from "./limits.js";
import type { Doc } from "./query.js";
import type { ScramVerifier } from "./scram.js";
import type { Storage } from "./storage.js";
import { buildMsg, buildReply, MSG_MORE_TO_COME, parseMessage, peekMessageLength, WireError, type Request } from "./wire.js";

type Logger = { info(o: object | string, msg?: string): void; warn(o: object | string, msg?: string): void; error(o: object | string, msg?: string): void };

export interface WireServerOptions {
  engine: Engine;
  cursors: CursorRegistry;
  storage: Storage | null;
  /** The one user's SCRAM verifier; connections that have not proven its password may only handshake. */
  verifier: ScramVerifier;
  limits: WireLimits;
  logger?: Logger;
  startedAt: number;
}

const LEGACY_HANDSHAKE = new Set(["hello", "isMaster", "ismaster"]);
/**
 * Parsed requests waiting for their turn before the connection stops reading from its socket. Drivers send
 * one request at a time; only fire-and-forget (w:0) writes queue up, and TCP backpressure slows them down.
 */
const MAX_QUEUED = 8;
/** Unsent reply bytes beyond which the next request waits until the client reads (or the timeout drops it). */
const WRITE_HIGH_WATER = 16 * 1024 * 1024;

class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes this connection holds in the server's budget: data not yet framed plus queued requests. */
  private held = 0;
  private queued = 0;
  private paused = false;
  /** Runs while a message is incomplete; firing drops the connection. */
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  readonly auth: ConnectionAuth;

  constructor(
    private readonly socket: net.Socket,
    readonly id: number,
    private readonly server: WireServer,
  ) {
    this.auth = new ConnectionAuth(server.verifier);
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.onData(chunk));
    socket.on("error", () => this.close());
    socket.on("close", () => this.close());
  }

  /** Resolves when the requests received so far are answered. */
  get idle(): Promise<void> {
    return this.chain;
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    if (!this.server.budget.take(chunk.length)) {
      this.server.logger?.warn(
        { connectionId: this.id, heldBytes: this.held, limitBytes: this.server.limits.maxBufferedBytes },
        "embedded-mongo: closing connection: buffered data of all connections would exceed the limit",
      );
      this.close();
      return;
    }
    this.held += chunk.length;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      for (;;) {
        if (this.buffered < 4) break;
        if (this.chunks[0]!.length < 4) this.chunks = [Buffer.concat(this.chunks)];
        const len = peekMessageLength(this.chunks[0]!);
        if (len === null || this.buffered < len) break;
        const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
        const msg = all.subarray(0, len);
        const rest = all.subarray(len);
        this.chunks = rest.length ? [rest] : [];
        this.buffered = rest.length;
        this.stopTimer();
        this.enqueue(parseMessage(Buffer.from(msg)), len);
      }
    } catch (err) {
      this.fail(err);
      return;
    }
    if (this.buffered > 0 && !this.paused) this.startTimer();
  }

  /** Queues a request; its bytes stay in the budget until it is answered. */
  private enqueue(request: Request, bytes: number): void {
    if (++this.queued >= MAX_QUEUED) this.pause();
    this.chain = this.chain
      .then(() => this.handle(request))
      .then(() => {
        this.queued--;
        this.release(bytes);
        if (this.paused && this.queued < MAX_QUEUED) this.resume();
      });
  }

  private pause(): void {
    this.paused = true;
    this.socket.pause();
    this.stopTimer(); // we are not reading, so the client cannot finish its message
  }

  private resume(): void {
    this.paused = false;
    if (this.closed) return;
    this.socket.resume();
    if (this.buffered > 0) this.startTimer();
  }

  /** Started at a message's first bytes, not restarted by later ones: trickling a byte at a time does not help. */
  private startTimer(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.server.logger?.warn(
        { connectionId: this.id, timeoutMs: this.server.limits.messageTimeoutMs, bufferedBytes: this.buffered },
        "embedded-mongo: closing connection: message not completed in time",
      );
      this.close();
    }, this.server.limits.messageTimeoutMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private release(bytes: number): void {
    if (this.closed) return; // close() gave back everything already
    this.held -= bytes;
    this.server.budget.give(bytes);
  }

  private fail(err: unknown): void {
    this.server.logger?.warn({ err: (err as Error).message, connectionId: this.id }, "embedded-mongo: closing connection after a protocol error");
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopTimer();
    this.server.budget.give(this.held);
    this.held = 0;
    this.chunks = [];
    this.buffered = 0;
    this.socket.destroy();
    this.server.forget(this);
  }

  private async handle(req: Request): Promise<void> {
    if (this.closed) return;
    try {
      if (req.kind === "unsupported") throw new WireError(`unsupported opCode ${req.header.opCode}`);
      if (req.kind === "query") {
        let cmd = req.command;
        if (cmd.$query && typeof cmd.$query === "object") cmd = cmd.$query as Doc;
        const name = Object.keys(cmd)[0] ?? "";
        const db = req.fullCollectionName.endsWith(".$cmd") ? req.fullCollectionName.slice(0, -5) : "admin";
        const reply = LEGACY_HANDSHAKE.has(name)
          ? await this.server.execute({ ...cmd, $db: db }, this)
          : {
              ok: 0,
              errmsg: `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`,
              code: 352,
              codeName: "UnsupportedOpQueryCommand",
            };
        this.write(buildReply(this.server.nextRequestId(), req.header.requestId, reply));
        return;
      }
      const cmd = req.command;
      const reply =
        typeof cmd.$db === "string"
          ? await this.server.execute(cmd, this)
          : { ok: 0, errmsg: "OP_MSG requests require a $db argument", code: 40571, codeName: "Location40571" };
      if (req.flags & MSG_MORE_TO_COME) return; // fire-and-forget (w:0): no reply expected
      this.write(buildMsg(this.server.nextRequestId(), req.header.requestId, reply));
      if (this.socket.writableLength > WRITE_HIGH_WATER) await this.drained();
    } catch (err) {
      if (err instanceof WireError) this.fail(err);
      else {
        this.server.logger?.error({ err }, "embedded-mongo: unexpected error; closing connection");
        this.close();
      }
    }
  }

  private write(buf: Buffer): void {
    if (!this.closed) this.socket.write(buf);
  }

  /** Waits until the client has read our replies; one that stops reading for the timeout is dropped. */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.socket.off("drain", done);
        this.socket.off("close", done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.server.logger?.warn({ connectionId: this.id }, "embedded-mongo: closing connection: client does not read its replies");
        this.close();
        done();
      }, this.server.limits.messageTimeoutMs);
      this.socket.on("drain", done);
      this.socket.on("close", done);
    });
  }
}

export class WireServer {
  private readonly tcp: net.Server;
  private readonly connections = new Set<Connection>();
  private connectionIds = 0;
  private requestIds = 0;
  private refusedSince = 0;
  private refusedLoggedAt = 0;
  readonly logger?: Logger;
  readonly verifier: ScramVerifier;
  readonly limits: WireLimits;
  readonly budget: ByteBudget;

  constructor(private readonly options: WireServerOptions) {
    this.logger = options.logger;
    this.verifier = options.verifier;
    this.limits = options.limits;
    this.budget = new ByteBudget(options.limits.maxBufferedBytes);
    this.tcp = net.createServer((socket) => {
      if (this.connections.size >= this.limits.maxConnections) {
        socket.destroy();
        this.refused();
        return;
      }
      const conn = new Connection(socket, ++this.connectionIds, this);
      this.connections.add(conn);
    });
  }

  /** Logs refused connections at most once a minute, so a flood of them cannot flood the log too. */
  private refused(): void {
    this.refusedSince++;
    const now = Date.now();
    if (now - this.refusedLoggedAt < 60_000) return;
    this.logger?.warn(
      { refused: this.refusedSince, maxConnections: this.limits.maxConnections },
      "embedded-mongo: refused connections: too many open connections",
    );
    this.refusedSince = 0;
    this.refusedLoggedAt = now;
  }

  nextRequestId(): number {
    this.requestIds = (this.requestIds + 1) & 0x7fffffff;
    return this.requestIds;
  }

  forget(conn: Connection): void {
    this.connections.delete(conn);
  }

  /**
   * Runs a command for a connection, unless it has to authenticate first; a write's reply waits until its
   * journal records are fsynced.
   */
  async execute(cmd: Doc, conn: { id: number; auth: ConnectionAuth }): Promise<Doc> {
    const name = Object.keys(cmd)[0] ?? "";
    const intercepted = conn.auth.intercept(name, cmd);
    if (intercepted) return intercepted;
    const { engine, cursors, storage, startedAt } = this.options;
    const ctx: CommandContext = { engine, cursors, db: cmd.$db as string, connectionId: conn.id, startedAt };
    const before = storage?.seq ?? 0;
    const reply = await runCommand(cmd, ctx);
    if (reply.ok === 1) Object.assign(reply, conn.auth.helloExtras(name, cmd));
    if (storage && storage.seq > before) {
      try {
        await storage.durable(storage.seq);
      } catch (err) {
        this.logger?.error({ err }, "embedded-mongo: journal write failed");
        return { ok: 0, errmsg: `journal write failed: ${(err as Error).message}`, code: ErrorCodes.InternalError, codeName: "InternalError" };
      }
    }
    return reply;
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.tcp.once("error", reject);
      this.tcp.listen(port, host, () => {
        this.tcp.off("error", reject);
        resolve((this.tcp.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops accepting, lets answered-in-progress requests finish (briefly), then drops all connections. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.tcp.close(() => resolve()));
    const pending = [...this.connections].map((c) => c.idle);
    await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, 2000).unref())]);
    for (const c of [...this.connections]) c.close();
    await closed;
  }
}
