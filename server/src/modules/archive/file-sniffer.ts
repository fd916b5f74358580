/**
 * Decides a file's type from its bytes, as they stream past, against the upload allow-list (pdf, docx, xlsx,
 * png, jpg, txt). The name a browser sends is never trusted: a renamed `.html` is text that starts like HTML
 * and is refused; an SVG is XML and is refused; a `.docx` must really be a ZIP with `[Content_Types].xml` and a
 * `word/` part.
 *
 * ZIP member names are read from the local file headers (`PK\x03\x04`) and central directory headers
 * (`PK\x01\x02`) while streaming, so nothing is buffered beyond a small carry-over between chunks — and, for
 * a ZIP, its last {@link ZIP_LIMITS.tailBytes} bytes, where the central directory is: {@link zipProblem} checks
 * it against zip bombs (see zip-directory.ts).
 */
import type { UploadType } from "../../contracts/api/history.js";
import { checkZipDirectory, ZIP_LIMITS, type ZipProblem } from "./zip-directory.js";

const PDF = Buffer.from("%PDF-", "latin1");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0c]);
/** Bytes kept from the start: enough for every signature and the start of a text file. */
const HEAD_BYTES = 64;
/** Member names longer than this are not interesting (and a bogus header inside compressed data is skipped). */
const MAX_NAME = 1024;

/** Streaming type detection: {@link push} every chunk, then read {@link result}. */
export class FileSniffer {
  private head = Buffer.alloc(0);
  private size = 0;
  private kind: "unknown" | "pdf" | "png" | "jpg" | "zip" | "text" = "unknown";
  private carry = Buffer.alloc(0);
  private hasContentTypes = false;
  private hasWord = false;
  private hasXl = false;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private textOk = true;
  /** First byte that is not whitespace (null: none yet). */
  private firstVisible: number | null = null;
  /** The last chunks of a (possible) ZIP, together at least {@link ZIP_LIMITS.tailBytes} long when the file is. */
  private tail: Buffer[] = [];
  private tailLength = 0;

  /** Bytes seen so far. */
  get bytes(): number {
    return this.size;
  }

  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.head.length < HEAD_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
      if (this.kind === "unknown" && this.head.length >= 8) this.kind = this.classifyHead();
      if (this.kind !== "zip" && this.kind !== "unknown") this.tail = [];
    }
    // Until the head is classified, keep every chunk for the ZIP and text checks (at most HEAD_BYTES long).
    if (this.kind === "zip" || this.kind === "unknown") {
      this.scanZip(chunk);
      this.keepTail(chunk);
    }
    if (this.kind === "text" || this.kind === "unknown") this.checkText(chunk);
  }

  /** The detected allowed type, or null when the content is not one of them (or empty). */
  result(): UploadType | null {
    if (this.kind === "unknown") this.kind = this.classifyHead();
    switch (this.kind) {
      case "pdf":
      case "png":
      case "jpg":
        return this.kind;
      case "zip":
        if (!this.hasContentTypes) return null;
        if (this.hasWord && !this.hasXl) return "docx";
        if (this.hasXl && !this.hasWord) return "xlsx";
        return null;
      case "text":
        return this.finishText() ? "txt" : null;
      default:
        return null;
    }
  }

  /**
   * For a ZIP: why its central directory is refused (zip bomb, malformed), or null when it passes. Null for
   * anything that is not a ZIP. Call after the last {@link push}.
   */
  zipProblem(): ZipProblem | null {
    if (this.kind !== "zip") return null;
    const tail = Buffer.concat(this.tail);
    return checkZipDirectory(tail.subarray(Math.max(0, tail.length - ZIP_LIMITS.tailBytes)), this.size);
  }

  private keepTail(chunk: Buffer): void {
    this.tail.push(chunk);
    this.tailLength += chunk.length;
    // Drop whole chunks from the front while the rest still covers the window: no copying per chunk.
    while (this.tail.length > 1 && this.tailLength - this.tail[0]!.length >= ZIP_LIMITS.tailBytes) {
      this.tailLength -= this.tail.shift()!.length;
    }
  }

  private classifyHead(): FileSniffer["kind"] {
    const h = this.head;
    if (h.length === 0) return "unknown";
    if (startsWith(h, PDF)) return "pdf";
    if (startsWith(h, PNG)) return "png";
    if (startsWith(h, JPEG)) return "jpg";
    if (startsWith(h, ZIP_LOCAL)) return "zip";
    return "text";
  }

  private scanZip(chunk: Buffer): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let i = 0;
    let keepFrom = Math.max(0, buf.length - 3);
    while (i <= buf.length - 4) {
      const at = buf.indexOf(0x50, i);
      if (at < 0 || at > buf.length - 4) break;
      const local = buf[at + 1] === ZIP_LOCAL[1] && buf[at + 2] === ZIP_LOCAL[2] && buf[at + 3] === ZIP_LOCAL[3];
      const central = buf[at + 1] === ZIP_CENTRAL[1] && buf[at + 2] === ZIP_CENTRAL[2] && buf[at + 3] === ZIP_CENTRAL[3];
      if (!local && !central) {
        i = at + 1;
        continue;
      }
      const lenAt = at + (local ? 26 : 28);
      const nameAt = at + (local ? 30 : 46);
      if (lenAt + 2 > buf.length) {
        keepFrom = at;
        break;
      }
      const nameLength = buf.readUInt16LE(lenAt);
      if (nameLength === 0 || nameLength > MAX_NAME) {
        i = at + 4;
        continue;
      }
      if (nameAt + nameLength > buf.length) {
        keepFrom = at;
        break;
      }
      this.member(buf.toString("latin1", nameAt, nameAt + nameLength));
      i = nameAt + nameLength;
    }
    this.carry = Buffer.from(buf.subarray(Math.min(keepFrom, Math.max(i, buf.length - 3))));
  }

  private member(name: string): void {
    if (name === "[Content_Types].xml") this.hasContentTypes = true;
    else if (name.startsWith("word/")) this.hasWord = true;
    else if (name.startsWith("xl/")) this.hasXl = true;
  }

  private checkText(chunk: Buffer): void {
    if (!this.textOk) return;
    if (chunk.includes(0)) {
      this.textOk = false;
      return;
    }
    if (this.firstVisible === null) {
      // The BOM only counts at the very start of the file.
      let i = this.size === chunk.length && startsWith(chunk, UTF8_BOM) ? UTF8_BOM.length : 0;
      while (i < chunk.length && WHITESPACE.has(chunk[i]!)) i++;
      if (i < chunk.length) this.firstVisible = chunk[i]!;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.textOk = false;
    }
  }

  private finishText(): boolean {
    if (!this.textOk || this.firstVisible === null) return false;
    try {
      this.decoder.decode();
    } catch {
      return false;
    }
    // Not markup: text whose first visible character is `<` may be HTML, SVG or XML, which a browser would render.
    return this.firstVisible !== 0x3c;
  }
}

function startsWith(buf: Buffer, prefix: Buffer): boolean {
  return buf.length >= prefix.length && buf.subarray(0, prefix.length).equals(prefix);
}
