/**
 * Test files: a tiny ZIP writer for .docx/.xlsx skeletons and zip bombs (no dependencies, usable from unit tests
 * too).
 */
import { constants, crc32 as zlibCrc32, deflateRawSync } from "node:zlib";

/** One member as it is written: `data` are the bytes in the file (stored or deflated). */
export interface ZipMember {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  crc: number;
  /** Uncompressed size, as declared in the headers. */
  size: number;
  /** Declare the sizes through the zip64 extra field (0xFFFFFFFF in the classic fields). */
  zip64?: boolean;
}

/** Options of {@link writeZip}. */
export interface WriteZipOptions {
  /** Write a zip64 end of central directory record and locator (classic end record saturated). */
  zip64End?: boolean;
  /** Comment after the end record. */
  comment?: string;
}

/** Minimal stored (uncompressed) ZIP with the given members, like a .docx/.xlsx skeleton. */
export function makeZip(members: Record<string, string>): Buffer {
  return writeZip(Object.entries(members).map(([name, content]) => storedMember(name, content)));
}

/** A member stored as is. */
export function storedMember(name: string, content: string | Buffer): ZipMember {
  const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { name, data, method: 0, crc: zlibCrc32(data), size: data.length };
}

/** A member compressed with deflate, as Word and Excel write them. */
export function deflatedMember(name: string, content: string | Buffer): ZipMember {
  const raw = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { name, data: deflateRawSync(raw), method: 8, crc: zlibCrc32(raw), size: raw.length };
}

/**
 * A real bomb member: `mib` MiB of zeros as a valid deflate stream of about `mib` KB, built without ever holding
 * the zeros. One MiB is deflated with a full flush (byte-aligned, no shared history, so every copy is the same
 * bytes), repeated, and closed with an empty final block.
 */
export function zeroBombMember(name: string, mib: number): ZipMember {
  const zeros = Buffer.alloc(1024 * 1024);
  const segment = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const data = Buffer.concat([...Array.from({ length: mib }, () => segment), Buffer.from([0x03, 0x00])]);
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = zlibCrc32(zeros, crc);
  return { name, data, method: 8, crc, size: mib * 1024 * 1024 };
}

/** Writes the members with local headers, a central directory and an end record. */
export function writeZip(members: readonly ZipMember[], options: WriteZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const nameBuf = Buffer.from(m.name, "utf8");
    const extra = m.zip64 ? zip64Extra(m.size, m.data.length, offset) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(m.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(m.method, 8);
    local.writeUInt32LE(m.crc, 14);
    local.writeUInt32LE(m.zip64 ? 0xffffffff : m.data.length, 18);
    local.writeUInt32LE(m.zip64 ? 0xffffffff : m.size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(m.zip64 ? 20 : 0, 28);
    locals.push(local, nameBuf, m.zip64 ? localZip64Extra(m.size, m.data.length) : Buffer.alloc(0), m.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(m.zip64 ? 45 : 20, 4);
    central.writeUInt16LE(m.zip64 ? 45 : 20, 6);
    central.writeUInt16LE(m.method, 10);
    central.writeUInt32LE(m.crc, 16);
    central.writeUInt32LE(m.zip64 ? 0xffffffff : m.data.length, 20);
    central.writeUInt32LE(m.zip64 ? 0xffffffff : m.size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(m.zip64 ? 0xffffffff : offset, 42);
    centrals.push(central, nameBuf, extra);
    offset += 30 + nameBuf.length + (m.zip64 ? 20 : 0) + m.data.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (options.zip64End) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(members.length), 24);
    record.writeBigUInt64LE(BigInt(members.length), 32);
    record.writeBigUInt64LE(BigInt(cd.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const comment = Buffer.from(options.comment ?? "", "utf8");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64End ? 0xffff : members.length, 8);
  end.writeUInt16LE(options.zip64End ? 0xffff : members.length, 10);
  end.writeUInt32LE(options.zip64End ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(options.zip64End ? 0xffffffff : offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, cd, ...tail, end, comment]);
}

/** Zip64 extended information: uncompressed size, compressed size, local header offset. */
function zip64Extra(size: number, compressed: number, offset: number): Buffer {
  const extra = Buffer.alloc(28);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(24, 2);
  extra.writeBigUInt64LE(BigInt(size), 4);
  extra.writeBigUInt64LE(BigInt(compressed), 12);
  extra.writeBigUInt64LE(BigInt(offset), 20);
  return extra;
}

/** The local header's zip64 field: both sizes only. */
function localZip64Extra(size: number, compressed: number): Buffer {
  const extra = Buffer.alloc(20);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(16, 2);
  extra.writeBigUInt64LE(BigInt(size), 4);
  extra.writeBigUInt64LE(BigInt(compressed), 12);
  return extra;
}
