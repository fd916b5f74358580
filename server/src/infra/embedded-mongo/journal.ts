/**
 * Append-only journal of acknowledged writes with group commit: records appended while an fsync is in
 * flight are written and synced together by the next one, so concurrent writers share the cost of an fsync
 * while each still waits for its own records to be durable before it is acknowledged.
 */
import { promises as fs } from "node:fs";
import type { Document } from "bson";
import { decodeRecords, encodeRecord } from "./records.js";

export class Journal {
  private pending: Buffer[] = [];
  private appendedSeq = 0;
  private durableSeq = 0;
  private waiters: Array<{ seq: number; resolve: () => void; reject: (e: Error) => void }> = [];
  private flushing: Promise<void> | null = null;
  private paused = false;
  private failed: Error | null = null;
  /** Bytes currently in the journal file (written, not counting pending). */
  bytes = 0;

  private constructor(
    private readonly fh: fs.FileHandle,
    readonly path: string,
  ) {}

  /**
   * Opens (creating) the journal, returns its intact records and cuts off a torn tail so new records
   * follow the last good one.
   */
  static async open(path: string): Promise<{ journal: Journal; records: Document[]; tornBytes: number }> {
    const fh = await fs.open(path, "a+");
    const data = await fh.readFile();
    const { records, validLength } = decodeRecords(data);
    const tornBytes = data.length - validLength;
    if (tornBytes > 0) {
      await fh.truncate(validLength);
      await fh.datasync();
    }
    const journal = new Journal(fh, path);
    journal.bytes = validLength;
    return { journal, records, tornBytes };
  }

  /** Called with the duration (seconds) of every group-commit fsync, for the operator's metrics. */
  private syncObservers: ((seconds: number) => void)[] = [];

  /** Registers `fn` to hear how long each fsync took. */
  onSync(fn: (seconds: number) => void): void {
    this.syncObservers.push(fn);
  }

  /** Queues a record; it becomes durable with the next flush. Returns its sequence number. */
  append(rec: Document): number {
    const buf = encodeRecord(rec);
    this.pending.push(buf);
    return ++this.appendedSeq;
  }

  /** Sequence number of the last appended record. */
  get seq(): number {
    return this.appendedSeq;
  }

  /** Resolves once every record appended so far (or up to `seq`) is on disk. */
  sync(seq: number = this.appendedSeq): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (seq <= this.durableSeq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ seq, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing || this.paused) return;
    this.flushing = this.loop().finally(() => {
      this.flushing = null;
      // Records appended after the loop's last check (or a resume) need another round.
      if (this.pending.length && this.waiters.length) this.kick();
    });
  }

  private async loop(): Promise<void> {
    while (this.pending.length && !this.paused) {
      const batch = this.pending;
      this.pending = [];
      const seq = this.appendedSeq;
      try {
        const buf = batch.length === 1 ? batch[0]! : Buffer.concat(batch);
        await this.fh.write(buf, 0, buf.length);
        const started = performance.now();
        await this.fh.datasync();
        const seconds = (performance.now() - started) / 1000;
        for (const observe of this.syncObservers) observe(seconds);
        this.bytes += buf.length;
        this.durableSeq = seq;
      } catch (err) {
        // A journal that cannot be written must not acknowledge anything any more.
        this.failed = err as Error;
        for (const w of this.waiters.splice(0)) w.reject(this.failed);
        return;
      }
      const still: typeof this.waiters = [];
      for (const w of this.waiters) (w.seq <= this.durableSeq ? w.resolve : () => still.push(w))();
      this.waiters = still;
    }
  }

  /** Stops writing (appends keep queueing) and waits for the write in flight. */
  async pause(): Promise<void> {
    this.paused = true;
    if (this.flushing) await this.flushing;
  }

  resume(): void {
    this.paused = false;
    if (this.pending.length) this.kick();
  }

  /** Empties the file (after a snapshot has captured everything it held). Call while paused. */
  async truncate(): Promise<void> {
    await this.fh.truncate(0);
    await this.fh.datasync();
    this.bytes = 0;
  }

  /** Flushes everything and closes the file. */
  async close(): Promise<void> {
    this.resume();
    await this.sync().catch(() => undefined);
    await this.fh.close();
  }
}
