/**
 * The light idle channel: `GET /api/v1/availability/stream` as Server-Sent Events.
 *
 * Tens of thousands of pages sit here doing nothing, so the per-connection cost is what matters:
 * - The route is served straight from the HTTP server's request listener, before Express: no Express
 *   request/response decoration, no pino-http child logger, no session lookup, no helmet, no compression.
 * - Per connection the server keeps the socket, Node's request/response objects and one entry in one shared
 *   `Set`; the `close` listener is one function shared by all connections (no per-connection closure).
 * - A change is serialised once and the same string is written to every response.
 * - Heartbeats are SSE comments from one shared interval.
 * The information is public (is the chat open?), so no session is needed; cross-origin requests get CORS
 * headers when their Origin is on the allow-list (the widget loader on a school's own website) and 403
 * otherwise, so foreign pages cannot park connections here.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AVAILABILITY_STREAM } from "../../contracts/api/availability.js";

/** Options of {@link SseHub}. */
export interface SseHubOptions {
  /** Cross-origin allow-list (same list as the Socket.IO handshake). */
  isOriginAllowed: (origin: string) => boolean;
  /** The current state as an SSE event; written first on every new connection. */
  currentFrame: () => string;
  /** Default {@link AVAILABILITY_STREAM.heartbeatMs}. */
  heartbeatMs?: number;
  /** A client that has not read this many bytes is dropped (it reconnects and gets the current state). */
  maxBufferedBytes?: number;
  /** The client's address (TRUST_PROXY applied); default the peer's. */
  clientAddress?: (req: IncomingMessage) => string;
  /** Open streams one address may hold (a school's whole staff behind one NAT fits); beyond: 429. */
  maxPerAddress?: number;
}


const HEARTBEAT = ": hb\n\n";
const RETRY = `retry: ${AVAILABILITY_STREAM.retryMs}\n`;

export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  /** Open streams per client address, and each stream's address (kept off the response object's shape). */
  private readonly perAddress = new Map<string, number>();
  private readonly addressOf = new WeakMap<ServerResponse, string>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxBuffered: number;
  private closed = false;
  /** One listener function for every connection's `close` event. */
  private readonly onClose: (this: ServerResponse) => void;

  constructor(private readonly options: SseHubOptions) {
    const clients = this.clients;
    const perAddress = this.perAddress;
    const addressOf = this.addressOf;
    this.onClose = function onClose(this: ServerResponse) {
      clients.delete(this);
      const address = addressOf.get(this);
      if (address === undefined) return;
      const n = (perAddress.get(address) ?? 1) - 1;
      if (n <= 0) perAddress.delete(address);
      else perAddress.set(address, n);
    };
    this.maxBuffered = options.maxBufferedBytes ?? 64 * 1024;
    this.heartbeat = setInterval(() => this.broadcast(HEARTBEAT), options.heartbeatMs ?? AVAILABILITY_STREAM.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Open streams in this process. */
  get size(): number {
    return this.clients.size;
  }

  /** Writes `frame` (already serialised) to every open stream. */
  broadcast(frame: string): void {
    for (const res of this.clients) {
      // A stuck reader would make us buffer every change for it; drop it, EventSource reconnects.
      if (res.writableLength > this.maxBuffered) {
        res.destroy();
        continue;
      }
      res.write(frame);
    }
  }

  /** Serves one stream request (GET, HEAD or an OPTIONS preflight). */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    const cors: Record<string, string> = {};
    if (origin !== undefined) {
      if (!this.options.isOriginAllowed(origin)) {
        res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).end("origin not allowed\n");
        return;
      }
      cors["Access-Control-Allow-Origin"] = origin;
      cors["Vary"] = "Origin";
    }
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...cors, "Access-Control-Allow-Methods": "GET", "Access-Control-Allow-Headers": "Last-Event-ID, Cache-Control", "Access-Control-Max-Age": "86400" }).end();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD, OPTIONS" }).end();
      return;
    }
    if (this.closed) {
      res.writeHead(503, { "Retry-After": "5" }).end();
      return;
    }
    const address = this.options.clientAddress?.(req) ?? req.socket.remoteAddress ?? "unknown";
    const open = this.perAddress.get(address) ?? 0;
    if (open >= (this.options.maxPerAddress ?? Number.POSITIVE_INFINITY)) {
      res.writeHead(429, { ...cors, "Retry-After": "60", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).end("too many streams\n");
      return;
    }
    // No chunked framing: the body ends when the connection does (a close-delimited body, RFC 9112 §6.3), so
    // every broadcast is just the frame's bytes; writing to 5,000 streams got ~4× cheaper in bench/.
    res.removeHeader("Transfer-Encoding");
    res.writeHead(200, {
      ...cors,
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: proxies must not compress or buffer the stream.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
      "X-Content-Type-Options": "nosniff",
      Connection: "close",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    const socket = res.socket;
    if (socket) {
      socket.setNoDelay(true);
      socket.setTimeout(0);
      socket.setKeepAlive(true, 60_000);
    }
    res.write(RETRY + this.options.currentFrame());
    this.clients.add(res);
    this.perAddress.set(address, open + 1);
    this.addressOf.set(res, address);
    res.once("close", this.onClose);
  }

  /** Ends every stream (shutdown); later requests get 503. */
  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
