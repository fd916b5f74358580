/**
 * The on-disk record format shared by the journal and the snapshot: `[u32 length][u32 crc32c][BSON]`,
 * little-endian. A record whose length runs past the end of the file or whose checksum does not match is a
 * torn write: reading stops there.
 */
import { serialize, type Document } from "bson";
import { crc32c } from "./crc32c.js";
import { decodeDocument } from "./decode.js";

const HEADER = 8;

/** Frames one record. */
export function encodeRecord(doc: Document): Buffer {
  const body = serialize(doc);
  const out = Buffer.allocUnsafe(HEADER + body.length);
  out.writeUInt32LE(body.length, 0);
  out.writeUInt32LE(crc32c(body), 4);
  out.set(body, HEADER);
  return out;
}

/** Decodes records from `buf`; `validLength` is where the last intact record ends. */
export function decodeRecords(buf: Buffer): { records: Document[]; validLength: number; torn: boolean } {
  const records: Document[] = [];
  let at = 0;
  while (at < buf.length) {
    if (at + HEADER > buf.length) return { records, validLength: at, torn: true };
    const len = buf.readUInt32LE(at);
    const sum = buf.readUInt32LE(at + 4);
    const end = at + HEADER + len;
    if (len < 5 || end > buf.length || crc32c(buf, at + HEADER, end) !== sum) return { records, validLength: at, torn: true };
    try {
      records.push(decodeDocument(buf.subarray(at + HEADER, end)));
    } catch {
      return { records, validLength: at, torn: true };
    }
    at = end;
  }
  return { records, validLength: at, torn: false };
}
