/**
 * Keyset paging for "newest first" lists (contact moments by `startedAt`, archive items by `sentAt`): the cursor
 * is the (time, _id) of the last item shown, as opaque base64url JSON. The next page is every item strictly
 * before that key in `{time: -1, _id: -1}` order, so items that arrive between page fetches never shift a page
 * (no item twice, none skipped) and no page ever needs `skip`.
 *
 * The filter is shaped for an index `{<scope>: 1, <time>: -1, _id: -1}` on both the embedded store and MongoDB:
 * a plain range on the time field (`$lte` the cursor time, intersected with the period) lets the planner walk the
 * index from the cursor on, and the `$or` drops the items at exactly the cursor time that were already shown.
 * (A bare `$or` of `{t < T}` and `{t = T, _id < id}` would defeat the embedded planner's range walk.)
 */
import { Types } from "mongoose";
import { AppError } from "../../contracts/errors.js";

/** The key of the last item of a page. */
export interface Keyset {
  at: Date;
  id: Types.ObjectId;
}

/** Encodes a keyset as an opaque cursor. */
export function encodeCursor(key: Keyset): string {
  return Buffer.from(JSON.stringify({ t: key.at.getTime(), i: key.id.toHexString() }), "utf8").toString("base64url");
}

/** Decodes a cursor made by {@link encodeCursor}; anything else throws 400 `invalid_cursor`. */
export function decodeCursor(cursor: string): Keyset {
  const invalid = () => new AppError("invalid_cursor", { detail: "cursor does not decode" });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid();
  const { t, i, ...rest } = parsed as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw invalid();
  if (typeof t !== "number" || !Number.isSafeInteger(t) || t < 0 || t > 8.64e15) throw invalid();
  if (typeof i !== "string" || !/^[0-9a-f]{24}$/.test(i)) throw invalid();
  return { at: new Date(t), id: new Types.ObjectId(i) };
}

/** A half-open time range `[from, before)`; either end may be open. */
export interface TimeRange {
  from?: Date | undefined;
  before?: Date | undefined;
}

/**
 * The filter part for one page: `field` within `range`, and strictly after `after` in newest-first order.
 * Merge it into the equality part (`{ organisationId }`) of the query.
 */
export function keysetFilter(field: string, range: TimeRange, after: Keyset | null): Record<string, unknown> {
  const bounds: Record<string, Date> = {};
  if (range.from) bounds.$gte = range.from;
  let hiExclusive = range.before;
  if (after && (!hiExclusive || after.at < hiExclusive)) {
    hiExclusive = undefined;
    bounds.$lte = after.at;
  }
  if (hiExclusive) bounds.$lt = hiExclusive;
  const filter: Record<string, unknown> = Object.keys(bounds).length > 0 ? { [field]: bounds } : {};
  if (after && bounds.$lte) filter.$or = [{ [field]: { $lt: after.at } }, { _id: { $lt: after.id } }];
  return filter;
}

/** Newest-first sort matching {@link keysetFilter}. */
export function keysetSort(field: string): Record<string, -1> {
  return { [field]: -1, _id: -1 };
}

/**
 * Splits `limit + 1` fetched rows into the page and the cursor of the next page (null when this was the last).
 */
export function pageOf<T extends { _id: Types.ObjectId }>(rows: T[], limit: number, timeOf: (row: T) => Date): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1]!;
  return { rows: page, nextCursor: encodeCursor({ at: timeOf(last), id: last._id }) };
}
