/**
 * attemptRecorder: lockouts that cannot be used to lock out someone else.
 *
 * The source documents' rule stays: 5 wrong attempts (password, activation code, PIN, agent password) within 15
 * minutes block for 15 minutes. But the count is kept per *subject and client address*: `acct:<id>` from 192.0.2.7 is one
 * counter, the same account from the school's own network another. So an attacker who guesses an agent's first
 * name cannot lock that agent out of the office. Guesses for unknown names are counted the same way (per name and
 * address), so "blocked" is no sign that a name exists. On top, every address has one counter over all subjects
 * (30 failures within 15 minutes → 15 minutes `rate_limited`), so one place cannot spray guesses across many accounts.
 *
 * Why not rate-limiter-flexible: these counters are lockouts the source documents describe, tested at exact
 * moments with the clock module (the library reads Date.now()), and they must hold with or without Redis on
 * every node; MongoDB, our system of record, is shared by all nodes already. The chat's message rate limit,
 * which is a token bucket per second, does use Redis (chat-runtime.ts).
 *
 * An attempt is RESERVED before the secret is checked, in one atomic pipeline `findOneAndUpdate`: it only matches
 * a counter that is not blocked, increments it (restarting at 1 after an expired block) and sets `blockedUntil`
 * in the same update when it reaches the limit. A burst of 50 parallel guesses gets exactly 5 reservations.
 */
import mongoose, { Schema, type Model } from "mongoose";
import { IDENTITY_LIMITS } from "../../contracts/api/auth.js";
import { AppError } from "../../contracts/errors.js";
import { nowMs } from "../../infra/clock.js";

/** Failures from one client address, over all accounts and names, before it has to wait. */
export const ADDRESS_FAILURE_LIMIT = 30;
/** Counters nobody touched for this long are removed (TTL); a block never lasts longer than 15 minutes. */
const COUNTER_TTL_MS = 24 * 60 * 60_000;

interface AttemptCounter {
  /** `<subject>|<address>`. */
  _id: string;
  /** What is guessed at: `acct:<id>`, `agent:<id>`, `name:<username>`, `kvk:<number>`, or `address`. */
  subject: string;
  failedAttempts: number;
  /** When the current 15-minute counting window began; failures older than the window no longer count. */
  windowStartedAt: Date;
  blockedUntil: Date | null;
  expiresAt: Date;
}

const counterSchema = new Schema<AttemptCounter>(
  {
    _id: { type: String, required: true },
    subject: { type: String, required: true },
    failedAttempts: { type: Number, required: true, default: 0 },
    windowStartedAt: { type: Date, required: true },
    blockedUntil: { type: Date, default: null },
    expiresAt: { type: Date, required: true },
  },
  { collection: "attemptCounters", versionKey: false },
);
counterSchema.index({ subject: 1 });
counterSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const AttemptCounterModel: Model<AttemptCounter> =
  (mongoose.models.AttemptCounter as Model<AttemptCounter> | undefined) ?? mongoose.model<AttemptCounter>("AttemptCounter", counterSchema);

/** One counter: what is guessed at, from where. */
export interface AttemptKey {
  subject: string;
  /** The client's address as Express sees it (TRUST_PROXY decides which X-Forwarded-For entry). */
  ip: string | undefined;
}

/** Result of {@link reserveAttempt}. */
export type Reservation =
  | { ok: true; /** 1-based number of this attempt in the window. */ attempt: number; /** Set when this attempt reached the limit. */ blockedUntil: Date | null }
  | { ok: false; blockedUntil: Date };

const idOf = (key: AttemptKey) => `${key.subject}|${key.ip ?? "unknown"}`;

/** Reserves one attempt on the counter (see module doc); `max` attempts before the block. */
export async function reserveAttempt(key: AttemptKey, max: number = IDENTITY_LIMITS.maxFailedAttempts): Promise<Reservation> {
  const id = idOf(key);
  const at = new Date(nowMs());
  const until = new Date(at.getTime() + IDENTITY_LIMITS.blockMs);
  const expiresAt = new Date(at.getTime() + COUNTER_TTL_MS);
  await ensureCounter(id, key.subject, at, expiresAt);
  // Start counting again after a block ended, or when the window's first failure is 15 minutes old.
  const windowOver = new Date(at.getTime() - IDENTITY_LIMITS.blockMs);
  const restart = { $or: [{ $ne: [{ $ifNull: ["$blockedUntil", null] }, null] }, { $lte: ["$windowStartedAt", windowOver] }] };
  const updated = await AttemptCounterModel.findOneAndUpdate(
    { _id: id, $or: [{ blockedUntil: null }, { blockedUntil: { $lte: at } }] },
    [
      {
        $set: {
          failedAttempts: { $add: [{ $cond: [restart, 0, { $ifNull: ["$failedAttempts", 0] }] }, 1] },
          windowStartedAt: { $cond: [restart, at, "$windowStartedAt"] },
          expiresAt,
        },
      },
      { $set: { blockedUntil: { $cond: [{ $gte: ["$failedAttempts", max] }, until, null] } } },
    ] as never,
    { returnDocument: "after", updatePipeline: true } as never,
  )
    .lean<AttemptCounter>()
    .exec();
  if (updated) return { ok: true, attempt: updated.failedAttempts, blockedUntil: updated.blockedUntil ?? null };
  const current = await AttemptCounterModel.findById(id).select({ blockedUntil: 1 }).lean().exec();
  return { ok: false, blockedUntil: current?.blockedUntil ?? until };
}

async function ensureCounter(id: string, subject: string, at: Date, expiresAt: Date): Promise<void> {
  try {
    await AttemptCounterModel.updateOne(
      { _id: id },
      { $setOnInsert: { subject, failedAttempts: 0, windowStartedAt: at, blockedUntil: null, expiresAt } },
      { upsert: true },
    ).exec();
  } catch (err) {
    // Two first attempts at once: the other one created it.
    if ((err as { code?: unknown }).code !== 11000) throw err;
  }
}

/** A correct secret: this counter starts over. */
export async function clearAttempts(key: AttemptKey): Promise<void> {
  await AttemptCounterModel.deleteOne({ _id: idOf(key) }).exec();
}

/** A new password: every counter of the subject starts over, from every address. */
export async function clearSubject(subject: string): Promise<void> {
  await AttemptCounterModel.deleteMany({ subject }).exec();
}

/** Gives back a reserved attempt that turned out right (the address counter only counts failures). */
export async function giveBackAttempt(key: AttemptKey): Promise<void> {
  await AttemptCounterModel.updateOne({ _id: idOf(key), failedAttempts: { $gt: 0 }, blockedUntil: null }, { $inc: { failedAttempts: -1 } }).exec();
}

/** The block end when the counter is blocked right now, else null (read-only check). */
export async function activeBlock(key: AttemptKey): Promise<Date | null> {
  const current = await AttemptCounterModel.findById(idOf(key)).select({ blockedUntil: 1 }).lean().exec();
  return current?.blockedUntil && current.blockedUntil.getTime() > nowMs() ? current.blockedUntil : null;
}

/** `account_blocked` with the moment the block ends, so the page can say until when. */
export function accountBlocked(blockedUntil: Date): AppError {
  return new AppError("account_blocked", { details: { blockedUntil: blockedUntil.toISOString() } });
}

/** Outcome of one guarded attempt: right, or wrong (with the block end when this attempt caused a block). */
export type GuardOutcome = { ok: true } | { ok: false; blockedUntil: Date | null };

/**
 * Runs `check` as one counted attempt on `subject` from `ip`: first the address counter (429 `rate_limited` with
 * `retryAfterMs` when this address failed too often), then the subject's (423 `account_blocked`). A right secret
 * clears the subject's counter and gives the address its attempt back.
 */
export async function guardAttempt(key: AttemptKey, check: () => Promise<boolean>): Promise<GuardOutcome> {
  const address: AttemptKey = { subject: "address", ip: key.ip };
  const perAddress = await reserveAttempt(address, ADDRESS_FAILURE_LIMIT);
  if (!perAddress.ok) throw new AppError("rate_limited", { details: { retryAfterMs: Math.max(1_000, perAddress.blockedUntil.getTime() - nowMs()) } });
  const reservation = await reserveAttempt(key);
  if (!reservation.ok) throw accountBlocked(reservation.blockedUntil);
  if (await check()) {
    await clearAttempts(key);
    await giveBackAttempt(address);
    return { ok: true };
  }
  return { ok: false, blockedUntil: reservation.blockedUntil };
}
