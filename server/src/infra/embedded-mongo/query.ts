/**
 * Matching, projection and sorting. Filters and projections run on mingo with a Context holding every
 * operator group (mingo's defaults miss some inside `$expr`); sorting uses the store's BSON order so mixed
 * types and ObjectIds sort like in mongod.
 */
import { Context, ProcessingMode } from "mingo";
import { Query } from "mingo/query";
import * as accumulatorOperators from "mingo/operators/accumulator";
import * as pipelineOperators from "mingo/operators/pipeline";
import * as projectionOperators from "mingo/operators/projection";
import * as windowOperators from "mingo/operators/window";
import type { Options, CollectionResolver } from "mingo/types";
import { EXPRESSION_OPERATORS, PIPELINE_OVERRIDES } from "./aggregation-ops.js";
import { ErrorCodes, MongoCommandError, mongoError } from "./errors.js";
import { ComputeOptions } from "./mingo-internals.js";
import { promotedView } from "./numbers.js";
import { compareBson } from "./order.js";
import { QUERY_OPERATORS } from "./predicates.js";

export type Doc = Record<string, unknown>;

/** Every mingo operator group, registered once, with the store's mongod-exact versions where mingo differs. */
export const MINGO_CONTEXT = Context.init({
  accumulator: accumulatorOperators as never,
  expression: EXPRESSION_OPERATORS as never,
  pipeline: { ...pipelineOperators, ...PIPELINE_OVERRIDES, $project: projectIdFirst } as never,
  projection: projectionOperators as never,
  query: QUERY_OPERATORS as never,
  window: windowOperators as never,
});

/** mongod emits `_id` first from `$project`; mingo appends it after the other fields. */
function projectIdFirst(...args: Parameters<typeof pipelineOperators.$project>) {
  return pipelineOperators.$project(...args).map((d) => idFirstIfPresent(d as Doc));
}

/** Moves `_id` to the front when the document has one. */
export function idFirstIfPresent(doc: Doc): Doc {
  if (doc === null || typeof doc !== "object" || !("_id" in doc)) return doc;
  const keys = Object.keys(doc);
  if (keys[0] === "_id") return doc;
  const out: Doc = { _id: doc._id };
  for (const k of keys) if (k !== "_id") out[k] = doc[k];
  return out;
}

/**
 * mingo turns plain options into a `ComputeOptions` on every Query/Aggregator/update, copying every operator
 * table of the context each time (~0.1 ms). Handing it a ready `ComputeOptions` skips that copy.
 */
const BASE_OPTIONS = ComputeOptions.init(plainOptions());

/** Fresh compute options (cheap: the operator tables are shared), optionally with local values. */
export function computeOptions(locals?: Record<string, unknown>, base: Options = BASE_OPTIONS): Options {
  const opts = ComputeOptions.init(base);
  return locals ? opts.update(locals) : opts;
}

/** mingo options for the store: strict MongoDB mode, no cloning (the store clones itself), optional resolver. */
export function mingoOptions(collectionResolver?: CollectionResolver): Partial<Options> {
  if (!collectionResolver) return computeOptions();
  return ComputeOptions.init(plainOptions(collectionResolver));
}

/** Plain options, for mingo APIs that spread their options (the updater's pipeline path). */
export function plainOptions(collectionResolver?: CollectionResolver): Partial<Options> {
  return {
    context: MINGO_CONTEXT,
    idKey: "_id",
    useStrictMode: true,
    scriptEnabled: false,
    processingMode: ProcessingMode.CLONE_OFF,
    ...(collectionResolver ? { collectionResolver } : {}),
  };
}

function asQueryError(err: unknown): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // mongod's wording, which drivers and people search for.
  return mongoError(ErrorCodes.BadValue, message.replace(/^unknown (?:query|top level) operator:? (\$\w+).*$/, "unknown operator: $1"));
}

/** Compiles a filter into a predicate. Throws BadValue for unknown operators, like mongod's parser. */
export function compileFilter(filter: Doc | undefined | null): (doc: Doc) => boolean {
  if (filter === undefined || filter === null) return () => true;
  if (typeof filter !== "object" || Array.isArray(filter)) {
    throw mongoError(ErrorCodes.TypeMismatch, "filter must be an object");
  }
  if (Object.keys(filter).length === 0) return () => true;
  try {
    const q = new Query(filter, mingoOptions());
    return (doc) => {
      try {
        return q.test(doc);
      } catch (err) {
        throw asQueryError(err);
      }
    };
  } catch (err) {
    throw asQueryError(err);
  }
}

/** Applies a find projection (mongod's inclusion/exclusion rules, `$slice`, `$elemMatch`, positional `$`). */
export function projectDocs(docs: Doc[], projection: Doc | undefined | null, filter?: Doc | null): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  validateProjection(projection);
  if (isSliceOnly(projection)) return docs.map((d) => sliceProjection(d, projection));
  try {
    const positional = Object.keys(projection).some((k) => k.endsWith(".$"));
    const q = new Query(positional && filter ? filter : {}, mingoOptions());
    // mingo's expressions compute with plain numbers only.
    const input = hasExpressions(projection) ? docs.map((d) => promotedView(d)) : docs;
    return (q.find(input, projection).all() as Doc[]).map(idFirstIfPresent);
  } catch (err) {
    throw asQueryError(err);
  }
}

const isSpec = (v: unknown, op: string) => typeof v === "object" && v !== null && !Array.isArray(v) && op in v;

function hasExpressions(projection: Doc): boolean {
  return Object.values(projection).some((v) => typeof v === "string" || (typeof v === "object" && v !== null && !isSpec(v, "$slice") && !isSpec(v, "$elemMatch")));
}

/** Only `$slice` specs (and perhaps `_id: 0`): mongod treats that as an exclusion projection. */
function isSliceOnly(projection: Doc): boolean {
  let slices = 0;
  for (const [k, v] of Object.entries(projection)) {
    if (k === "_id" && (v === 0 || v === false)) continue;
    if (!isSpec(v, "$slice") || Object.keys(v as Doc).length !== 1) return false;
    slices++;
  }
  return slices > 0;
}

/** Copy of `doc` with each `$slice` applied (through embedded documents and arrays of them) and `_id` dropped if asked. */
function sliceProjection(doc: Doc, projection: Doc): Doc {
  const out = cloneDoc(doc);
  if (projection._id === 0 || projection._id === false) delete out._id;
  for (const [path, spec] of Object.entries(projection)) {
    if (path !== "_id" || isSpec(spec, "$slice")) slicePath(out, path.split("."), (spec as Doc).$slice);
  }
  return out;
}

function slicePath(value: unknown, parts: string[], spec: unknown): void {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const el of value) slicePath(el, parts, spec);
    return;
  }
  const [head, ...rest] = parts;
  const o = value as Doc;
  if (rest.length) return slicePath(o[head!], rest, spec);
  if (Array.isArray(o[head!])) o[head!] = sliceArray(o[head!] as unknown[], spec);
}

/** `$slice: n` (first n, or last -n) or `[skip, limit]` (skip from the end when negative). */
function sliceArray(arr: unknown[], spec: unknown): unknown[] {
  if (Array.isArray(spec)) {
    const [skip, limit] = spec.map(Number) as [number, number];
    if (!(limit > 0)) throw mongoError(ErrorCodes.BadValue, "$slice limit must be positive");
    const start = skip < 0 ? Math.max(0, arr.length + skip) : Math.min(arr.length, skip);
    return arr.slice(start, start + limit);
  }
  const n = Number(spec);
  if (!Number.isFinite(n)) throw mongoError(ErrorCodes.BadValue, "$slice only supports numbers and [skip, limit] arrays");
  return n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(0, arr.length + n));
}

/** mongod rejects mixing inclusion and exclusion (except `_id`) with code 31254/31253. */
function validateProjection(projection: Doc): void {
  let inclusion: string | null = null;
  let exclusion: string | null = null;
  for (const [k, v] of Object.entries(projection)) {
    if (k === "_id") continue;
    if (v === 0 || v === false) exclusion ??= k;
    else if (v === 1 || v === true || (typeof v === "object" && v !== null && !("$slice" in v) && !("$elemMatch" in v)) || typeof v === "number")
      inclusion ??= k;
  }
  if (inclusion && exclusion) {
    throw mongoError(31254, `Cannot do exclusion on field ${exclusion} in inclusion projection`);
  }
}

/**
 * Values at a dotted path, descending into arrays like mongod does for index keys and sort keys.
 * Missing → [undefined]. An array value contributes its elements (and an empty array contributes itself).
 */
export function valuesAtPath(doc: unknown, path: string, emptyArrays = true): unknown[] {
  const parts = path.split(".");
  const out: unknown[] = [];
  collect(doc, parts, 0, out, false, emptyArrays);
  return out.length ? out : [undefined];
}

/** `emptyArrays: false` drops an empty array at the end of the path (distinct: it contributes no value). */
function collect(value: unknown, parts: string[], i: number, out: unknown[], viaArray: boolean, emptyArrays: boolean): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) {
        if (emptyArrays) out.push(value);
      } else for (const v of value) out.push(v);
    } else if (!(viaArray && value === undefined)) out.push(value);
    return;
  }
  if (value === null || value === undefined || typeof value !== "object") {
    if (!viaArray) out.push(undefined);
    return;
  }
  const key = parts[i]!;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(key)) {
      collect(value[Number(key)], parts, i + 1, out, viaArray, emptyArrays);
    }
    for (const el of value) {
      if (el !== null && typeof el === "object" && !Array.isArray(el)) collect(el, parts, i, out, true, emptyArrays);
    }
    return;
  }
  collect((value as Doc)[key], parts, i + 1, out, viaArray, emptyArrays);
}

/** The value that represents a document for one sort field: min of an array ascending, max descending. */
function sortKey(doc: Doc, path: string, dir: number): unknown {
  const values = valuesAtPath(doc, path);
  if (values.length === 1) return Array.isArray(values[0]) ? undefined : values[0];
  let best = values[0];
  for (let i = 1; i < values.length; i++) {
    const c = compareBson(values[i], best);
    if ((dir > 0 && c < 0) || (dir < 0 && c > 0)) best = values[i];
  }
  return best;
}

/** Parses and validates a sort spec into [path, direction] pairs. */
export function parseSort(sort: unknown): Array<[string, 1 | -1]> {
  if (sort === undefined || sort === null) return [];
  if (typeof sort !== "object" || Array.isArray(sort)) throw mongoError(ErrorCodes.TypeMismatch, "sort must be an object");
  const out: Array<[string, 1 | -1]> = [];
  for (const [k, v] of Object.entries(sort as Doc)) {
    const n = typeof v === "number" ? v : typeof v === "object" && v !== null && "$meta" in v ? 1 : Number(v);
    if (n !== 1 && n !== -1) throw mongoError(ErrorCodes.BadValue, `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    out.push([k, n]);
  }
  return out;
}

/** Stable sort by a parsed sort spec (ties keep their input order, i.e. insertion order). */
export function sortDocs(docs: Doc[], spec: Array<[string, 1 | -1]>): Doc[] {
  if (spec.length === 0) return docs;
  const keyed = docs.map((doc) => ({ doc, keys: spec.map(([p, d]) => sortKey(doc, p, d)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < spec.length; i++) {
      const c = compareBson(a.keys[i], b.keys[i]);
      if (c !== 0) return c * spec[i]![1];
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

/**
 * Copies a document so callers never share references with the store. Plain objects, arrays and Dates are
 * copied; BSON value classes (ObjectId, Binary, Decimal128, …) are immutable in practice and are shared.
 */
export function cloneDoc<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(cloneDoc) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Doc = {};
  for (const k of Object.keys(v)) out[k] = cloneDoc((v as Doc)[k]);
  return out as T;
}
