import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflatedMember, makeZip, storedMember, writeZip, zeroBombMember, type ZipMember } from "../../../../test/integration/history/zip.js";
import { makePdf } from "../../seed/files.js";
import { FileSniffer } from "./file-sniffer.js";
import { checkZipDirectory, ZIP_LIMITS } from "./zip-directory.js";

const MiB = 1024 * 1024;

/** Sniffs `data` as an upload would arrive (64 KiB chunks); the type and the directory verdict. */
function sniff(data: Buffer, chunk = 64 * 1024): { type: string | null; problem: string | null } {
  const s = new FileSniffer();
  for (let i = 0; i < data.length; i += chunk) s.push(data.subarray(i, i + chunk));
  return { type: s.result(), problem: s.zipProblem() };
}

/** A docx skeleton around `extra` members, deflated like Word writes it. */
function docx(...extra: ZipMember[]): Buffer {
  return writeZip([
    deflatedMember("[Content_Types].xml", `<?xml version="1.0"?><Types>${"<Override/>".repeat(20)}</Types>`),
    deflatedMember("_rels/.rels", "<Relationships/>"),
    deflatedMember("word/document.xml", `<w:document>${"<w:p><w:r><w:t>Leerlingtelling 1 oktober</w:t></w:r></w:p>".repeat(2000)}</w:document>`),
    ...extra,
  ]);
}

/** A member that declares `size` bytes uncompressed while holding `compressed` random bytes. */
function declared(name: string, size: number, compressed: number): ZipMember {
  const data = randomBytes(compressed);
  return { name, data, method: 8, crc: crc32(data), size };
}

const eocdOf = (zip: Buffer) => zip.length - 22;

describe(checkZipDirectory.name, () => {
  it("accepts normal Office files: stored or deflated, with a comment, zip64 records, big pictures, in any chunking", () => {
    expect(sniff(makeZip({ "[Content_Types].xml": "<T/>", "word/document.xml": "<d/>" }))).toEqual({ type: "docx", problem: null });
    expect(sniff(docx())).toEqual({ type: "docx", problem: null });
    expect(sniff(docx(storedMember("word/media/image1.png", randomBytes(3 * MiB))))).toEqual({ type: "docx", problem: null });
    const sheet = writeZip([deflatedMember("[Content_Types].xml", "<Types/>"), deflatedMember("xl/workbook.xml", "<workbook/>"), deflatedMember("xl/worksheets/sheet1.xml", "<row><c>12</c></row>".repeat(50_000))]);
    expect(sniff(sheet)).toEqual({ type: "xlsx", problem: null });
    for (const chunk of [1, 1000, 10 * MiB]) expect(sniff(sheet, chunk).problem).toBe(null);
    const zip64 = writeZip([{ ...deflatedMember("[Content_Types].xml", "<Types/>"), zip64: true }, { ...deflatedMember("word/document.xml", "<w:document/>"), zip64: true }], { zip64End: true, comment: "Microsoft Office" });
    expect(sniff(zip64)).toEqual({ type: "docx", problem: null });
  });

  it("refuses a real 1 GiB zip bomb of about 1 MB (deflated zeros) and any entry above 1 MiB compressed more than 100:1", () => {
    const bomb = docx(zeroBombMember("word/media/image1.bin", 1024));
    expect(bomb.length).toBeLessThan(1.1 * MiB);
    expect(sniff(bomb)).toEqual({ type: "docx", problem: "compression_ratio" });
    // 8 MiB of zeros is ~8 KB: 1000:1.
    expect(sniff(docx(zeroBombMember("word/media/zeros.bin", 8))).problem).toBe("compression_ratio");
    // The ratio counts only above 1 MiB: exactly 1 MiB of zeros (1000:1) is fine, like a blank picture.
    expect(sniff(docx(zeroBombMember("word/media/blank.bin", 1))).problem).toBe(null);
    // 100:1 exactly is fine, just above is not.
    expect(sniff(docx(declared("word/a.bin", 100 * 20_000, 20_000))).problem).toBe(null);
    expect(sniff(docx(declared("word/a.bin", 100 * 20_000 + 1, 20_000))).problem).toBe("compression_ratio");
  });

  it("refuses more than 100 MiB declared uncompressed in total, also when it hides in zip64 fields", () => {
    expect(sniff(docx(declared("word/a.bin", 48 * MiB, MiB), declared("word/b.bin", 50 * MiB, MiB))).problem).toBe(null);
    expect(sniff(docx(declared("word/a.bin", 50 * MiB, MiB), declared("word/b.bin", 50 * MiB, MiB))).problem).toBe("too_large_uncompressed");
    // 1 GiB declared through zip64, compressed 16 MiB "worth" (ratio 64:1): too large, not a ratio problem.
    const hidden = { ...declared("word/a.bin", 1024 * MiB, 16 * MiB), zip64: true };
    expect(sniff(docx(hidden)).problem).toBe("too_large_uncompressed");
  });

  it("refuses more than 2,000 entries and accepts exactly 2,000", () => {
    const parts = (n: number) => [storedMember("[Content_Types].xml", "<T/>"), ...Array.from({ length: n - 1 }, (_, i) => storedMember(`word/p${i}.xml`, "<p/>"))];
    expect(sniff(writeZip(parts(ZIP_LIMITS.maxEntries)))).toEqual({ type: "docx", problem: null });
    expect(sniff(writeZip(parts(ZIP_LIMITS.maxEntries + 1))).problem).toBe("too_many_entries");
    // The count in the end record alone is enough to refuse, before reading any header.
    const zip = makeZip({ "[Content_Types].xml": "<T/>", "word/document.xml": "<d/>" });
    zip.writeUInt16LE(40_000, eocdOf(zip) + 8);
    zip.writeUInt16LE(40_000, eocdOf(zip) + 10);
    expect(sniff(zip).problem).toBe("too_many_entries");
  });

  it("refuses malformed or inconsistent directories", () => {
    const good = () => docx();
    const cases: Record<string, Buffer> = {
      truncated: good().subarray(0, -1),
      "bytes after the end record": Buffer.concat([good(), Buffer.from("x")]),
      "no end record": good().subarray(0, eocdOf(good())),
      "count too high": (() => {
        const z = good();
        z.writeUInt16LE(4, eocdOf(z) + 8);
        z.writeUInt16LE(4, eocdOf(z) + 10);
        return z;
      })(),
      "count too low": (() => {
        const z = good();
        z.writeUInt16LE(2, eocdOf(z) + 8);
        z.writeUInt16LE(2, eocdOf(z) + 10);
        return z;
      })(),
      "directory offset off by one": (() => {
        const z = good();
        z.writeUInt32LE(z.readUInt32LE(eocdOf(z) + 16) + 1, eocdOf(z) + 16);
        return z;
      })(),
      "multi-disk": (() => {
        const z = good();
        z.writeUInt16LE(1, eocdOf(z) + 4);
        return z;
      })(),
      "a compressed size past the directory": (() => {
        const z = good();
        const cd = z.readUInt32LE(eocdOf(z) + 16);
        z.writeUInt32LE(z.length, cd + 20);
        return z;
      })(),
      "zip64 marker without zip64 field": (() => {
        const z = good();
        const cd = z.readUInt32LE(eocdOf(z) + 16);
        z.writeUInt32LE(0xffffffff, cd + 24);
        return z;
      })(),
      // A "better zip bomb" points many directory entries at one compressed stream.
      "overlapping entries": (() => {
        const z = good();
        const cd = z.readUInt32LE(eocdOf(z) + 16);
        const second = cd + 46 + z.readUInt16LE(cd + 28) + z.readUInt16LE(cd + 30) + z.readUInt16LE(cd + 32);
        z.writeUInt32LE(0, second + 42);
        return z;
      })(),
    };
    for (const [name, zip] of Object.entries(cases)) expect.soft(sniff(zip).problem, name).toBe("malformed");
  });

  it("refuses a directory too big for the kept tail instead of buffering more, and leaves other files alone", () => {
    // 20 entries with 64 KiB comments each: 1.3 MiB of directory, more than an Office file ever has.
    const comments = writeZip(Array.from({ length: 20 }, (_, i) => storedMember(`word/p${i}.xml`, "<p/>")));
    const withComments = addCentralComments(comments, 0xffff);
    expect(withComments.length).toBeGreaterThan(ZIP_LIMITS.tailBytes);
    expect(checkZipDirectory(withComments, withComments.length)).toBe(null);
    expect(sniff(withComments).problem).toBe("malformed");
    expect(sniff(makePdf("x", ["y"])).problem).toBe(null);
    expect(sniff(Buffer.from("Beste helpdesk,\n")).problem).toBe(null);
  });
});

/** Rewrites `zip` with a comment of `length` bytes on every central directory entry. */
function addCentralComments(zip: Buffer, length: number): Buffer {
  const end = eocdOf(zip);
  const cdAt = zip.readUInt32LE(end + 16);
  const entries = zip.readUInt16LE(end + 10);
  const parts: Buffer[] = [zip.subarray(0, cdAt)];
  let p = cdAt;
  for (let i = 0; i < entries; i++) {
    const size = 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const header = Buffer.from(zip.subarray(p, p + size));
    header.writeUInt16LE(length, 32);
    parts.push(header, Buffer.alloc(length, 0x20));
    p += size;
  }
  const cdSize = parts.slice(1).reduce((n, b) => n + b.length, 0);
  const record = Buffer.from(zip.subarray(end));
  record.writeUInt32LE(cdSize, 12);
  return Buffer.concat([...parts, record]);
}
