/**
 * Checks the central directory of a ZIP container (docx, xlsx) before the file is accepted, without
 * decompressing anything: a zip bomb (1 MB on disk, 1 GiB once opened) would otherwise be stored and handed to
 * whoever opens it at the helpdesk (Word, Excel, a virus scanner, a search indexer).
 *
 * The central directory and the end-of-central-directory record sit at the end of the file, so the sniffer keeps
 * only the last {@link ZIP_LIMITS.tailBytes} bytes; a directory that does not fit there is refused (Office files
 * of up to 2,000 parts have directories far smaller than that). Zip64 records are read, so sizes cannot hide
 * behind 0xFFFFFFFF.
 *
 * Refused ({@link ZipProblem}): more than 2,000 entries, more than 100 MiB declared uncompressed in total, an
 * entry above 1 MiB uncompressed that is more than 100 times its compressed size, and a directory that is
 * malformed or inconsistent (truncated, multi-disk, a count or size that does not add up, entries pointing past
 * the directory or overlapping each other — overlapping entries are how "better zip bombs" reuse one
 * compressed stream many times).
 */

export const ZIP_LIMITS = {
  maxEntries: 2000,
  maxTotalUncompressed: 100 * 1024 * 1024,
  /** Largest uncompressed/compressed ratio of one entry… */
  maxRatio: 100,
  /** …for entries larger than this uncompressed (small XML parts compress far better than 100:1 sometimes). */
  ratioFromBytes: 1024 * 1024,
  /** Bytes kept from the end of the file: the directory plus the end record with its longest comment. */
  tailBytes: 1024 * 1024 + 22 + 0xffff,
} as const;

/** Why a ZIP was refused; sent as `details.reason` of `file_rejected_archive`. */
export type ZipProblem = "too_many_entries" | "too_large_uncompressed" | "compression_ratio" | "malformed";

const EOCD = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_EOCD_SIZE = 56;
const CENTRAL = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** What the directory says about one entry. */
interface Entry {
  compressed: number;
  uncompressed: number;
  offset: number;
  nameLength: number;
}

/** Where the directory is and how many entries it claims. */
interface Directory {
  entries: number;
  offset: number;
  size: number;
  /** Where the directory must end: the zip64 end record when there is one, else the end record. */
  endsAt: number;
}

/** Thrown inside this module for anything that does not add up; becomes "malformed". */
class Malformed extends Error {}

/**
 * Checks the directory of a ZIP of `fileSize` bytes whose last bytes are `tail` (all of it when it is small).
 * Returns the first problem found, or null when the file may be accepted.
 */
export function checkZipDirectory(tail: Buffer, fileSize: number): ZipProblem | null {
  try {
    const tailStart = fileSize - tail.length;
    if (tailStart < 0) throw new Malformed("tail longer than file");
    const at = (absolute: number, length: number) => {
      const rel = absolute - tailStart;
      if (absolute < 0 || rel < 0 || rel + length > tail.length) throw new Malformed("outside the kept tail");
      return rel;
    };
    const dir = readDirectory(tail, tailStart, fileSize, at);
    if (dir.entries > ZIP_LIMITS.maxEntries) return "too_many_entries";
    if (dir.offset + dir.size !== dir.endsAt) throw new Malformed("directory does not end at the end record");
    const entries = readEntries(tail, at(dir.offset, dir.size), dir);
    let total = 0;
    for (const e of entries) {
      total += e.uncompressed;
      if (e.uncompressed > ZIP_LIMITS.ratioFromBytes && e.uncompressed > e.compressed * ZIP_LIMITS.maxRatio) return "compression_ratio";
    }
    if (total > ZIP_LIMITS.maxTotalUncompressed) return "too_large_uncompressed";
    checkLayout(entries, dir.offset);
    return null;
  } catch (err) {
    if (err instanceof Malformed || err instanceof RangeError) return "malformed";
    throw err;
  }
}

/** Finds the end record (and the zip64 one when the classic fields are saturated). */
function readDirectory(tail: Buffer, tailStart: number, fileSize: number, at: (abs: number, len: number) => number): Directory {
  // The end record is the last thing in the file, followed only by its comment (at most 65,535 bytes).
  let eocd = -1;
  for (let i = tail.length - EOCD_SIZE; i >= Math.max(0, tail.length - EOCD_SIZE - U16_MAX); i--) {
    if (tail.readUInt32LE(i) === EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Malformed("no end of central directory");
  const disk = tail.readUInt16LE(eocd + 4);
  const dirDisk = tail.readUInt16LE(eocd + 6);
  const onDisk = tail.readUInt16LE(eocd + 8);
  let entries = tail.readUInt16LE(eocd + 10);
  let size = tail.readUInt32LE(eocd + 12);
  let offset = tail.readUInt32LE(eocd + 16);
  let endsAt = tailStart + eocd;
  if (disk !== 0 || dirDisk !== 0 || onDisk !== entries) throw new Malformed("multi-disk archive");
  if (entries === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    const locator = at(tailStart + eocd - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
    if (tail.readUInt32LE(locator) !== ZIP64_LOCATOR || tail.readUInt32LE(locator + 4) !== 0 || tail.readUInt32LE(locator + 16) !== 1) {
      throw new Malformed("bad zip64 locator");
    }
    const recordAt = safeNumber(tail.readBigUInt64LE(locator + 8));
    if (recordAt + ZIP64_EOCD_SIZE > tailStart + locator) throw new Malformed("zip64 record overlaps its locator");
    const record = at(recordAt, ZIP64_EOCD_SIZE);
    if (tail.readUInt32LE(record) !== ZIP64_EOCD || tail.readUInt32LE(record + 16) !== 0 || tail.readUInt32LE(record + 20) !== 0) {
      throw new Malformed("bad zip64 end record");
    }
    const onDisk64 = safeNumber(tail.readBigUInt64LE(record + 24));
    entries = safeNumber(tail.readBigUInt64LE(record + 32));
    if (onDisk64 !== entries) throw new Malformed("multi-disk archive");
    size = safeNumber(tail.readBigUInt64LE(record + 40));
    offset = safeNumber(tail.readBigUInt64LE(record + 48));
    endsAt = recordAt;
  }
  if (offset + size > fileSize) throw new Malformed("directory past the end of the file");
  return { entries, offset, size, endsAt };
}

/** Reads exactly `dir.entries` directory headers filling exactly `dir.size` bytes from `start` in `tail`. */
function readEntries(tail: Buffer, start: number, dir: Directory): Entry[] {
  const end = start + dir.size;
  const entries: Entry[] = [];
  let p = start;
  while (p < end) {
    if (entries.length >= dir.entries) throw new Malformed("more headers than the end record says");
    if (p + CENTRAL_SIZE > end || tail.readUInt32LE(p) !== CENTRAL) throw new Malformed("bad central header");
    const nameLength = tail.readUInt16LE(p + 28);
    const extraLength = tail.readUInt16LE(p + 30);
    const commentLength = tail.readUInt16LE(p + 32);
    const next = p + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > end) throw new Malformed("central header past the directory");
    const entry: Entry = { compressed: tail.readUInt32LE(p + 20), uncompressed: tail.readUInt32LE(p + 24), offset: tail.readUInt32LE(p + 42), nameLength };
    if (entry.uncompressed === U32_MAX || entry.compressed === U32_MAX || entry.offset === U32_MAX) {
      readZip64Extra(tail.subarray(p + CENTRAL_SIZE + nameLength, p + CENTRAL_SIZE + nameLength + extraLength), entry);
    }
    entries.push(entry);
    p = next;
  }
  if (entries.length !== dir.entries) throw new Malformed("fewer headers than the end record says");
  return entries;
}

/** Replaces the saturated fields of `entry` by the zip64 extended information extra field (id 0x0001). */
function readZip64Extra(extra: Buffer, entry: Entry): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const length = extra.readUInt16LE(q + 2);
    if (q + 4 + length > extra.length) break;
    if (id === 0x0001) {
      // Only the saturated fields are present, always in this order.
      let r = q + 4;
      const take = () => {
        if (r + 8 > q + 4 + length) throw new Malformed("short zip64 extra field");
        const v = safeNumber(extra.readBigUInt64LE(r));
        r += 8;
        return v;
      };
      if (entry.uncompressed === U32_MAX) entry.uncompressed = take();
      if (entry.compressed === U32_MAX) entry.compressed = take();
      if (entry.offset === U32_MAX) entry.offset = take();
      return;
    }
    q += 4 + length;
  }
  throw new Malformed("saturated size without zip64 extra field");
}

/**
 * Every entry's local header and data must lie before the directory and not overlap the next entry. Local and
 * central names are equal, so `30 + name + compressed` is a lower bound of what the entry occupies.
 */
function checkLayout(entries: Entry[], directoryOffset: number): void {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    const limit = i + 1 < sorted.length ? sorted[i + 1]!.offset : directoryOffset;
    if (e.offset + LOCAL_HEADER_SIZE + e.nameLength + e.compressed > limit) throw new Malformed("entries overlap");
  }
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Malformed("64-bit value out of range");
  return Number(value);
}
