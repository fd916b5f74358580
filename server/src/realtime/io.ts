import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Server } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../contracts/realtime.js";
import type { ClientAddress } from "../infra/client-address.js";
import type { Logger } from "../infra/logger.js";
import { closeRedis, createRedisClient } from "../infra/redis/client.js";
import { OpenCounter } from "./limits.js";

/** Balie's Socket.IO server, typed by the real-time contract (`contracts/realtime.ts`). */
export type BalieIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Options for {@link createIo}. */
export interface CreateIoOptions {
  logger: Logger;
  /** When set, the redis-streams adapter fans events out to every Balie process. */
  redisUrl?: string | undefined;
  /**
   * Origin allow-list, checked at the handshake (polling and WebSocket). Requests without an `Origin` header
   * (same-origin polling, server-to-server clients) are let through: browsers always send `Origin` on
   * cross-origin requests and WebSocket upgrades, which is what the list guards against.
   */
  isOriginAllowed: (origin: string) => boolean;
  /** The client's address (TRUST_PROXY applied); connections are limited per address. */
  clientAddress: ClientAddress;
  /** Engine.IO connections (polling or WebSocket, authenticated or not) one address may hold. */
  connectionsPerAddress: number;
}

/** A Socket.IO server attached to `httpServer`. `close()` also closes its Redis clients. */
export function createIo(httpServer: HttpServer, options: CreateIoOptions): BalieIo {
  const log = options.logger.child({ module: "realtime" });
  const allowed = (origin: string | undefined) => origin === undefined || options.isOriginAllowed(origin);
  const perAddress = new OpenCounter(options.connectionsPerAddress);

  const io: BalieIo = new Server(httpServer, {
    serveClient: false,
    // A chat message is 2,000 characters at most; nothing legitimate comes near this.
    maxHttpBufferSize: 64 * 1024,
    cors: { origin: (origin, cb) => cb(null, allowed(origin)), credentials: true },
    allowRequest(req, callback) {
      const origin = req.headers.origin;
      if (!allowed(origin)) {
        log.warn({ origin }, "socket handshake refused: origin not allowed");
        return callback("origin not allowed", false);
      }
      // Counted here, before any session or token work, so 1,000 anonymous polling handshakes cannot pile up.
      const address = options.clientAddress(req);
      if (!perAddress.tryOpen(address)) {
        log.warn({ address }, "socket handshake refused: too many connections from this address");
        return callback("too many connections", false);
      }
      // Released when the Engine.IO connection closes, or at once when the handshake never becomes one.
      (req as { balieAddress?: string }).balieAddress = address;
      callback(null, true);
    },
  });
  io.engine.on("connection", (conn: { request: { balieAddress?: string }; once(event: "close", fn: () => void): void }) => {
    const address = conn.request.balieAddress;
    if (address !== undefined) conn.once("close", () => perAddress.close(address));
  });
  io.engine.on("connection_error", (err: { req?: { balieAddress?: string } }) => {
    const address = err.req?.balieAddress;
    if (address !== undefined) perAddress.close(address);
  });

  if (options.redisUrl) {
    // Not lazy: the adapter duplicates this client for XREAD and pub/sub; see createRedisClient.
    const client = createRedisClient(options.redisUrl, options.logger, { name: "socket.io", lazyConnect: false });
    io.adapter(createAdapter(client));
    const close = io.close.bind(io);
    io.close = async (fn?: (err?: Error) => void) => {
      await close(fn);
      await closeRedis(client);
    };
  }
  return io;
}
