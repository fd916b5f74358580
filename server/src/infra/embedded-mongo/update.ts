/**
 * Applying update documents: operator updates and pipeline updates via mingo's updater, plus what mongod
 * does and mingo lacks: `$setOnInsert`, `$currentDate` from the store's clock, replacement documents, `_id`
 * immutability (code 66) and building the upserted document from the filter's equality fields. Positional
 * paths (`$`, `$[]`, `$[id]`) are resolved against the document before the update (positional.ts), so several
 * fields of one array element can change in one update, as in mongod.
 */
import { ObjectId, Timestamp } from "bson";
import { updateOne } from "mingo/updater";
import { nowMs } from "../clock.js";
import { ErrorCodes, MongoCommandError, mongoError } from "./errors.js";
import { formatKeyValue } from "./indexes.js";
import { ComputeOptions } from "./mingo-internals.js";
import { promoteClone, restoreNumberTypes } from "./numbers.js";
import { compareBson } from "./order.js";
import {
  POSITIONAL_NO_MATCH,
  checkPositionalPaths,
  checkTreeConflicts,
  expandPositional,
  mayHavePositional,
  parseArrayFilters,
  type ArrayFilters,
} from "./positional.js";
import { cloneDoc, computeOptions, plainOptions, type Doc } from "./query.js";
import { UPDATE_OPERATORS as OPERATOR_IMPLS } from "./update-operators.js";

/**
 * Options for operator updates. mingo refuses any `_id` path up front; mongod allows setting `_id` to the value
 * it already has, so mingo's check is pointed at a field name BSON cannot contain and the store compares the
 * `_id` before and after instead.
 */
const UPDATE_BASE = ComputeOptions.init({ ...plainOptions(), idKey: "\0" });

const UPDATE_OPERATORS = new Set([
  "$set",
  "$unset",
  "$inc",
  "$mul",
  "$rename",
  "$min",
  "$max",
  "$currentDate",
  "$push",
  "$pull",
  "$pullAll",
  "$pop",
  "$addToSet",
  "$bit",
  "$setOnInsert",
]);

export type UpdateKind = "operators" | "replacement" | "pipeline";

/** Classifies an update document, rejecting mixes of operators and fields like mongod (FailedToParse). */
export function updateKind(update: unknown): UpdateKind {
  if (Array.isArray(update)) return "pipeline";
  if (update === null || typeof update !== "object") {
    throw mongoError(ErrorCodes.FailedToParse, "Update argument must be either an object or an array");
  }
  const keys = Object.keys(update);
  const ops = keys.filter((k) => k.startsWith("$"));
  if (ops.length === 0) return "replacement";
  for (const k of keys) {
    if (!UPDATE_OPERATORS.has(k)) {
      throw mongoError(
        ErrorCodes.FailedToParse,
        `Unknown modifier: ${k}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    const v = (update as Doc)[k];
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
      throw mongoError(ErrorCodes.FailedToParse, `Modifiers operate on fields but we found type ${Array.isArray(v) ? "array" : typeof v} instead. For example: {$mod: {<field>: ...}} not {$set: <field>}`);
    }
  }
  checkConflicts(update as Doc);
  return "operators";
}

/** The paths an operator update touches ($rename: both names), in order. */
function touchedPaths(update: Doc): string[] {
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, v] of Object.entries(fields as Doc)) {
      paths.push(path);
      if (op === "$rename" && typeof v === "string") paths.push(v);
    }
  }
  return paths;
}

/** mongod refuses an update where two operators (or two fields) touch the same path or one inside the other. */
function checkConflicts(update: Doc): void {
  const paths = touchedPaths(update);
  // Positional parts need mongod's update-tree rules (`a.$[i]` next to `a.0` conflicts at `a`).
  if (paths.some((p) => p.includes("$"))) return checkTreeConflicts(paths);
  const seen: string[] = [];
  for (const path of paths) {
    for (const other of seen) {
      const [short, long] = other.length <= path.length ? [other, path] : [path, other];
      if (long === short || long.startsWith(short + ".")) {
        throw mongoError(ErrorCodes.ConflictingUpdateOperators, `Updating the path '${path}' would create a conflict at '${short}'`);
      }
    }
    seen.push(path);
  }
}

/** Parse-time checks of `arrayFilters` and positional paths, per update object (cached: updateMany re-applies it). */
const arrayPlans = new WeakMap<object, { arrayFilters: unknown; filters: ArrayFilters }>();

/** The compiled array filters of an operator update, or null when it has no positional path and no filters. */
function arrayPlan(update: Doc, arrayFilters: unknown): ArrayFilters | null {
  const noFilters = arrayFilters === undefined || arrayFilters === null || (Array.isArray(arrayFilters) && arrayFilters.length === 0);
  if (noFilters && !mayHavePositional(update)) return null;
  const cached = arrayPlans.get(update);
  if (cached && cached.arrayFilters === arrayFilters) return cached.filters;
  const filters = parseArrayFilters(arrayFilters);
  checkPositionalPaths(update, filters);
  arrayPlans.set(update, { arrayFilters, filters });
  return filters;
}

/**
 * Everything mongod checks before it looks for documents: the update's form, conflicting paths, the array
 * filters and positional paths (a filter nothing uses, an identifier without a filter, …).
 */
export function parseUpdate(update: unknown, arrayFilters?: unknown): UpdateKind {
  const kind = updateKind(update);
  if (kind === "pipeline" && Array.isArray(arrayFilters) && arrayFilters.length > 0) {
    throw mongoError(ErrorCodes.FailedToParse, "arrayFilters may not be specified for pipeline-style updates");
  }
  if (kind === "operators") arrayPlan(update as Doc, arrayFilters);
  return kind;
}

function immutableIdError(): MongoCommandError {
  return mongoError(ErrorCodes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
}

/** mongod always stores `_id` as the first field of a new document. */
export function idFirst(doc: Doc): Doc {
  if (Object.keys(doc)[0] === "_id") return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/**
 * Returns the updated copy of `doc` (the original is never touched). `upsertInsert` applies `$setOnInsert`.
 */
export function applyUpdate(
  doc: Doc,
  update: unknown,
  options: { arrayFilters?: Doc[]; filter?: Doc; upsertInsert?: boolean } = {},
): Doc {
  const kind = updateKind(update);
  if (kind === "replacement") {
    const repl = update as Doc;
    if ("_id" in repl && "_id" in doc && compareBson(repl._id, doc._id) !== 0) {
      throw mongoError(
        ErrorCodes.ImmutableField,
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatKeyValue(repl._id)}`,
      );
    }
    const { _id: _ignored, ...rest } = cloneDoc(repl);
    return "_id" in doc ? { _id: doc._id, ...rest } : { ...("_id" in repl ? { _id: repl._id } : {}), ...rest };
  }
  let modifier: Doc | Doc[] = update as Doc | Doc[];
  const filters = kind === "operators" ? arrayPlan(update as Doc, options.arrayFilters) : null;
  if (kind === "operators") modifier = normaliseOperators(update as Doc, options.upsertInsert === true);
  const working = [cloneDoc(doc)];
  if (kind === "operators" && Object.keys(modifier).length === 0) return working[0]!;
  try {
    if (kind === "pipeline") {
      // Aggregation expressions compute with plain numbers; untouched fields get their BSON types back after.
      working[0] = promoteClone(doc);
      updateOne(working, {}, promoteClone(modifier) as never, { cloneMode: "deep" }, plainOptions());
      working[0] = restoreNumberTypes(doc, working[0]) as Doc;
    } else {
      // Operators are applied directly: mingo's updateOne re-registers operator tables on every call.
      const opts = computeOptions({ condition: {}, updateConfig: { cloneMode: "deep" } }, UPDATE_BASE);
      // Positional paths become concrete index paths, all resolved against the document before the update.
      const concrete = filters ? expandPositional(working[0]!, modifier as Doc, filters, options.filter) : (modifier as Doc);
      for (const [op, expr] of Object.entries(concrete)) {
        if (Object.keys(expr as Doc).length > 0) OPERATOR_IMPLS[op]!(expr as Doc, [], opts)(working[0]!);
        // No element matched: the operator still checks its arguments, as mongod does when parsing.
        else OPERATOR_IMPLS[op]!((modifier as Doc)[op] as Doc, [], opts);
      }
    }
  } catch (err) {
    if (err instanceof MongoCommandError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/immutable/i.test(message)) throw immutableIdError();
    if (/array field for '\.\$'|positional operator found no match/.test(message)) throw mongoError(ErrorCodes.BadValue, POSITIONAL_NO_MATCH);
    throw mongoError(updateErrorCode(message), message);
  }
  const out = working[0]!;
  if ("_id" in doc) {
    if (!("_id" in out) || compareBson(out._id, doc._id) !== 0) throw immutableIdError();
  }
  return out;
}

function updateErrorCode(message: string): number {
  if (/numeric|number/i.test(message)) return ErrorCodes.TypeMismatch;
  if (/array/i.test(message)) return ErrorCodes.BadValue;
  return ErrorCodes.BadValue;
}

/** Drops or merges `$setOnInsert` and pins `$currentDate` to the store's clock. */
function normaliseOperators(update: Doc, upsertInsert: boolean): Doc {
  const out: Doc = {};
  for (const [op, fields] of Object.entries(update)) {
    if (op === "$setOnInsert") continue;
    if (op === "$currentDate") {
      const set = { ...((out.$set as Doc | undefined) ?? {}) };
      for (const [path, spec] of Object.entries(fields as Doc)) {
        const ts = typeof spec === "object" && spec !== null && (spec as Doc).$type === "timestamp";
        const ms = nowMs();
        set[path] = ts ? new Timestamp({ t: Math.floor(ms / 1000), i: 1 }) : new Date(ms);
      }
      out.$set = set;
      continue;
    }
    out[op] = op === "$set" && out.$set ? { ...(out.$set as Doc), ...(fields as Doc) } : fields;
  }
  if (upsertInsert && update.$setOnInsert) {
    out.$set = { ...((out.$set as Doc | undefined) ?? {}), ...(update.$setOnInsert as Doc) };
  }
  return out;
}

/** Sets a dotted path, creating objects on the way (used to seed upserts from filters). */
function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split(".");
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]!];
    if (next === null || typeof next !== "object") cur[parts[i]!] = {};
    cur = cur[parts[i]!] as Doc;
  }
  cur[parts[parts.length - 1]!] = value;
}

function isOperatorObject(v: unknown): v is Doc {
  if (v === null || typeof v !== "object" || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys[0]!.startsWith("$");
}

/** The document an upsert starts from: the filter's equality conditions (including inside `$and`). */
export function upsertSeed(filter: Doc | undefined): Doc {
  const seed: Doc = {};
  const visit = (f: Doc) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === "$and" && Array.isArray(v)) {
        for (const sub of v) if (sub && typeof sub === "object") visit(sub as Doc);
        continue;
      }
      if (k.startsWith("$")) continue;
      if (isOperatorObject(v)) {
        if ("$eq" in v) setPath(seed, k, cloneDoc(v.$eq));
        continue;
      }
      if (v instanceof RegExp || (v as { _bsontype?: string } | null)?._bsontype === "BSONRegExp") continue;
      setPath(seed, k, cloneDoc(v));
    }
  };
  if (filter) visit(filter);
  return seed;
}

/** Builds the document an upsert inserts. */
export function buildUpsertDoc(filter: Doc | undefined, update: unknown, arrayFilters?: Doc[]): Doc {
  const kind = updateKind(update);
  const seed = upsertSeed(filter);
  let doc: Doc;
  if (kind === "replacement") {
    doc = cloneDoc(update as Doc);
    if (!("_id" in doc) && "_id" in seed) doc._id = seed._id;
  } else {
    doc = applyUpdate(seed, update, { arrayFilters, upsertInsert: true });
    if ("_id" in seed && (!("_id" in doc) || compareBson(doc._id, seed._id) !== 0)) throw immutableIdError();
  }
  if (!("_id" in doc)) doc._id = new ObjectId();
  return idFirst(doc);
}
