/**
 * Query operators with mongod's semantics, registered over mingo's. mingo compares embedded documents
 * ignoring field order and knows nothing of BSON number types; here values compare in BSON order (numbers
 * of any type by value, documents field by field in order), `$type` knows every alias and the store's
 * number wrappers, and `$expr` computes on a promoted view so mingo's arithmetic sees plain numbers.
 * Field resolution (dotted paths through arrays) stays mingo's.
 */
import * as queryOperators from "mingo/operators/query";
import type { Options } from "mingo/types";
import { ensureArray, flatten } from "mingo/util";
import { ErrorCodes, mongoError } from "./errors.js";
import { processQuery, type ComputeOpts, type Doc } from "./mingo-internals.js";
import { BSON_TYPE_CODES, bsonTypeName, numberValue, numericKind, promotedView } from "./numbers.js";
import { compareBson, idKey, typeRank } from "./order.js";

type Predicate = (a: unknown, b: unknown, o: ComputeOpts) => boolean;
type QueryOperator = (selector: string, value: unknown, options: Options) => (doc: Doc) => boolean;

const operator =
  (predicate: Predicate): QueryOperator =>
  (selector, value, options) =>
    processQuery(selector, value, options, predicate);

const equal = (a: unknown, b: unknown) => compareBson(a, b) === 0;

/** Equality, or any element (also of nested arrays reached through a dotted path) equal. */
const eq: Predicate = (a, b, o) => {
  if (equal(a, b)) return true;
  if (!Array.isArray(a)) return false;
  return a.some((v) => equal(v, b)) || flatten(a, o?.local?.depth ?? 1).some((v) => equal(v, b));
};

/** `$gt` & co.: only values of the same type bracket compare (a string never matches a number bound). */
const ordered =
  (test: (c: number) => boolean): Predicate =>
  (a, b) => {
    const rank = typeRank(b);
    for (const v of ensureArray(a)) if (typeRank(v) === rank && test(compareBson(v, b))) return true;
    return false;
  };

function isRegex(v: unknown): v is RegExp | { pattern: string; options: string } {
  return v instanceof RegExp || (v as { _bsontype?: string } | null)?._bsontype === "BSONRegExp";
}

function toRegExp(v: RegExp | { pattern: string; options: string }): RegExp {
  return v instanceof RegExp ? v : new RegExp(v.pattern, v.options.replace(/[^imsu]/g, ""));
}

/** `$in`: the listed values hashed by their BSON equality key; regexes match strings. */
function inPredicate(list: unknown): Predicate {
  if (!Array.isArray(list)) throw mongoError(ErrorCodes.BadValue, "$in needs an array");
  const keys = new Set<string>();
  const patterns: RegExp[] = [];
  for (const v of list) {
    if (isRegex(v)) patterns.push(toRegExp(v));
    else keys.add(idKey(v));
  }
  const hit = (v: unknown) => keys.has(idKey(v)) || (typeof v === "string" && patterns.some((re) => re.test(v)));
  return (a, _b, o) => {
    if (hit(a)) return true;
    if (!Array.isArray(a)) return false;
    return a.some(hit) || flatten(a, o?.local?.depth ?? 1).some(hit);
  };
}

const $in: QueryOperator = (selector, value, options) => {
  const pred = inPredicate(value);
  return processQuery(selector, value, options, pred);
};

const $nin: QueryOperator = (selector, value, options) => {
  const pred = inPredicate(value);
  return processQuery(selector, value, options, (a, b, o) => !pred(a, b, o));
};

function isElemMatch(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v)[0] === "$elemMatch";
}

/** `$all`: every listed value present (documents compared with field order); a scalar field counts as one element. */
const $all: QueryOperator = (selector, value, options) => {
  if (!Array.isArray(value)) throw mongoError(ErrorCodes.BadValue, "$all needs an array");
  if (value.some(isElemMatch)) return queryOperators.$all(selector, value, options);
  return processQuery(selector, value, options, (a) => {
    const values = Array.isArray(a) ? a : a === undefined ? [] : [a];
    if (value.length === 0 || values.length === 0) return false;
    return value.every((want) =>
      isRegex(want) ? values.some((v) => typeof v === "string" && toRegExp(want).test(v)) : values.some((v) => equal(v, want)) || equal(a, want),
    );
  });
};

const $size: Predicate = (a, b) => Array.isArray(a) && a.length === numberValue(b);

/** `$mod: [divisor, remainder]` on numbers of any BSON type (mongod truncates both operands). */
const $mod: Predicate = (a, b) => {
  if (!Array.isArray(b) || b.length !== 2) throw mongoError(ErrorCodes.BadValue, "malformed mod, needs to be an array of 2 elements");
  const divisor = Math.trunc(numberValue(b[0]));
  const remainder = Math.trunc(numberValue(b[1]));
  if (!divisor) throw mongoError(ErrorCodes.BadValue, "divisor cannot be 0");
  return ensureArray(a).some((x) => numericKind(x) !== null && Math.trunc(numberValue(x)) % divisor === remainder);
};

const TYPE_ALIASES = new Map(Object.entries(BSON_TYPE_CODES).map(([alias, code]) => [code, alias]));

function typeTest(spec: unknown): (v: unknown) => boolean {
  if (spec === "number") return (v) => numericKind(v) !== null;
  if (typeof spec === "string") {
    if (!(spec in BSON_TYPE_CODES)) throw mongoError(ErrorCodes.BadValue, `Unknown type name alias: ${spec}`);
    return (v) => bsonTypeName(v) === spec;
  }
  const alias = numericKind(spec) ? TYPE_ALIASES.get(numberValue(spec)) : undefined;
  if (!alias) throw mongoError(ErrorCodes.BadValue, `Invalid numerical type code: ${String(spec)}`);
  return (v) => bsonTypeName(v) === alias;
}

/** `$type` with mongod's aliases and codes; an array field also matches by its elements' types. */
const $type: QueryOperator = (selector, value, options) => {
  const tests = (Array.isArray(value) ? value : [value]).map(typeTest);
  const test = (v: unknown) => v !== undefined && tests.some((t) => t(v));
  return processQuery(selector, value, options, (a) => test(a) || (Array.isArray(a) && a.some(test)));
};

/** `$expr` runs mingo's aggregation expressions, which only compute with plain numbers. */
const $expr: QueryOperator = (selector, value, options) => {
  const inner = queryOperators.$expr(selector, value, options as never) as (doc: Doc) => boolean;
  return (doc) => inner(doc !== null && typeof doc === "object" ? promotedView(doc) : doc);
};

export const QUERY_OPERATORS = {
  ...queryOperators,
  $eq: operator(eq),
  $ne: operator((a, b, o) => !eq(a, b, o)),
  $gt: operator(ordered((c) => c > 0)),
  $gte: operator(ordered((c) => c >= 0)),
  $lt: operator(ordered((c) => c < 0)),
  $lte: operator(ordered((c) => c <= 0)),
  $in,
  $nin,
  $all,
  $size: operator($size),
  $mod: operator($mod),
  $type,
  $expr,
};
