import { Redis } from "ioredis";
import { nowMs } from "../clock.js";
import type { Logger } from "../logger.js";

/** Options for {@link createRedisClient}. */
export interface RedisClientOptions {
  /** Shown in `CLIENT LIST` as `balie:<name>` and in logs. */
  name: string;
  /** Repeat connection errors are logged at most once per this many ms (default 30 s). */
  errorLogIntervalMs?: number;
  /**
   * Connect on first command / explicit `connect()` (default). Pass false for clients handed to libraries that
   * `duplicate()` them (the Socket.IO adapter awaits `connect()` on lazy duplicates and would reject at startup
   * when Redis is down, instead of retrying).
   */
  lazyConnect?: boolean;
}

/**
 * An ioredis client that never crashes the process: it connects lazily (call `connect()` or just send a
 * command), reconnects forever with capped backoff, and logs connection errors (throttled) instead of throwing.
 * Commands issued while disconnected are queued and fail after a few retries, so callers see an error rather
 * than a hang.
 */
export function createRedisClient(url: string, logger: Logger, options: RedisClientOptions): Redis {
  const log = logger.child({ module: "redis", client: options.name });
  const interval = options.errorLogIntervalMs ?? 30_000;
  const client = new Redis(url, {
    lazyConnect: options.lazyConnect ?? true,
    connectionName: `balie:${options.name}`,
    maxRetriesPerRequest: 3,
    // 100 ms, 200 ms, … capped at 2 s; returning a number means "keep trying".
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });

  let lastLogged = 0;
  let suppressed = 0;
  client.on("error", (err: Error) => {
    const now = nowMs();
    if (now - lastLogged < interval) {
      suppressed++;
      return;
    }
    log.warn({ err, suppressed }, "redis error");
    lastLogged = now;
    suppressed = 0;
  });
  client.on("ready", () => {
    if (lastLogged !== 0) log.info("redis connection restored");
    lastLogged = 0;
  });
  return client;
}

/** PING with a deadline; false when not connected, on error or after `timeoutMs`. */
export async function pingRedis(client: Redis, timeoutMs = 1_000): Promise<boolean> {
  if (client.status !== "ready") return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await Promise.race([
      client.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("redis ping timed out")), timeoutMs);
      }),
    ]);
    return reply === "PONG";
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** QUIT politely, disconnect if Redis does not answer within `timeoutMs`. */
export async function closeRedis(client: Redis, timeoutMs = 1_000): Promise<void> {
  if (client.status === "end") return;
  if (client.status !== "ready") {
    client.disconnect();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    client.quit().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        client.disconnect();
        resolve();
      }, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
