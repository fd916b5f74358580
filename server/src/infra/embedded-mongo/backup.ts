/**
 * Backups of the embedded store. A backup file is the snapshot's record format (records.ts) preceded by one
 * header record `{ balieBackup: 1, records: N, takenAt }`, so a truncated, damaged or foreign file is refused
 * on restore instead of restoring part of the data.
 *
 * A running store hands out its backup through the `balieBackup` admin command (transfer.ts fetches it): the
 * state is framed in one synchronous pass (one point in time, writes wait for it) and streamed in pieces
 * through a cursor. A store that is not running is backed up by opening its folder (which takes the lock).
 */
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { Binary } from "bson";
import { nowMs } from "../clock.js";
import { Engine, type WriteRecord } from "./engine.js";
import { lockDataFolder } from "./folder-lock.js";
import { decodeRecords, encodeRecord } from "./records.js";
import { encodeSnapshot, writeChunksAtomically } from "./snapshot.js";
import { Storage } from "./storage.js";

/** The largest piece sent in one cursor batch: well under the 16 MiB document limit. */
const PIECE = 4 * 1024 * 1024;
/** Records framed between two yields to the event loop. */
const SLICE = 2_000;

/** Backups hold personal data and password hashes: readable by their owner only. */
export const BACKUP_FILE_MODE = 0o600;

/**
 * The backup of `engine` as file content: header record, then the snapshot records. The state is captured
 * synchronously (references only: stored documents are never changed in place, an update stores a new
 * object), then framed in slices that let other commands run in between, so writers wait milliseconds, not
 * the whole encoding.
 */
export async function backupChunks(engine: Engine): Promise<Buffer[]> {
  const records = [...engine.records()];
  const chunks = [encodeRecord({ balieBackup: 1, records: records.length, takenAt: new Date(nowMs()) })];
  for (let at = 0; at < records.length; at += SLICE) {
    chunks.push(...encodeSnapshot(records.slice(at, at + SLICE)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return chunks;
}

/** {@link backupChunks} cut into pieces that fit a cursor batch. */
export async function backupPieces(engine: Engine): Promise<Binary[]> {
  const pieces: Binary[] = [];
  for (const chunk of await backupChunks(engine)) {
    for (let at = 0; at < chunk.length; at += PIECE) pieces.push(new Binary(chunk.subarray(at, at + PIECE)));
  }
  return pieces;
}

/** What a backup holds, as read back and checked. */
export interface BackupContents {
  records: WriteRecord[];
  takenAt: Date;
  bytes: number;
}

/** Reads and checks a backup file; throws a message for people when it is not a complete Balie backup. */
export async function readBackup(file: string): Promise<BackupContents> {
  return parseBackup(await fs.readFile(file), file);
}

/** Checks backup content (`label` names it in errors) and returns its records. */
export function parseBackup(data: Buffer, label: string): BackupContents {
  const { records, torn } = decodeRecords(data);
  const header = records.shift();
  if (!header || header.balieBackup !== 1) throw new Error(`${label} is not a backup of Balie's embedded store`);
  if (torn || records.length !== header.records) {
    throw new Error(`${label} is incomplete or damaged: ${records.length} of ${String(header.records)} records readable`);
  }
  return { records: records as WriteRecord[], takenAt: header.takenAt as Date, bytes: data.length };
}

/** Backs up the data folder of a store that is not running (takes the folder lock while it reads). */
export async function backupFolder(dataDir: string, file: string): Promise<BackupContents> {
  const engine = new Engine();
  const storage = await Storage.open(engine, dataDir);
  try {
    await writeChunksAtomically(file, await backupChunks(engine), BACKUP_FILE_MODE);
  } finally {
    await storage.close();
  }
  return readBackup(file);
}

const DATA_FILES = ["snapshot.bson", "journal.bson"];

/**
 * Restores `file` into `dataDir`, which must hold no data yet: the backup becomes the folder's snapshot. The
 * folder keeps (or, when empty, later gets) its own credentials.json.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<BackupContents> {
  const contents = await readBackup(file);
  await fs.mkdir(dataDir, { recursive: true });
  const lock = await lockDataFolder(dataDir);
  try {
    const present = (await fs.readdir(dataDir)).filter((name) => DATA_FILES.includes(name));
    if (present.length) {
      throw new Error(`restore needs a data folder without data; ${dataDir} holds ${present.join(", ")}: move it away or pick another DATA_DIR`);
    }
    // Replaying the records checks them before anything is written.
    engineFrom(contents.records);
    await writeChunksAtomically(join(dataDir, "snapshot.bson"), encodeSnapshot(contents.records));
  } finally {
    await lock.release();
  }
  return contents;
}

/** The store's state described by `records`, rebuilt in memory (for copying it elsewhere). */
export function engineFrom(records: Iterable<WriteRecord>): Engine {
  const engine = new Engine();
  for (const rec of records) engine.apply(rec);
  return engine;
}
