/**
 * Chooses how to find candidate documents for a filter: a point lookup on `_id`, a walk over a secondary
 * index (equality on a key prefix, optionally a range on the next key field, in index order when that order
 * is the requested sort), or a scan. Candidates are always re-checked against the full filter, so the plan
 * only has to return a superset of the matches.
 */
import type { Collection } from "./engine.js";
import type { Index, IndexEntry } from "./indexes.js";
import { idKey } from "./order.js";
import type { Doc } from "./query.js";

export interface Plan {
  /** Candidate documents. */
  docs: Iterable<Doc>;
  /** True when `docs` already come in the requested sort order. */
  sorted: boolean;
  /** For explain/tests: which access path was chosen. */
  kind: "id" | "index" | "scan";
  index?: string;
}

function isPlainObject(v: unknown): v is Doc {
  return v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
}

function isOperatorObject(v: unknown): v is Doc {
  if (!isPlainObject(v)) return false;
  const k = Object.keys(v);
  return k.length > 0 && k[0]!.startsWith("$");
}

function usableEqualityValue(v: unknown): boolean {
  if (Array.isArray(v) || v instanceof RegExp) return false;
  if ((v as { _bsontype?: string } | null)?._bsontype === "BSONRegExp") return false;
  if (v === undefined) return false;
  return true;
}

/** The value of an equality condition on a field, or undefined when the condition is not a plain equality. */
function equalityOf(cond: unknown): { value: unknown } | undefined {
  if (cond === undefined) return undefined;
  if (isOperatorObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length === 1 && keys[0] === "$eq" && usableEqualityValue(cond.$eq)) return { value: cond.$eq };
    return undefined;
  }
  if (isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith("$"))) return undefined;
  return usableEqualityValue(cond) ? { value: cond } : undefined;
}

interface Bounds {
  lo?: unknown;
  loInclusive?: boolean;
  hi?: unknown;
  hiInclusive?: boolean;
}

function rangeOf(cond: unknown): Bounds | undefined {
  if (!isOperatorObject(cond)) return undefined;
  const b: Bounds = {};
  let any = false;
  for (const [op, v] of Object.entries(cond)) {
    if (!usableEqualityValue(v) || isPlainObject(v)) return undefined;
    if (op === "$gt" || op === "$gte") {
      b.lo = v;
      b.loInclusive = op === "$gte";
      any = true;
    } else if (op === "$lt" || op === "$lte") {
      b.hi = v;
      b.hiInclusive = op === "$lte";
      any = true;
    } else return undefined;
  }
  return any ? b : undefined;
}

/**
 * Whether walking `index` (after `prefixLen` equality fields) yields `sort` order: "forward", "reverse" or
 * null. A trailing `_id` sort key is honoured through the entries' `_id` tie-break when every key field is
 * either fixed by equality or sorted on.
 */
function sortDirection(index: Index, prefixLen: number, eqPaths: Set<string>, sort: Array<[string, 1 | -1]>): "forward" | "reverse" | null {
  const rest = sort.filter(([p]) => !eqPaths.has(p));
  if (rest.length === 0) return "forward";
  if (index.multikey) return null;
  let dir = 0;
  for (let i = 0; i < rest.length; i++) {
    const [path, d] = rest[i]!;
    const field = index.fields[prefixLen + i];
    let rel: number;
    if (field && field[0] === path) rel = d === field[1] ? 1 : -1;
    else if (path === "_id" && i === rest.length - 1 && prefixLen + i === index.fields.length) rel = d;
    else return null;
    if (dir === 0) dir = rel;
    else if (dir !== rel) return null;
  }
  return dir < 0 ? "reverse" : "forward";
}

function* docsOf(entries: Iterable<IndexEntry>, dedupe: boolean): Generator<Doc> {
  if (!dedupe) {
    for (const e of entries) yield e.doc;
    return;
  }
  const seen = new Set<string>();
  for (const e of entries) {
    const k = idKey(e.id);
    if (seen.has(k)) continue;
    seen.add(k);
    yield e.doc;
  }
}

/** Picks the access path for `filter` with the parsed `sort`. */
export function planCandidates(coll: Collection, filter: Doc, sort: Array<[string, 1 | -1]>): Plan {
  // 1. _id equality or $in: point lookups in the primary Map.
  const idCond = filter._id;
  const idEq = equalityOf(idCond);
  if (idEq && !isPlainObject(idEq.value)) {
    const doc = coll.getById(idEq.value);
    return { docs: doc ? [doc] : [], sorted: true, kind: "id" };
  }
  if (isOperatorObject(idCond) && Object.keys(idCond).length === 1 && Array.isArray(idCond.$in) && idCond.$in.every((v) => usableEqualityValue(v) && !isPlainObject(v))) {
    const seen = new Set<string>();
    const docs: Doc[] = [];
    for (const v of idCond.$in as unknown[]) {
      const k = idKey(v);
      if (seen.has(k)) continue;
      seen.add(k);
      const doc = coll.docs.get(k);
      if (doc) docs.push(doc);
    }
    return { docs, sorted: sort.length === 0, kind: "id" };
  }

  // 2. The secondary index with the best score: equality prefix, then range, then sort.
  let best: { score: number; make: () => Plan } | null = null;
  for (const index of coll.indexes) {
    if (!index.complete) continue;
    const prefix: unknown[] = [];
    const eqPaths = new Set<string>();
    for (const [path] of index.fields) {
      const eq = equalityOf(filter[path]);
      if (!eq) break;
      prefix.push(eq.value);
      eqPaths.add(path);
    }
    const nextField = index.fields[prefix.length];
    const range = nextField ? rangeOf(filter[nextField[0]]) : undefined;
    const direction = sortDirection(index, prefix.length, eqPaths, sort);
    const sortUseful = direction !== null && sort.length > 0;
    const score = prefix.length * 4 + (range ? 2 : 0) + (sortUseful ? 1 : 0);
    if (score === 0 || (best && best.score >= score)) continue;
    const sorted = direction !== null;
    const reverse = direction === "reverse";
    const dedupe = index.multikey;
    best = {
      score,
      make: () => ({
        docs: docsOf(range ? index.range(prefix, range, reverse) : prefix.length ? reverseIf(index, prefix, reverse) : index.all(reverse), dedupe),
        sorted,
        kind: "index",
        index: index.name,
      }),
    };
  }
  if (best) return best.make();

  // 3. Collection scan in insertion order.
  return { docs: coll.docs.values(), sorted: sort.length === 0, kind: "scan" };
}

function reverseIf(index: Index, prefix: unknown[], reverse: boolean): Iterable<IndexEntry> {
  return reverse ? index.range(prefix, {}, true) : index.equal(prefix);
}
