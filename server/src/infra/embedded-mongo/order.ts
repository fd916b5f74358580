/**
 * BSON comparison order, as mongod uses it for sort and for index keys:
 * MinKey < null/undefined/missing < numbers < strings/symbols < objects < arrays < BinData < ObjectId < booleans
 * < dates < timestamps < regexes < code < MaxKey. mingo's own comparator orders unknown classes (ObjectId,
 * Binary, …) last, so the store sorts and indexes with this one instead.
 */

type Bsonish = { _bsontype?: string };

/** Canonical rank of a value's BSON type in the comparison order. */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  switch (typeof v) {
    case "number":
    case "bigint":
      return 3;
    case "string":
      return 4;
    case "boolean":
      return 9;
    case "function":
      return 14;
  }
  if (Array.isArray(v)) return 6;
  if (v instanceof Date) return 10;
  if (v instanceof RegExp) return 12;
  if (ArrayBuffer.isView(v)) return 7;
  const t = (v as Bsonish)._bsontype;
  switch (t) {
    case undefined:
      return 5;
    case "MinKey":
      return 1;
    case "Long":
    case "Int32":
    case "Double":
    case "Decimal128":
      return 3;
    case "BSONSymbol":
      return 4;
    case "DBRef":
      return 5;
    case "Binary":
      return 7;
    case "ObjectId":
      return 8;
    case "Timestamp":
      return 11;
    case "BSONRegExp":
      return 12;
    case "Code":
      return 13;
    case "MaxKey":
      return 15;
    default:
      return 5;
  }
}

/** Numeric value of any BSON number (approximate for Long/Decimal128 beyond 2^53, which is fine for order). */
export function toNumber(v: unknown): number {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  const t = (v as Bsonish)._bsontype;
  if (t === "Long" || t === "Timestamp") return (v as { toNumber(): number }).toNumber();
  if (t === "Int32" || t === "Double") return (v as { value: number }).value;
  if (t === "Decimal128") return Number.parseFloat(String(v));
  return Number.NaN;
}

function cmpPrim<T extends string | number | boolean>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** Compares two BSON values in mongod's order; 0 means "equal" for index and `$eq` purposes. */
export function compareBson(a: unknown, b: unknown): number {
  if (a === b) return 0;
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
    case 2:
    case 15:
      return 0;
    case 3: {
      // Two int64s compare exactly (their doubles can collide beyond 2^53).
      if ((a as Bsonish)._bsontype === "Long" && (b as Bsonish)._bsontype === "Long") return (a as { compare(o: unknown): number }).compare(b);
      const x = toNumber(a);
      const y = toNumber(b);
      // mongod sorts NaN below every other number.
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return cmpPrim(x, y);
    }
    case 4:
      return cmpPrim(String(a), String(b));
    case 5:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case 6: {
      const xs = a as unknown[];
      const ys = b as unknown[];
      const n = Math.min(xs.length, ys.length);
      for (let i = 0; i < n; i++) {
        const c = compareBson(xs[i], ys[i]);
        if (c !== 0) return c;
      }
      return cmpPrim(xs.length, ys.length);
    }
    case 7: {
      const ba = binaryParts(a);
      const bb = binaryParts(b);
      if (ba.bytes.length !== bb.bytes.length) return ba.bytes.length < bb.bytes.length ? -1 : 1;
      if (ba.subtype !== bb.subtype) return ba.subtype < bb.subtype ? -1 : 1;
      return cmpBytes(ba.bytes, bb.bytes);
    }
    case 8:
      return cmpPrim((a as { toHexString(): string }).toHexString(), (b as { toHexString(): string }).toHexString());
    case 9:
      return cmpPrim(a as boolean, b as boolean);
    case 10:
      return cmpPrim((a as Date).getTime(), (b as Date).getTime());
    case 11: {
      const ta = a as { high: number; low: number };
      const tb = b as { high: number; low: number };
      const c = cmpPrim(ta.high >>> 0, tb.high >>> 0);
      return c !== 0 ? c : cmpPrim(ta.low >>> 0, tb.low >>> 0);
    }
    case 12: {
      const pa = regexParts(a);
      const pb = regexParts(b);
      return cmpPrim(pa.source, pb.source) || cmpPrim(pa.flags, pb.flags);
    }
    default:
      return cmpPrim(String(a), String(b));
  }
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const va = a[ka[i]!];
    const vb = b[kb[i]!];
    const tr = typeRank(va) - typeRank(vb);
    if (tr !== 0) return tr < 0 ? -1 : 1;
    const kc = cmpPrim(ka[i]!, kb[i]!);
    if (kc !== 0) return kc;
    const vc = compareBson(va, vb);
    if (vc !== 0) return vc;
  }
  return cmpPrim(ka.length, kb.length);
}

function binaryParts(v: unknown): { subtype: number; bytes: Uint8Array } {
  if (ArrayBuffer.isView(v)) return { subtype: 0, bytes: new Uint8Array(v.buffer, v.byteOffset, v.byteLength) };
  const b = v as { sub_type: number; value(): Uint8Array };
  return { subtype: b.sub_type, bytes: b.value() };
}

function regexParts(v: unknown): { source: string; flags: string } {
  if (v instanceof RegExp) return { source: v.source, flags: v.flags };
  const r = v as { pattern: string; options: string };
  return { source: r.pattern, flags: r.options };
}

/**
 * A string that is equal for two values exactly when compareBson says they are equal (for the types that
 * can be `_id`s), so `_id`s can key a Map. Numbers of any BSON type collapse to one form, like in mongod.
 */
export function idKey(v: unknown): string {
  switch (typeof v) {
    case "string":
      return "s" + v;
    case "number":
      return "n" + (Object.is(v, -0) ? 0 : v);
    case "boolean":
      return v ? "bt" : "bf";
    case "undefined":
      return "z";
  }
  if (v === null) return "z";
  const t = (v as Bsonish)._bsontype;
  if (t === "ObjectId") return "o" + (v as { toHexString(): string }).toHexString();
  const r = typeRank(v);
  if (r === 3) {
    const n = toNumber(v);
    // An int64 no double can represent equals no other number type; key it by its exact digits.
    if (t === "Long" && !Number.isSafeInteger(n)) return "L" + String(v);
    return "n" + (Object.is(n, -0) ? 0 : n);
  }
  if (v instanceof Date) return "d" + v.getTime();
  if (r === 7) {
    const p = binaryParts(v);
    return "b" + p.subtype + ":" + Buffer.from(p.bytes).toString("base64");
  }
  if (r === 5 || r === 6) {
    const entries = Array.isArray(v)
      ? v.map(idKey)
      : Object.entries(v as Record<string, unknown>).map(([k, x]) => JSON.stringify(k) + ":" + idKey(x));
    return (r === 5 ? "{" : "[") + entries.join(",") + (r === 5 ? "}" : "]");
  }
  return "x" + r + ":" + String(v);
}

/**
 * Exact identity of two BSON values: same types (an int32 3 is not a double 3.0), same field order, same
 * values. mongod reports a document as modified when its bytes change, so updates use this, not the
 * comparison order.
 */
export function sameBson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (typeof a === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== "object") return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameBson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const pa = Object.getPrototypeOf(a);
  if (pa !== Object.getPrototypeOf(b)) return false;
  if (pa === Object.prototype || pa === null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b as object);
    if (ka.length !== kb.length) return false;
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i] || !sameBson((a as Record<string, unknown>)[ka[i]!], (b as Record<string, unknown>)[kb[i]!])) return false;
    }
    return true;
  }
  if ((a as Bsonish)._bsontype === "Double") return Object.is((a as { value: number }).value, (b as { value: number }).value);
  // Same class (Date, ObjectId, Long, Binary, …): equal in the comparison order means the same value.
  return compareBson(a, b) === 0;
}
