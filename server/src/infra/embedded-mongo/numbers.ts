/**
 * How the store keeps BSON numbers so each value goes back out with the type it came in with.
 *
 * The bson serializer writes a JS number as int32 when it is an integer in int32 range and as a double
 * otherwise. So a stored JS number is exact for every int32 and for most doubles; only two kinds of value
 * need a wrapper: a double with an integral value in int32 range (kept as `Double`) and every int64 (kept
 * as `Long`). Decimal128 is always a wrapper. Keeping wrappers rare keeps mingo's number handling working
 * for the common case; the store's own operators (query predicates, `$inc`, …) understand the wrappers.
 */
import { Decimal128, Double, Long } from "bson";

type Bsonish = { _bsontype?: string };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** True when the serializer would write `n` as an int32. */
export function isInt32Number(n: number): boolean {
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX && !Object.is(n, -0);
}

/** The store's form of a double: a plain number unless the serializer would turn it into an int32. */
export function storeDouble(x: number): number | Double {
  return isInt32Number(x) ? new Double(x) : x;
}

export type NumericKind = "int" | "long" | "double" | "decimal";

/** The BSON number type of a stored value, or null when it is not a number. */
export function numericKind(v: unknown): NumericKind | null {
  if (typeof v === "number") return isInt32Number(v) ? "int" : "double";
  if (v === null || typeof v !== "object") return null;
  switch ((v as Bsonish)._bsontype) {
    case "Double":
      return "double";
    case "Int32":
      return "int";
    case "Long":
      return "long";
    case "Decimal128":
      return "decimal";
  }
  return null;
}

const BSON_TYPE_NAMES: Record<string, string> = {
  ObjectId: "objectId",
  Binary: "binData",
  Decimal128: "decimal",
  Long: "long",
  Double: "double",
  Int32: "int",
  Timestamp: "timestamp",
  BSONRegExp: "regex",
  BSONSymbol: "symbol",
  MinKey: "minKey",
  MaxKey: "maxKey",
  DBRef: "object",
};

/** mongod's type alias for a value (`$type`); `undefined` here means BSON undefined, not a missing field. */
export function bsonTypeName(v: unknown): string {
  switch (typeof v) {
    case "number":
      return isInt32Number(v) ? "int" : "double";
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "undefined":
      return "undefined";
    case "bigint":
      return "long";
    case "function":
      return "javascript";
  }
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (v instanceof Date) return "date";
  if (v instanceof RegExp) return "regex";
  if (ArrayBuffer.isView(v)) return "binData";
  const t = (v as Bsonish)._bsontype;
  if (t === "Code") return (v as { scope?: unknown }).scope ? "javascriptWithScope" : "javascript";
  return (t && BSON_TYPE_NAMES[t]) || "object";
}

/** Numeric codes of the `$type` query operator, by alias. */
export const BSON_TYPE_CODES: Record<string, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

/** Numeric value of any stored number (approximate for int64/decimal beyond 2^53). */
export function numberValue(v: unknown): number {
  if (typeof v === "number") return v;
  const t = (v as Bsonish | null)?._bsontype;
  if (t === "Double" || t === "Int32") return (v as { value: number }).value;
  if (t === "Long") return (v as Long).toNumber();
  if (t === "Decimal128") return Number.parseFloat(String(v));
  return Number.NaN;
}

function toBigInt(v: unknown): bigint {
  if ((v as Bsonish)._bsontype === "Long") return (v as Long).toBigInt();
  return BigInt(numberValue(v));
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Result type of arithmetic on two numbers, as mongod's SafeNum widens: int < long < double < decimal. */
function widest(a: NumericKind, b: NumericKind): NumericKind {
  const order: NumericKind[] = ["int", "long", "double", "decimal"];
  return order[Math.max(order.indexOf(a), order.indexOf(b))]!;
}

/**
 * `a + b` or `a * b` with mongod's types: int32 that overflows becomes int64, anything with a double is a
 * double, anything with a decimal a decimal. Returns null when an int64 result overflows (mongod refuses).
 */
export function arithmetic(op: "add" | "mul", a: unknown, b: unknown): unknown {
  const ka = numericKind(a)!;
  const kb = numericKind(b)!;
  const kind = widest(ka, kb);
  if (kind === "decimal" || kind === "double") {
    const x = numberValue(a);
    const y = numberValue(b);
    const r = op === "add" ? x + y : x * y;
    // bson has no decimal arithmetic; a double result converted back is close enough for a rare type.
    return kind === "decimal" ? Decimal128.fromString(String(r)) : storeDouble(r);
  }
  const r = op === "add" ? toBigInt(a) + toBigInt(b) : toBigInt(a) * toBigInt(b);
  if (kind === "int" && r >= BigInt(INT32_MIN) && r <= BigInt(INT32_MAX)) return Number(r);
  if (r < LONG_MIN || r > LONG_MAX) return null;
  return Long.fromBigInt(r);
}

/** Zero in the type of `like` (`$mul` on a missing field). */
export function zeroLike(like: unknown): unknown {
  switch (numericKind(like)) {
    case "double":
      return new Double(0);
    case "long":
      return Long.ZERO;
    case "decimal":
      return Decimal128.fromString("0");
    default:
      return 0;
  }
}

/** Types of promoted number fields, kept on the promoted copy (non-enumerable) for the `$type` expression. */
export const PROMOTED_TYPES = Symbol("promotedNumberTypes");

function isWrappedNumber(v: unknown): boolean {
  const t = (v as Bsonish | null)?._bsontype;
  return t === "Double" || t === "Long" || t === "Int32";
}

/**
 * A deep copy with number wrappers turned into plain numbers, for mingo's aggregation and expression code,
 * which only computes with JS numbers. Each object that had a wrapper remembers its fields' BSON types.
 */
export function promoteClone<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => (isWrappedNumber(x) ? numberValue(x) : promoteClone(x))) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = {};
  let types: Record<string, string> | null = null;
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (isWrappedNumber(x)) {
      out[k] = numberValue(x);
      (types ??= {})[k] = bsonTypeName(x);
    } else out[k] = promoteClone(x);
  }
  if (types) Object.defineProperty(out, PROMOTED_TYPES, { value: types, enumerable: false });
  return out as T;
}

/** Whether a value holds a number wrapper anywhere. */
export function hasWrappedNumbers(v: unknown): boolean {
  if (v === null || typeof v !== "object") return false;
  if (isWrappedNumber(v)) return true;
  if (Array.isArray(v)) return v.some(hasWrappedNumbers);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in v) if (hasWrappedNumbers((v as Record<string, unknown>)[k])) return true;
  return false;
}

/** Stored documents never change, so their promoted views can be cached by identity. */
const views = new WeakMap<object, object>();

/** The document itself when it holds no wrappers, else a cached promoted copy (never mutate it). */
export function promotedView<T extends object>(doc: T): T {
  let view = views.get(doc);
  if (!view) {
    view = hasWrappedNumbers(doc) ? promoteClone(doc) : doc;
    views.set(doc, view);
  }
  return view as T;
}

/**
 * After an update computed on a promoted copy, puts back the original wrapper wherever the new value is the
 * same number the wrapper held, so fields the update did not touch keep their BSON type.
 */
export function restoreNumberTypes(original: unknown, next: unknown): unknown {
  if (isWrappedNumber(original)) return typeof next === "number" && Object.is(numberValue(original), next) ? original : next;
  if (original === null || next === null || typeof original !== "object" || typeof next !== "object") return next;
  if (Array.isArray(original)) {
    if (!Array.isArray(next)) return next;
    for (let i = 0; i < next.length && i < original.length; i++) next[i] = restoreNumberTypes(original[i], next[i]);
    return next;
  }
  if (Object.getPrototypeOf(next) !== Object.prototype || Object.getPrototypeOf(original) !== Object.prototype) return next;
  const o = original as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  for (const k of Object.keys(n)) if (k in o) n[k] = restoreNumberTypes(o[k], n[k]);
  return next;
}
