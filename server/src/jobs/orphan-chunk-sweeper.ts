/**
 * Removes GridFS chunks of archive uploads that never finished: a process killed mid-upload (crash, kill -9,
 * OOM, power loss) leaves the chunks it wrote without the files document GridFS writes last, and nothing else
 * ever refers to them. A refused or aborted upload cleans up after itself (upload-receiver.ts); this job is for
 * the uploads whose process died. Runs hourly on an unref'ed timer (server.ts, jobs/schedule.ts);
 * {@link sweepOrphanChunks} is callable from tests.
 *
 * Chunks carry no time of their own, so the age is that of `files_id`: the receiver makes it an ObjectId from
 * the clock when the upload starts. Only ids older than {@link ORPHAN_CHUNK_GRACE_MS} are looked at. That is
 * far longer than an upload can last (Node ends a request that has not arrived within 5 minutes), so a chunk
 * of an upload still running is never taken.
 *
 * Several processes may run it at the same time: each deletes by `files_id` the chunks of ids that have no
 * files document, so a second run deletes nothing more and nothing else (idempotent, no lock needed).
 */
import mongoose, { Types } from "mongoose";
import { nowMs } from "../infra/clock.js";
import { ARCHIVE_BUCKET } from "../modules/archive/archive-item.model.js";

/** How old an upload's `files_id` must be before its chunks without a files document count as orphans. */
export const ORPHAN_CHUNK_GRACE_MS = 60 * 60_000;
/** File ids per `$in` query, so a large backlog never makes one huge command. */
const BATCH = 500;

/** Deletes chunks whose upload started over an hour ago (by the clock) and never finished; returns how many. */
export async function sweepOrphanChunks(): Promise<number> {
  const db = mongoose.connection.db;
  if (!db) throw new Error("mongoose is not connected");
  const chunks = db.collection(`${ARCHIVE_BUCKET}.chunks`);
  const files = db.collection<{ _id: Types.ObjectId }>(`${ARCHIVE_BUCKET}.files`);
  // The smallest ObjectId of the cutoff second: every id made before it sorts below.
  const cutoff = Types.ObjectId.createFromTime(Math.floor((nowMs() - ORPHAN_CHUNK_GRACE_MS) / 1000));
  // `$lt` on an ObjectId only matches ObjectIds, so ids of another type are never touched.
  const candidates = (await chunks.distinct("files_id", { files_id: { $lt: cutoff } })) as Types.ObjectId[];
  let removed = 0;
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    const finished = await files.find({ _id: { $in: batch } }, { projection: { _id: 1 } }).toArray();
    const kept = new Set(finished.map((f) => String(f._id)));
    const orphans = batch.filter((id) => !kept.has(String(id)));
    if (orphans.length === 0) continue;
    const result = await chunks.deleteMany({ files_id: { $in: orphans } });
    removed += result.deletedCount;
  }
  return removed;
}
