/**
 * attemptRecorder: the 5-attempts / 15-minutes lockout, shared by portal accounts (password, activation code,
 * PIN) and agents (password).
 *
 * An attempt is RESERVED before the secret is checked, in one atomic pipeline `findOneAndUpdate`: it only
 * matches an account that is not blocked, increments `failedAttempts` (restarting at 1 after an expired block)
 * and sets `blockedUntil` in the same update when the count reaches 5. So a burst of 50 parallel guesses gets
 * exactly 5 reservations; the other 45 are refused before any secret is checked, and a correct guess among
 * them is refused too. A correct secret then calls {@link clearAttempts}.
 */
import type { Model, Types } from "mongoose";
import { AppError } from "../../contracts/errors.js";
import { nowMs } from "../../infra/clock.js";
import { IDENTITY_LIMITS } from "../../contracts/api/auth.js";

interface Lockable {
  failedAttempts: number;
  blockedUntil?: Date | null;
}

/** Result of {@link reserveAttempt}. */
export type Reservation =
  | { ok: true; /** 1-based number of this attempt in the window. */ attempt: number; /** Set when this attempt is the 5th. */ blockedUntil: Date | null }
  | { ok: false; blockedUntil: Date }
  | { ok: false; blockedUntil: null; notFound: true };

/** Props of {@link reserveAttempt}. */
export interface ReserveAttemptProps<T extends Lockable> {
  model: Model<T>;
  id: Types.ObjectId | string;
}

/** Reserves one attempt on the account (see module doc). */
export async function reserveAttempt<T extends Lockable>({ model, id }: ReserveAttemptProps<T>): Promise<Reservation> {
  const at = new Date(nowMs());
  const until = new Date(at.getTime() + IDENTITY_LIMITS.blockMs);
  const blockExpired = { $ne: [{ $ifNull: ["$blockedUntil", null] }, null] };
  const updated = (await model
    .findOneAndUpdate(
      { _id: id, $or: [{ blockedUntil: null }, { blockedUntil: { $lte: at } }] } as never,
      [
        { $set: { failedAttempts: { $add: [{ $cond: [blockExpired, 0, { $ifNull: ["$failedAttempts", 0] }] }, 1] } } },
        { $set: { blockedUntil: { $cond: [{ $gte: ["$failedAttempts", IDENTITY_LIMITS.maxFailedAttempts] }, until, null] } } },
      ] as never,
      { returnDocument: "after", updatePipeline: true } as never,
    )
    .lean()
    .exec()) as (Lockable & { _id: unknown }) | null;
  if (updated) return { ok: true, attempt: updated.failedAttempts, blockedUntil: updated.blockedUntil ?? null };
  const current = (await model.findById(id).select({ blockedUntil: 1 }).lean().exec()) as Lockable | null;
  if (!current) return { ok: false, blockedUntil: null, notFound: true };
  return { ok: false, blockedUntil: current.blockedUntil ?? until };
}

/** A correct secret: the window starts over. */
export async function clearAttempts<T extends Lockable>({ model, id }: ReserveAttemptProps<T>): Promise<void> {
  await model.updateOne({ _id: id } as never, { $set: { failedAttempts: 0, blockedUntil: null } } as never).exec();
}

/** The block end when the account is blocked right now, else null (read-only check). */
export function activeBlock(account: Lockable): Date | null {
  return account.blockedUntil && account.blockedUntil.getTime() > nowMs() ? account.blockedUntil : null;
}

/** `account_blocked` with the moment the block ends, so the page can say until when. */
export function accountBlocked(blockedUntil: Date): AppError {
  return new AppError("account_blocked", { details: { blockedUntil: blockedUntil.toISOString() } });
}
