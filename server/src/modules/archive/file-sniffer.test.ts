import { describe, expect, it } from "vitest";
import { makePdf } from "../../seed/files.js";
import { makeZip } from "../../../../test/integration/history/zip.js";
import { attachmentHeader, safeFilename } from "./archive-files.js";
import { FileSniffer } from "./file-sniffer.js";

/** Sniffs `data` pushed in chunks of `size` bytes. */
function sniff(data: Buffer | string, size = 7): string | null {
  const buf = typeof data === "string" ? Buffer.from(data) : data;
  const s = new FileSniffer();
  for (let i = 0; i < buf.length; i += size) s.push(buf.subarray(i, i + size));
  return s.result();
}

describe(FileSniffer.name, () => {
  it("recognises the allowed types by content, whatever the chunking", () => {
    for (const size of [1, 3, 7, 64, 100_000]) {
      expect(sniff(makePdf("a", ["b"]), size)).toBe("pdf");
      expect(sniff(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(10)]), size)).toBe("png");
      expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0, 0, 0, 0]), size)).toBe("jpg");
      expect(sniff(makeZip({ "[Content_Types].xml": "<T/>", "word/document.xml": "<d/>" }), size)).toBe("docx");
      expect(sniff(makeZip({ "[Content_Types].xml": "<T/>", "xl/workbook.xml": "<w/>" }), size)).toBe("xlsx");
      expect(sniff("Gewoon tekst met é en €.\n", size)).toBe("txt");
    }
  });

  it("refuses markup, binaries, invalid UTF-8, plain ZIPs and empty files", () => {
    expect(sniff("<!doctype html><p>hoi")).toBeNull();
    expect(sniff("   \n\t<svg/>")).toBeNull();
    expect(sniff("\uFEFF<?xml version='1.0'?><svg/>")).toBeNull();
    expect(sniff(Buffer.from([0x61, 0x00, 0x62]))).toBeNull();
    expect(sniff(Buffer.from([0x61, 0xc3]))).toBeNull(); // truncated sequence at the end
    expect(sniff(makeZip({ "a.txt": "x" }))).toBeNull();
    expect(sniff(makeZip({ "[Content_Types].xml": "<T/>", "word/a.xml": "x", "xl/b.xml": "y" }))).toBeNull();
    expect(sniff("")).toBeNull();
    expect(sniff("   \n")).toBeNull();
    expect(sniff("GIF89a......")).toBe("txt"); // printable text stays text; served as text/plain, nosniff
  });
});

describe(safeFilename.name, () => {
  it("strips paths and reserved characters and ends in the detected type's extension", () => {
    expect(safeFilename("C:\\fakepath\\brief.pdf", "pdf")).toBe("brief.pdf");
    expect(safeFilename("../../etc/passwd", "txt")).toBe("passwd.txt");
    expect(safeFilename("rapport.html", "pdf")).toBe("rapport.html.pdf");
    expect(safeFilename("foto.JPEG", "jpg")).toBe("foto.JPEG");
    expect(safeFilename('a%22b%0Ac"<>.pdf', "pdf")).toBe("abc.pdf");
    expect(safeFilename("...", "png")).toBe("document.png");
    expect(safeFilename(`${"x".repeat(300)}.pdf`, "pdf")).toHaveLength(120);
  });

  it("builds an attachment header with an ASCII fallback and the UTF-8 name", () => {
    expect(attachmentHeader("Ëvaluatie 100%.pdf")).toBe(`attachment; filename="Evaluatie 100_.pdf"; filename*=UTF-8''%C3%8Bvaluatie%20100%25.pdf`);
  });
});
