/**
 * {@link SessionStore} in Redis, for several Balie processes behind a load balancer (REDIS_URL). Same
 * semantics as the MongoDB store: expiry is decided by the session middleware against the clock; Redis TTLs
 * only clean up (real time, with a margin).
 * Keys: `redisKeys.session` and `redisKeys.sessionIndex` (infra/redis/keys.ts).
 */
import type { Redis } from "ioredis";
import { redisKeys } from "../../infra/redis/keys.js";
import { IDENTITY_LIMITS } from "../../contracts/api/auth.js";
import type { SessionRecord, SessionStore } from "./session-store.js";

const sessionKey = redisKeys.session;
const indexKey = redisKeys.sessionIndex;
const MARGIN_MS = 3_600_000;

export function redisSessionStore(redis: Redis): SessionStore {
  return {
    async get(key) {
      const h = await redis.hgetall(sessionKey(key));
      if (!h.data) return null;
      return { data: JSON.parse(h.data) as SessionRecord["data"], createdAtMs: Number(h.createdAtMs), lastSeenAtMs: Number(h.lastSeenAtMs) };
    },
    async set(key, record, cleanupAfterMs) {
      const k = sessionKey(key);
      const multi = redis
        .multi()
        .del(k)
        .hset(k, { data: JSON.stringify(record.data), createdAtMs: String(record.createdAtMs), lastSeenAtMs: String(record.lastSeenAtMs) })
        .pexpire(k, cleanupAfterMs + MARGIN_MS);
      const p = record.data.principal;
      if (p) {
        const idx = p.type === "agent" ? indexKey("agent", p.agentId) : indexKey("contact", p.ehPseudonym);
        multi.sadd(idx, key).pexpire(idx, IDENTITY_LIMITS.sessionAbsoluteMs + MARGIN_MS);
      }
      await multi.exec();
    },
    async touch(key, lastSeenAtMs, cleanupAfterMs) {
      const k = sessionKey(key);
      // Only when the session still exists (HSET would recreate a destroyed one).
      if ((await redis.exists(k)) === 1) {
        await redis.multi().hset(k, "lastSeenAtMs", String(lastSeenAtMs)).pexpire(k, cleanupAfterMs + MARGIN_MS).exec();
      }
    },
    async destroy(key) {
      await redis.del(sessionKey(key));
    },
    async destroyWhere(predicate) {
      const idx = predicate.agentId ? indexKey("agent", predicate.agentId) : predicate.ehPseudonym ? indexKey("contact", predicate.ehPseudonym) : null;
      if (!idx) return 0;
      const keys = await redis.smembers(idx);
      if (keys.length === 0) return 0;
      const removed = await redis.del(...keys.map(sessionKey));
      await redis.del(idx);
      return removed;
    },
  };
}
