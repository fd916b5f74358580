import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Server } from "socket.io";
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from "../contracts/realtime.js";
import type { Logger } from "../infra/logger.js";
import { closeRedis, createRedisClient } from "../infra/redis/client.js";

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
}

/** A Socket.IO server attached to `httpServer`. `close()` also closes its Redis clients. */
export function createIo(httpServer: HttpServer, options: CreateIoOptions): BalieIo {
  const log = options.logger.child({ module: "realtime" });
  const allowed = (origin: string | undefined) => origin === undefined || options.isOriginAllowed(origin);

  const io: BalieIo = new Server(httpServer, {
    serveClient: false,
    // A chat message is 2,000 characters at most; nothing legitimate comes near this.
    maxHttpBufferSize: 64 * 1024,
    cors: { origin: (origin, cb) => cb(null, allowed(origin)), credentials: true },
    allowRequest(req, callback) {
      const origin = req.headers.origin;
      if (allowed(origin)) return callback(null, true);
      log.warn({ origin }, "socket handshake refused: origin not allowed");
      callback("origin not allowed", false);
    },
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
