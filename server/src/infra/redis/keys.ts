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

/** Key templates; empty until the first module needs Redis (presence, rate limits). */
export const redisKeys = {
  // Example of the expected shape (do not uncomment without an owner):
  // /** hash agentId → JSON presence; owner: realtime/presence.ts; TTL: 60 s, refreshed by heartbeat */
  // presence: (orgId: string) => `${KEY_PREFIX}presence:${orgId}`,
} as const;
