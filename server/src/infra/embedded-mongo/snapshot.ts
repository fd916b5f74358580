/**
 * Snapshots: the whole state as a sequence of records (collections, indexes, documents), written to a
 * temporary file, fsynced, then renamed over the previous snapshot, so a crash at any point leaves either
 * the old or the new snapshot intact.
 */
import { promises as fs } from "node:fs";
import { dirname } from "node:path";
import type { Document } from "bson";
import { decodeRecords, encodeRecord } from "./records.js";

const CHUNK = 4 * 1024 * 1024;

/** Reads a snapshot; a missing file is an empty state. A damaged snapshot is an error (never silently empty). */
export async function readSnapshot(path: string): Promise<Document[]> {
  let data: Buffer;
  try {
    data = await fs.readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const { records, torn } = decodeRecords(data);
  if (torn) throw new Error(`snapshot ${path} is damaged; refusing to start with partial data`);
  return records;
}

/**
 * Frames `records` into buffers of about {@link CHUNK} bytes. Synchronous on purpose: nothing can change the
 * state while it runs, so the result is one consistent point in time.
 */
export function encodeSnapshot(records: Iterable<Document>): Buffer[] {
  const chunks: Buffer[] = [];
  let current: Buffer[] = [];
  let size = 0;
  for (const rec of records) {
    const buf = encodeRecord(rec);
    current.push(buf);
    size += buf.length;
    if (size >= CHUNK) {
      chunks.push(Buffer.concat(current));
      current = [];
      size = 0;
    }
  }
  if (current.length) chunks.push(Buffer.concat(current));
  return chunks;
}

/** Writes `records` atomically to `path`. Serialises synchronously in chunks, so the state cannot change under it. */
export async function writeSnapshot(path: string, records: Iterable<Document>): Promise<void> {
  await writeChunksAtomically(path, encodeSnapshot(records));
}

/** Writes `chunks` to `path.tmp` (created with `mode`), fsyncs, renames over `path` and fsyncs the folder. */
export async function writeChunksAtomically(path: string, chunks: readonly Uint8Array[], mode = 0o644): Promise<void> {
  const tmp = `${path}.tmp`;
  await fs.rm(tmp, { force: true }); // a leftover would keep its own mode
  const fh = await fs.open(tmp, "w", mode);
  try {
    for (const c of chunks) await fh.write(c, 0, c.length);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, path);
  await syncDir(dirname(path));
}

/** fsync a directory so a rename in it is durable. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await fs.open(dir, "r");
  try {
    await fh.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the rename is then as durable as it gets.
  } finally {
    await fh.close();
  }
}
