/**
 * Every Redis key Balie uses, in one place. (Chatwoot keeps the same discipline in `redis_keys.rb`.)
 *
 * Convention:
 * - All keys start with `balie:`; the next segment is the owning module (`presence`, `ratelimit`, …).
 * - Add a template here before using it anywhere, as a function that builds the key from typed parts, with a
 *   comment giving its **structure** (string, hash, set, sorted set, stream and what fields/members mean),
 *   its **owner** (the one module that writes it) and its **TTL** (or why it has none).
 * - Never build a key with string concatenation outside this file; `grep keys.` finds every user.
 *
 * Keys owned by libraries rather than by Balie (documented here so nobody collides with them):
 * - `socket.io` (stream) and `socket.io#*` (pub/sub channels), `sio:session:*`: the Socket.IO redis-streams
 *   adapter (`realtime/io.ts`); stream trimmed to ~10,000 entries by the adapter.
 */

/** Prefix of every Balie key. */
export const KEY_PREFIX = "balie:";

/** Key templates. */
export const redisKeys = {
  /**
   * hash {data: JSON SessionData, createdAtMs, lastSeenAtMs} of one session, by sha256 of its cookie id;
   * owner: modules/identity/redis-session-store.ts; TTL: idle timeout + 1 h, refreshed on every touch (expiry
   * itself is decided against the clock by the session middleware; the TTL only cleans up).
   */
  session: (key: string) => `${KEY_PREFIX}session:${key}`,
  /**
   * set of session keys of one principal (eHerkenning pseudonym or agent id), so a revoked link ends its
   * sessions; owner: modules/identity/redis-session-store.ts; TTL: absolute session lifetime + 1 h.
   */
  sessionIndex: (kind: "contact" | "agent", id: string) => `${KEY_PREFIX}session-index:${kind}:${id}`,
  /**
   * pub/sub channel carrying domain events between processes (JSON {node, name, payload}); owner:
   * events/bus.ts; no TTL (a channel stores nothing).
   */
  eventsChannel: () => `${KEY_PREFIX}events`,
  /**
   * hash {status: online|pause|offline, lastSeenMs} of one agent's chat presence: a heartbeat written every 10 s
   * by each process holding a console socket of that agent; owner: modules/chat/presence.ts; TTL: 5 min,
   * refreshed per heartbeat (whether the agent is "gone" is decided on lastSeenMs against the clock, the TTL only
   * cleans up).
   */
  agentPresence: (agentId: string) => `${KEY_PREFIX}presence:agent:${agentId}`,
  /**
   * hash {tokens, ts} token bucket of one chat sender (`contact:<orgId>:<pseudonym>` or `agent:<agentId>`);
   * owner: modules/chat/rate-limiter.ts; TTL: time to refill the bucket + 1 s, refreshed on every take.
   */
  chatRateLimit: (sender: string) => `${KEY_PREFIX}ratelimit:chat:${sender}`,
} as const;
