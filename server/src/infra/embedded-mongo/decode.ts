/**
 * Decoding BSON from the wire and from disk into the store's number representation (see numbers.ts).
 * Decoding with promoted values is fast and exact unless the bytes hold an int64 or a double with an integral
 * int32-range value, so a byte scan checks for those first; only then is the document decoded with wrappers
 * and brought into the store's form.
 */
import { deserialize, type Document } from "bson";
import { storeDouble } from "./numbers.js";

/** BSON options for everything the store reads from the wire or from disk. */
export const DESERIALIZE_OPTIONS = { promoteBuffers: false, validation: { utf8: false } } as const;
const EXACT_OPTIONS = { ...DESERIALIZE_OPTIONS, promoteValues: false, promoteLongs: false } as const;

/**
 * True when promoted decoding of the document in `buf` would change a number's type. Walks elements flat:
 * an embedded document or array is just its length followed by more elements and a terminating 0. Anything
 * unexpected answers true, so the full decoder sees (and rejects) it.
 */
export function needsExactDecode(buf: Uint8Array, view: DataView): boolean {
  const end = buf.length;
  let i = 4;
  while (i < end) {
    const type = buf[i++]!;
    if (type === 0) continue;
    const nameEnd = buf.indexOf(0, i);
    if (nameEnd < 0) return true;
    i = nameEnd + 1;
    switch (type) {
      case 0x01: {
        if (i + 8 > end) return true;
        const x = view.getFloat64(i, true);
        if (Number.isInteger(x) && x >= -2147483648 && x <= 2147483647 && !Object.is(x, -0)) return true;
        i += 8;
        break;
      }
      case 0x02: // string
      case 0x0d: // code
      case 0x0e: // symbol
        if (i + 4 > end) return true;
        i += 4 + view.getInt32(i, true);
        break;
      case 0x03: // document
      case 0x04: // array
        i += 4;
        break;
      case 0x05:
        if (i + 4 > end) return true;
        i += 5 + view.getInt32(i, true);
        break;
      case 0x06: // undefined
      case 0x0a: // null
      case 0xff: // minKey
      case 0x7f: // maxKey
        break;
      case 0x07:
        i += 12;
        break;
      case 0x08:
        i += 1;
        break;
      case 0x09: // date
      case 0x11: // timestamp
        i += 8;
        break;
      case 0x0b: {
        const p = buf.indexOf(0, i);
        const o = p < 0 ? -1 : buf.indexOf(0, p + 1);
        if (o < 0) return true;
        i = o + 1;
        break;
      }
      case 0x0c: // dbPointer: string + ObjectId
        if (i + 4 > end) return true;
        i += 4 + view.getInt32(i, true) + 12;
        break;
      case 0x0f: // code with scope: total length includes itself
        if (i + 4 > end) return true;
        i += view.getInt32(i, true);
        break;
      case 0x10:
        i += 4;
        break;
      case 0x12: // int64
        return true;
      case 0x13:
        i += 16;
        break;
      default:
        return true;
    }
  }
  return false;
}

/** Brings a document decoded with wrappers into the store's form, in place. */
function canonical(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = canonical(v[i]);
    return v;
  }
  switch ((v as { _bsontype?: string })._bsontype) {
    case undefined:
      break;
    case "Int32":
      return (v as { value: number }).value;
    case "Double":
      return storeDouble((v as { value: number }).value);
    case "BSONSymbol":
      // Promoted decoding has always turned symbols into strings; keep that.
      return String((v as { value: string }).value);
    default:
      return v;
  }
  if (v instanceof Date || v instanceof RegExp) return v;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) o[k] = canonical(o[k]);
  return o;
}

/** Decodes one BSON document (exactly the bytes of `buf`) into the store's representation. */
export function decodeDocument(buf: Uint8Array): Document {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (!needsExactDecode(buf, view)) return deserialize(buf, DESERIALIZE_OPTIONS);
  return canonical(deserialize(buf, EXACT_OPTIONS)) as Document;
}
