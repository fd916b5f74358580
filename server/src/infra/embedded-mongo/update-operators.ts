/**
 * Update operators with mongod's semantics, on mingo's path machinery:
 * arithmetic that keeps BSON number types (`$inc`/`$mul`), BSON order for `$min`/`$max` and `$push`'s
 * `$sort`, exact equality (types and field order) for `$set` and `$addToSet`, and mongod's errors when the
 * target has the wrong type (`$pop`, `$pull`, `$pullAll` included). The other operators are mingo's.
 * The store hands these operators concrete paths only: positional parts are resolved first (positional.ts).
 */
import * as mingoUpdateOperators from "mingo/operators/update";
import { Query } from "mingo/query";
import type { Options } from "mingo/types";
import { ErrorCodes, mongoError } from "./errors.js";
import { formatKeyValue } from "./indexes.js";
import { updateInternals, type Doc } from "./mingo-internals.js";
import { arithmetic, bsonTypeName, numberValue, numericKind, zeroLike } from "./numbers.js";
import { compareBson, idKey, sameBson } from "./order.js";

const { walkExpression, applyUpdate, clone } = updateInternals;

type Target = Doc & unknown[];
type UpdateOperator = (expr: Doc, arrayFilters: Doc[], options: Options) => (doc: Doc) => string[];

/** How mongod names the document in update errors: `{_id: 1}`. */
function docLabel(doc: Doc): string {
  return doc._id === undefined ? "{}" : `{_id: ${formatKeyValue(doc._id)}}`;
}

const isPlainObject = (v: unknown): v is Doc => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;

/** Runs `change(parent, key, value)` on every target of every path in `expr`. */
function eachTarget(
  expr: Doc,
  arrayFilters: Doc[],
  options: Options,
  doc: Doc,
  change: (o: Target, k: string & number, val: unknown) => boolean,
  walk: { descendArray?: boolean } = {},
): string[] {
  return walkExpression(expr, arrayFilters, options, (val, node, queries) =>
    applyUpdate(doc, node, queries, (o, k) => change(o, k, val), { ...walk, buildGraph: true }),
  );
}

function arithmeticOperator(name: "$inc" | "$mul"): UpdateOperator {
  const verb = name === "$inc" ? "increment" : "multiply";
  return (expr, arrayFilters, options) => {
    for (const [k, v] of Object.entries(expr)) {
      if (numericKind(v) === null) {
        throw mongoError(ErrorCodes.TypeMismatch, `Cannot ${verb} with non-numeric argument: {${k}: ${formatKeyValue(v)}}`);
      }
    }
    return (doc) =>
      eachTarget(expr, arrayFilters, options, doc, (o, k, val) => {
        const cur = o[k];
        if (cur === undefined) {
          o[k] = name === "$inc" ? val : zeroLike(val);
          return true;
        }
        if (numericKind(cur) === null) {
          throw mongoError(
            ErrorCodes.TypeMismatch,
            `Cannot apply ${name} to a value of non-numeric type. ${docLabel(doc)} has the field '${k}' of non-numeric type ${bsonTypeName(cur)}`,
          );
        }
        const next = arithmetic(name === "$inc" ? "add" : "mul", cur, val);
        if (next === null) {
          throw mongoError(ErrorCodes.BadValue, `Failed to apply ${name} operations to current value (${formatKeyValue(cur)}) for document ${docLabel(doc)}`);
        }
        o[k] = next;
        return !sameBson(cur, next);
      });
  };
}

function boundOperator(keep: (c: number) => boolean): UpdateOperator {
  return (expr, arrayFilters, options) => (doc) =>
    eachTarget(expr, arrayFilters, options, doc, (o, k, val) => {
      if (o[k] !== undefined && !keep(compareBson(val, o[k]))) return false;
      o[k] = clone(val, options);
      return true;
    });
}

/** `$set` only counts as a change when the bytes change (a double 3.0 over an int 3 does). */
const $set: UpdateOperator = (expr, arrayFilters, options) => (doc) =>
  eachTarget(expr, arrayFilters, options, doc, (o, k, val) => {
    if (sameBson(o[k], val)) return false;
    o[k] = clone(val, options);
    return true;
  });

function eachArg(op: string, val: unknown): unknown[] | null {
  if (!isPlainObject(val) || !("$each" in val)) return null;
  if (!Array.isArray(val.$each)) {
    throw mongoError(ErrorCodes.BadValue, `The argument to $each in ${op} must be an array but it was of type: ${bsonTypeName(val.$each)}`);
  }
  return val.$each;
}

function integerArg(name: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = numberValue(v);
  if (!Number.isInteger(n)) throw mongoError(ErrorCodes.BadValue, `The value for ${name} must be an integer value but was given type: ${bsonTypeName(v)}`);
  return n;
}

function valueAt(el: unknown, path: string): unknown {
  let v = el;
  for (const p of path.split(".")) v = v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Doc)[p] : undefined;
  return v;
}

/** `$push`'s `$sort`: 1/-1 sorts the elements, `{field: dir, …}` sorts documents by fields; stable, in BSON order. */
function pushSort(arr: unknown[], spec: unknown): unknown[] {
  if (isPlainObject(spec)) {
    const keys = Object.entries(spec).map(([p, d]) => [p, numberValue(d) < 0 ? -1 : 1] as const);
    return arr.sort((a, b) => {
      for (const [p, d] of keys) {
        const c = compareBson(valueAt(a, p), valueAt(b, p));
        if (c) return c * d;
      }
      return 0;
    });
  }
  const dir = numberValue(spec);
  if (dir !== 1 && dir !== -1) throw mongoError(ErrorCodes.BadValue, "The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields");
  return arr.sort((a, b) => compareBson(a, b) * dir);
}

const $push: UpdateOperator = (expr, arrayFilters, options) => {
  // Parsed (and validated) once; walkExpression hands each path's value back, so they are keyed by it.
  const args = new Map<unknown, { each: unknown[]; position?: number; slice?: number; sort?: unknown }>();
  for (const val of Object.values(expr)) {
    const each = eachArg("$push", val);
    const spec = val as Doc;
    args.set(val, each ? { each, position: integerArg("$position", spec.$position), slice: integerArg("$slice", spec.$slice), sort: spec.$sort } : { each: [val] });
  }
  return (doc) =>
    walkExpression(expr, arrayFilters, options, (val, node, queries) => {
      const a = args.get(val)!;
      return applyUpdate(
        doc,
        node,
        queries,
        (o, k) => {
          const cur = o[k];
          if (cur !== undefined && !Array.isArray(cur)) {
            throw mongoError(ErrorCodes.BadValue, `The field '${k}' must be an array but is of type ${bsonTypeName(cur)} in document ${docLabel(doc)}`);
          }
          const before = (cur as unknown[] | undefined) ?? [];
          let next = before.slice();
          const at = a.position === undefined ? next.length : a.position < 0 ? Math.max(0, next.length + a.position) : Math.min(a.position, next.length);
          next.splice(at, 0, ...clone(a.each, options));
          if (a.sort !== undefined) next = pushSort(next, a.sort);
          if (a.slice !== undefined) next = a.slice < 0 ? next.slice(Math.max(0, next.length + a.slice)) : next.slice(0, a.slice);
          o[k] = next;
          return cur === undefined || !sameBson(cur, next);
        },
        { descendArray: true, buildGraph: true },
      );
    });
};

/** `$addToSet`: an element is present when it is BSON-equal (documents: same fields, values and order). */
const $addToSet: UpdateOperator = (expr, arrayFilters, options) => {
  for (const val of Object.values(expr)) eachArg("$addToSet", val);
  return (doc) =>
    eachTarget(expr, arrayFilters, options, doc, (o, k, val) => {
      const each = eachArg("$addToSet", val) ?? [val];
      const cur = o[k];
      if (cur !== undefined && !Array.isArray(cur)) {
        throw mongoError(ErrorCodes.BadValue, `Cannot apply $addToSet to non-array field. Field named '${k}' has non-array type ${bsonTypeName(cur)}`);
      }
      const next = ((cur as unknown[] | undefined) ?? []).slice();
      const seen = new Set(next.map(idKey));
      for (const v of each) {
        const key = idKey(v);
        if (seen.has(key)) continue;
        seen.add(key);
        next.push(clone(v, options));
      }
      if (cur !== undefined && next.length === (cur as unknown[]).length) return false;
      o[k] = next;
      return true;
    });
};

/** Runs `change(parent, key, value)` on every existing target (missing paths are left alone, nothing is created). */
function eachExisting(expr: Doc, arrayFilters: Doc[], options: Options, doc: Doc, change: (o: Target, k: string & number, val: unknown) => boolean): string[] {
  return walkExpression(expr, arrayFilters, options, (val, node, queries) =>
    applyUpdate(doc, node, queries, (o, k) => (o[k] === undefined ? false : change(o, k, val))),
  );
}

/** `$pop`: 1 removes the last element, -1 the first; a missing field is left alone, a non-array fails (14). */
const $pop: UpdateOperator = (expr, arrayFilters, options) => {
  for (const [k, v] of Object.entries(expr)) {
    if (numericKind(v) === null) throw mongoError(ErrorCodes.FailedToParse, `Expected a number in: ${k}: ${formatKeyValue(v)}`);
    const n = numberValue(v);
    if (n !== 1 && n !== -1) throw mongoError(ErrorCodes.FailedToParse, `$pop expects 1 or -1, found: ${n}`);
  }
  return (doc) =>
    walkExpression(expr, arrayFilters, options, (val, node, queries) =>
      applyUpdate(doc, node, queries, (o, k) => {
        const arr = o[k];
        if (arr === undefined) return false;
        if (!Array.isArray(arr)) {
          throw mongoError(ErrorCodes.TypeMismatch, `Path '${node.selector}' contains an element of non-array type '${bsonTypeName(arr)}'`);
        }
        if (arr.length === 0) return false;
        o[k] = numberValue(val) === -1 ? arr.slice(1) : arr.slice(0, -1);
        return true;
      }),
    );
};

/**
 * Top-level query operators: a `$pull` condition starting with one of these (what mongoose sends for
 * `doc.arr.pull(subdoc)` without `_id`: `{ $or: [...] }`) is a query on each element as a document, like
 * field names; any other `$`-operator first (`$gte`, `$in`, `$elemMatch`, …) is a condition on the element's
 * value. mongod decides on the first key the same way (PullNode: ObjectMatcher vs WrappedObjectMatcher).
 */
const DOCUMENT_QUERY_OPERATORS = new Set(["$and", "$or", "$nor", "$expr", "$where", "$text", "$comment", "$jsonSchema"]);

/** True when `spec` (a `$pull` condition) applies to each element's value rather than to it as a document. */
function isValueCondition(spec: unknown): boolean {
  if (!isPlainObject(spec)) return true;
  const first = Object.keys(spec)[0];
  return first !== undefined && first.startsWith("$") && !DOCUMENT_QUERY_OPERATORS.has(first);
}

/**
 * `$pull`: removes the elements equal to a value or matching a condition (mingo's matching); a missing field is
 * left alone, a non-array fails with BadValue (2) — also for `$pullAll`, under `$pull`'s name, like mongod.
 */
const $pull: UpdateOperator = (expr, arrayFilters, options) => {
  const predicates = new Map<unknown, (v: unknown) => boolean>();
  for (const spec of Object.values(expr)) {
    if (predicates.has(spec)) continue;
    if (isValueCondition(spec)) {
      const query = new Query({ k: spec }, options);
      predicates.set(spec, (v) => query.test({ k: v }));
    } else {
      // A query on the element as a document: elements that are not documents never match.
      const query = new Query(spec as Doc, options);
      predicates.set(spec, (v) => isPlainObject(v) && query.test(v as Doc));
    }
  }
  return (doc) =>
    eachExisting(expr, arrayFilters, options, doc, (o, k, spec) => {
      const prev = o[k];
      if (!Array.isArray(prev)) throw mongoError(ErrorCodes.BadValue, "Cannot apply $pull to a non-array value");
      const pred = predicates.get(spec)!;
      const kept = prev.filter((v) => !pred(v));
      if (kept.length === prev.length) return false;
      o[k] = kept;
      return true;
    });
};

/** `$pullAll`: removes every element equal to one of the listed values. */
const $pullAll: UpdateOperator = (expr, arrayFilters, options) => {
  const pullExpr: Doc = {};
  for (const [k, v] of Object.entries(expr)) {
    if (!Array.isArray(v)) throw mongoError(ErrorCodes.BadValue, `$pullAll requires an array argument but was given a ${bsonTypeName(v)}`);
    pullExpr[k] = { $in: v };
  }
  return $pull(pullExpr, arrayFilters, options);
};

export const UPDATE_OPERATORS: Record<string, UpdateOperator> = {
  ...(mingoUpdateOperators as unknown as Record<string, UpdateOperator>),
  $set,
  $inc: arithmeticOperator("$inc"),
  $mul: arithmeticOperator("$mul"),
  $min: boundOperator((c) => c < 0),
  $max: boundOperator((c) => c > 0),
  $push,
  $addToSet,
  $pop,
  $pull,
  $pullAll,
};
