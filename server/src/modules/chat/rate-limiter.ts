/**
 * Token bucket per chat sender: `burst` messages at once, refilled at `perSecond`. In Redis (one Lua script, so
 * every process shares the bucket) when REDIS_URL is set, in memory otherwise; if Redis is unreachable the
 * in-memory bucket answers (a chat must not stop because the limiter's store is down). Time from clock.ts.
 */
import type { Redis } from "ioredis";
import { nowMs } from "../../infra/clock.js";
import { redisKeys } from "../../infra/redis/keys.js";

export interface RateLimiter {
  /** Takes one token for `sender`; `retryAfterMs` > 0 when refused. */
  take(sender: string): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

/** Options of the limiters. */
export interface RateLimitOptions {
  burst: number;
  perSecond: number;
}

/** In-process buckets. */
export function memoryRateLimiter(options: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; ts: number }>();
  const fullAfterMs = (options.burst / options.perSecond) * 1000;
  return {
    async take(sender) {
      const at = nowMs();
      // Forget full buckets now and then so the Map does not grow with every sender ever seen.
      if (buckets.size > 10_000) for (const [k, b] of buckets) if (at - b.ts > fullAfterMs) buckets.delete(k);
      const bucket = buckets.get(sender) ?? { tokens: options.burst, ts: at };
      const tokens = Math.min(options.burst, bucket.tokens + (Math.max(0, at - bucket.ts) * options.perSecond) / 1000);
      if (tokens >= 1) {
        buckets.set(sender, { tokens: tokens - 1, ts: at });
        return { allowed: true, retryAfterMs: 0 };
      }
      buckets.set(sender, { tokens, ts: at });
      return { allowed: false, retryAfterMs: Math.ceil(((1 - tokens) * 1000) / options.perSecond) };
    },
  };
}

const TAKE_SCRIPT = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local h = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(h[1])
local ts = tonumber(h[2])
if tokens == nil then tokens = burst; ts = now end
local elapsed = now - ts
if elapsed < 0 then elapsed = 0 end
tokens = math.min(burst, tokens + elapsed * rate / 1000)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], ttl)
return {allowed, retry}
`;

/** Buckets in Redis, shared by all processes; falls back to memory while Redis is unreachable. */
export function redisRateLimiter(redis: Redis, options: RateLimitOptions, onError: (err: unknown) => void = () => {}): RateLimiter {
  const fallback = memoryRateLimiter(options);
  const ttl = Math.ceil((options.burst / options.perSecond) * 1000) + 1_000;
  return {
    async take(sender) {
      if (redis.status !== "ready") return fallback.take(sender);
      try {
        const [allowed, retry] = (await redis.eval(
          TAKE_SCRIPT,
          1,
          redisKeys.chatRateLimit(sender),
          String(options.burst),
          String(options.perSecond),
          String(nowMs()),
          String(ttl),
        )) as [number, number];
        return { allowed: allowed === 1, retryAfterMs: retry };
      } catch (err) {
        onError(err);
        return fallback.take(sender);
      }
    },
  };
}
