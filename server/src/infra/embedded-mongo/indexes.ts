/**
 * Secondary indexes: ordered entries (key tuple, then `_id` as tie-breaker) in a {@link SortedList}, so an
 * equality lookup is a binary search and a query with equality on a prefix plus a range or sort on the next
 * field can walk entries in order instead of scanning and sorting the collection.
 */
import { ErrorCodes, mongoError } from "./errors.js";
import { compareBson, idKey } from "./order.js";
import { compileFilter, valuesAtPath, type Doc } from "./query.js";
import { SortedList, type Cursor } from "./sorted-list.js";

/** What listIndexes returns and the journal/snapshot store. */
export interface IndexSpec {
  v: number;
  key: Record<string, number | string>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

export interface IndexEntry {
  key: unknown[];
  id: unknown;
  doc: Doc;
}

/** Default index name, like mongod: `a_1_b_-1`. */
export function defaultIndexName(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join("_");
}

/** Formats a value the way mongod prints it in E11000 messages. */
export function formatKeyValue(v: unknown): string {
  if (v === undefined || v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Array.isArray(v)) return `[ ${v.map(formatKeyValue).join(", ")} ]`;
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === "ObjectId") return `ObjectId('${(v as { toHexString(): string }).toHexString()}')`;
  if (t) return String(v);
  const entries = Object.entries(v as Doc).map(([k, x]) => `${k}: ${formatKeyValue(x)}`);
  return entries.length ? `{ ${entries.join(", ")} }` : "{}";
}

/** The E11000 error mongod raises, with keyPattern and keyValue that mongoose reads. */
export function duplicateKeyError(ns: string, indexName: string, keyPattern: Record<string, unknown>, keyValues: unknown[]) {
  const keyValue: Doc = {};
  Object.keys(keyPattern).forEach((f, i) => (keyValue[f] = keyValues[i] === undefined ? null : keyValues[i]));
  const dup = Object.keys(keyPattern)
    .map((f, i) => `${f}: ${formatKeyValue(keyValues[i])}`)
    .join(", ");
  return mongoError(
    ErrorCodes.DuplicateKey,
    `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: { ${dup} }`,
    { keyPattern: { ...keyPattern }, keyValue },
  );
}

export class Index {
  readonly spec: IndexSpec;
  readonly fields: Array<[string, 1 | -1]>;
  /** True once any document stored an array under an indexed path: such an index cannot provide a sort. */
  multikey = false;
  private readonly entries: SortedList<IndexEntry>;
  private readonly partial: ((doc: Doc) => boolean) | null;

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.entries(spec.key).map(([k, v]) => [k, typeof v === "number" && v < 0 ? -1 : 1]);
    this.partial = spec.partialFilterExpression ? compileFilter(spec.partialFilterExpression) : null;
    this.entries = new SortedList<IndexEntry>((a, b) => this.compareEntries(a, b));
  }

  get name(): string {
    return this.spec.name;
  }
  get unique(): boolean {
    return this.spec.unique === true;
  }
  get size(): number {
    return this.entries.size;
  }
  /** Sparse and partial indexes do not hold every document, so they cannot answer every query. */
  get complete(): boolean {
    return !this.spec.sparse && !this.partial;
  }

  /** Compares key tuples field by field, honouring each field's direction. */
  compareKeys(a: unknown[], b: unknown[], n = this.fields.length): number {
    for (let i = 0; i < n; i++) {
      const c = compareBson(a[i], b[i]);
      if (c !== 0) return c * this.fields[i]![1];
    }
    return 0;
  }

  private compareEntries(a: IndexEntry, b: IndexEntry): number {
    return this.compareKeys(a.key, b.key) || compareBson(a.id, b.id);
  }

  /** Key tuples of a document (several when an indexed path holds an array); [] when not indexed. */
  keysFor(doc: Doc): unknown[][] {
    if (this.partial && !this.partial(doc)) return [];
    const perField = this.fields.map(([path]) => valuesAtPath(doc, path));
    if (this.spec.sparse && perField.every((vs) => vs.length === 1 && vs[0] === undefined)) return [];
    let tuples: unknown[][] = [[]];
    for (const values of perField) {
      if (values.length > 1) this.multikey = true;
      const next: unknown[][] = [];
      const distinct = values.length > 1 ? dedupe(values) : values;
      for (const t of tuples) for (const v of distinct) next.push([...t, v === undefined ? null : v]);
      tuples = next;
    }
    return tuples;
  }

  /** Key tuple of `doc` that would collide with another document in this unique index, if any. */
  findDuplicate(doc: Doc, id: unknown): unknown[] | null {
    if (!this.unique) return null;
    const own = idKey(id);
    for (const key of this.keysFor(doc)) {
      for (const e of this.equal(key)) if (idKey(e.id) !== own) return key;
    }
    return null;
  }

  add(doc: Doc, id: unknown): void {
    for (const key of this.keysFor(doc)) this.entries.insert({ key, id, doc });
  }

  remove(doc: Doc, id: unknown): void {
    for (const key of this.keysFor(doc)) this.entries.remove({ key, id, doc });
  }

  clear(): void {
    this.entries.clear();
  }

  /** Entries whose first `prefix.length` key fields equal `prefix`, in index order. */
  *equal(prefix: unknown[]): Generator<IndexEntry> {
    const n = prefix.length;
    const from = this.entries.seek((e) => this.compareKeys(e.key, prefix, n));
    for (const e of this.entries.forward(from)) {
      if (this.compareKeys(e.key, prefix, n) !== 0) return;
      yield e;
    }
  }

  /**
   * Entries with key prefix `prefix` and the next field within [lo, hi] (either bound optional, in BSON
   * order of the value, not of the index direction), walked forward or backward in index order.
   */
  *range(
    prefix: unknown[],
    bounds: { lo?: unknown; loInclusive?: boolean; hi?: unknown; hiInclusive?: boolean },
    reverse: boolean,
  ): Generator<IndexEntry> {
    const n = prefix.length;
    const dir = this.fields[n]?.[1] ?? 1;
    // In index order the "start" bound is lo for ascending fields and hi for descending ones.
    const startVal = dir === 1 ? bounds.lo : bounds.hi;
    const startIncl = dir === 1 ? bounds.loInclusive : bounds.hiInclusive;
    const endVal = dir === 1 ? bounds.hi : bounds.lo;
    const endIncl = dir === 1 ? bounds.hiInclusive : bounds.loInclusive;
    const hasStart = startVal !== undefined;
    const hasEnd = endVal !== undefined;
    const cmpPrefix = (e: IndexEntry) => this.compareKeys(e.key, prefix, n);
    const cmpNext = (e: IndexEntry, v: unknown) => compareBson(e.key[n], v) * dir;
    const beforeStart = (e: IndexEntry) => hasStart && (startIncl ? cmpNext(e, startVal) < 0 : cmpNext(e, startVal) <= 0);
    const afterEnd = (e: IndexEntry) => hasEnd && (endIncl ? cmpNext(e, endVal) > 0 : cmpNext(e, endVal) >= 0);
    if (!reverse) {
      const from: Cursor = this.entries.seek((e) => cmpPrefix(e) || (hasStart ? cmpNext(e, startVal) : 0), hasStart && !startIncl);
      for (const e of this.entries.forward(from)) {
        if (cmpPrefix(e) !== 0 || afterEnd(e)) return;
        if (!beforeStart(e)) yield e;
      }
    } else {
      // First position past the end bound (or past the prefix), then walk backwards.
      const past = this.entries.seek((e) => cmpPrefix(e) || (hasEnd ? cmpNext(e, endVal) : -1), !hasEnd || endIncl);
      for (const e of this.entries.backward(past)) {
        if (cmpPrefix(e) !== 0 || beforeStart(e)) return;
        if (!afterEnd(e)) yield e;
      }
    }
  }

  /** All entries in index order. */
  all(reverse = false): Generator<IndexEntry> {
    return reverse ? this.entries.backward() : this.entries.forward();
  }

  /** Entries from the first whose first key field is >= `v` (used by the TTL sweeper to find dates). */
  from(v: unknown): Generator<IndexEntry> {
    return this.entries.forward(this.entries.seek((e) => compareBson(e.key[0], v)));
  }
}

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of values) {
    const k = idKey(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}
