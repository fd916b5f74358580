/**
 * Durability for an {@link Engine}: lock the data folder, load the snapshot, replay the journal, compact,
 * then journal every mutation. Compaction (snapshot + journal truncation) runs at start, when the journal
 * outgrows {@link COMPACT_THRESHOLD}, and on close.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Engine, WriteRecord } from "./engine.js";
import { lockDataFolder, type FolderLock } from "./folder-lock.js";
import { Journal } from "./journal.js";
import { readSnapshot, writeSnapshot } from "./snapshot.js";

const COMPACT_THRESHOLD = 64 * 1024 * 1024;

type Logger = { info(o: object | string, msg?: string): void; warn(o: object | string, msg?: string): void; error(o: object | string, msg?: string): void };

export class Storage {
  private compacting: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly engine: Engine,
    private readonly dir: string,
    private readonly journal: Journal,
    private readonly lock: FolderLock,
    private readonly logger?: Logger,
  ) {}

  /** Opens `dir`, rebuilds `engine` from it and starts journaling its mutations. */
  static async open(engine: Engine, dir: string, logger?: Logger): Promise<Storage> {
    mkdirSync(dir, { recursive: true });
    const lock = await lockDataFolder(dir);
    try {
      const snapshot = await readSnapshot(join(dir, "snapshot.bson"));
      const { journal, records, tornBytes } = await Journal.open(join(dir, "journal.bson"));
      engine.logSink = null;
      for (const rec of snapshot) engine.apply(rec as WriteRecord);
      for (const rec of records) engine.apply(rec as WriteRecord);
      if (tornBytes) logger?.warn({ tornBytes }, "embedded-mongo: ignored a torn journal tail");
      logger?.info({ dir, snapshotRecords: snapshot.length, journalRecords: records.length }, "embedded-mongo: data loaded");
      const storage = new Storage(engine, dir, journal, lock, logger);
      engine.logSink = (rec) => storage.onWrite(rec);
      if (records.length || tornBytes) await storage.compact();
      return storage;
    } catch (err) {
      await lock.release();
      throw err;
    }
  }

  private onWrite(rec: WriteRecord): void {
    this.journal.append(rec);
  }

  /** Registers `fn` to hear how long each journal fsync took (seconds). */
  onSync(fn: (seconds: number) => void): void {
    this.journal.onSync(fn);
  }

  /** Current journal position; pass it to {@link durable} to wait for everything up to it. */
  get seq(): number {
    return this.journal.seq;
  }

  /** Resolves when every write up to `seq` is fsynced; schedules compaction when the journal is large. */
  async durable(seq: number = this.journal.seq): Promise<void> {
    await this.journal.sync(seq);
    if (this.journal.bytes > COMPACT_THRESHOLD && !this.compacting && !this.closed) {
      setImmediate(() => void this.compact().catch((err) => this.logger?.error({ err }, "embedded-mongo: compaction failed")));
    }
  }

  /** Snapshot the state and empty the journal. */
  compact(): Promise<void> {
    if (!this.compacting) {
      this.compacting = this.doCompact().finally(() => {
        this.compacting = null;
      });
    }
    return this.compacting;
  }

  private async doCompact(): Promise<void> {
    await this.journal.pause();
    try {
      // The engine's state includes every record appended so far (written or pending); pending ones are
      // written after the truncation, and replaying them over the snapshot is harmless (records are idempotent).
      await writeSnapshot(join(this.dir, "snapshot.bson"), this.engine.records());
      await this.journal.truncate();
    } finally {
      this.journal.resume();
    }
  }

  /** Final compaction, close the journal, release the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.journal.sync().catch(() => undefined);
      await this.compact();
    } finally {
      this.engine.logSink = null;
      await this.journal.close();
      await this.lock.release();
    }
  }
}
