/**
 * Server-side cursors: the remaining result documents of a find/aggregate/listX, handed out in batches by
 * getMore. Batches stop at the requested size or at ~16 MiB, whichever comes first, like mongod's.
 */
import { calculateObjectSize, Long } from "bson";
import { nowMs } from "../clock.js";
import { ErrorCodes, mongoError } from "./errors.js";
import type { Doc } from "./query.js";
import { MAX_BSON_SIZE } from "./wire.js";

/** mongod's default first batch size. */
export const DEFAULT_FIRST_BATCH = 101;
/** Idle cursors die after this long (mongod's cursorTimeoutMillis). */
export const CURSOR_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Doc[];
  pos: number;
  lastUsed: number;
}

/** Takes up to `batchSize` documents (0/undefined = no count limit) under the reply size limit. */
export function takeBatch(docs: Doc[], pos: number, batchSize: number | undefined): Doc[] {
  const max = batchSize && batchSize > 0 ? batchSize : Infinity;
  const out: Doc[] = [];
  let bytes = 0;
  for (let i = pos; i < docs.length && out.length < max; i++) {
    const size = calculateObjectSize(docs[i]!);
    if (out.length > 0 && bytes + size > MAX_BSON_SIZE - 16 * 1024) break;
    bytes += size;
    out.push(docs[i]!);
  }
  return out;
}

export class CursorRegistry {
  private readonly open = new Map<number, OpenCursor>();

  /**
   * Builds the `cursor` reply field for a new result set, keeping a server cursor when documents remain.
   */
  firstBatch(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch = false): Doc {
    const batch = takeBatch(docs, 0, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0;
    if (!singleBatch && batch.length < docs.length) {
      do id = Math.floor(Math.random() * 2 ** 52) + 1;
      while (this.open.has(id));
      this.open.set(id, { ns, docs, pos: batch.length, lastUsed: nowMs() });
    }
    return { firstBatch: batch, id: Long.fromNumber(id), ns };
  }

  /** The `cursor` reply field for getMore. Throws CursorNotFound (43) like mongod. */
  nextBatch(id: number, ns: string, batchSize: number | undefined): Doc {
    const cur = this.open.get(id);
    if (!cur) throw mongoError(ErrorCodes.CursorNotFound, `cursor id ${id} not found`);
    if (cur.ns !== ns) {
      throw mongoError(ErrorCodes.Unauthorized, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cur.ns}`);
    }
    const batch = takeBatch(cur.docs, cur.pos, batchSize);
    cur.pos += batch.length;
    cur.lastUsed = nowMs();
    let outId = id;
    if (cur.pos >= cur.docs.length) {
      this.open.delete(id);
      outId = 0;
    }
    return { nextBatch: batch, id: Long.fromNumber(outId), ns };
  }

  kill(ids: number[]): { killed: number[]; notFound: number[] } {
    const killed: number[] = [];
    const notFound: number[] = [];
    for (const id of ids) (this.open.delete(id) ? killed : notFound).push(id);
    return { killed, notFound };
  }

  /** Drops cursors idle for longer than the timeout. */
  sweep(now: number = nowMs()): void {
    for (const [id, c] of this.open) if (now - c.lastUsed > CURSOR_TIMEOUT_MS) this.open.delete(id);
  }

  /** Drops cursors of a dropped collection or database. */
  dropNamespace(prefix: string): void {
    for (const [id, c] of this.open) if (c.ns === prefix || c.ns.startsWith(prefix + ".")) this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }
}
