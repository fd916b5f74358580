/**
 * Receives one `multipart/form-data` upload: text fields plus one `file` part, streamed straight into GridFS
 * (never held in memory) while {@link FileSniffer} decides its type from the bytes. Everything is checked
 * before an archive item may point at the file; a refused or aborted upload leaves no chunks behind (and the
 * chunks of an upload whose process died are removed later by jobs/orphan-chunk-sweeper.ts).
 *
 * Errors: 413 `file_too_large` past `maxBytes` (exactly `maxBytes` is fine), 415 `file_type_not_allowed` when the
 * content is not an allowed type, 422 `file_rejected_archive` for a docx/xlsx whose ZIP directory is a zip bomb or
 * malformed (see zip-directory.ts; `details.reason` says which), 400 `validation_failed` for a request that is not
 * multipart, has no file, has an empty file or bad fields.
 */
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import type { Request } from "express";
import { Types } from "mongoose";
import type { z } from "zod";
import { UPLOAD_TYPES } from "../../contracts/api/history.js";
import { AppError } from "../../contracts/errors.js";
import { nowMs } from "../../infra/clock.js";
import { archiveBucket, discardFile, safeFilename } from "./archive-files.js";
import type { FileRef } from "./archive-item.model.js";
import { FileSniffer } from "./file-sniffer.js";

/** Options of {@link receiveUpload}. */
export interface ReceiveUploadOptions<S extends z.ZodType> {
  /** Schema of the text fields. */
  fields: S;
  /** Largest accepted file in bytes. */
  maxBytes: number;
  /** Stored with the GridFS file (who and for whom), for support. */
  metadata: Record<string, unknown>;
}

/** A received upload: validated fields and the stored file. */
export interface ReceivedUpload<T> {
  fields: T;
  file: FileRef;
}

/** Room for the form fields and part headers around the file in a multipart body. */
const MULTIPART_OVERHEAD = 256 * 1024;

const invalid = (field: string, code: string) => new AppError("validation_failed", { fields: { [field]: { code, message: code } } });

/** Counts and sniffs the bytes on their way to GridFS. */
class SniffingCounter extends Transform {
  readonly sniffer = new FileSniffer();
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.sniffer.push(chunk);
    done(null, chunk);
  }
}

/** Parses `req` as multipart and stores its file; see the module comment for the errors. */
export async function receiveUpload<S extends z.ZodType>(req: Request, options: ReceiveUploadOptions<S>): Promise<ReceivedUpload<z.output<S>>> {
  if (!req.is("multipart/form-data")) throw invalid("file", "multipart_required");
  // A declared body far beyond the limit is refused before reading it; the connection is closed so the rest of
  // the body is not read either. (Bodies without a length are cut off by the streaming limit below.)
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes + MULTIPART_OVERHEAD) {
    req.res?.set("Connection", "close");
    throw new AppError("file_too_large", { details: { maxBytes: options.maxBytes } });
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: "utf8",
      // busboy reports the limit when the file *reaches* it; one byte more, so exactly `maxBytes` is accepted.
      limits: { fileSize: options.maxBytes + 1, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
    });
  } catch {
    throw invalid("file", "multipart_required");
  }

  const fields: Record<string, string> = {};
  let fieldTooLong: string | null = null;
  let stored: { id: Types.ObjectId; name: string; counter: SniffingCounter; done: Promise<void>; truncated: () => boolean } | null = null;

  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) fieldTooLong = name;
    if (!(name in fields)) fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    if (name !== "file" || stored) {
      stream.resume();
      return;
    }
    // The id's time is when the upload started, by the clock: the orphan chunk sweeper ages chunks by it.
    const id = new Types.ObjectId(Types.ObjectId.generate(Math.floor(nowMs() / 1000)));
    const counter = new SniffingCounter();
    let truncated = false;
    stream.on("limit", () => (truncated = true));
    const upload = archiveBucket().openUploadStreamWithId(id, info.filename || "upload", { metadata: options.metadata });
    const done = pipeline(stream, counter, upload);
    // A failure is awaited below; this keeps it from being reported as unhandled in the meantime.
    done.catch(() => undefined);
    stored = { id, name: info.filename ?? "", counter, done, truncated: () => truncated };
  });

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on("close", resolve);
    parser.on("error", reject);
    req.on("aborted", () => reject(new Error("request aborted")));
    req.on("error", reject);
  });
  req.pipe(parser);

  const current = () => stored as typeof stored;
  try {
    try {
      await parsed;
      await current()?.done;
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError("validation_failed", { fields: { file: { code: "multipart_invalid", message: "multipart_invalid" } }, cause: err });
    }
    const file = current();
    if (!file) throw invalid("file", "required");
    if (file.truncated()) throw new AppError("file_too_large", { details: { maxBytes: options.maxBytes } });
    if (file.counter.sniffer.bytes === 0) throw invalid("file", "empty_file");
    const type = file.counter.sniffer.result();
    if (!type) throw new AppError("file_type_not_allowed", { details: { allowed: Object.keys(UPLOAD_TYPES).join(",") } });
    // Office files are ZIPs: their directory must not promise a zip bomb to whoever opens them.
    const zipProblem = file.counter.sniffer.zipProblem();
    if (zipProblem) throw new AppError("file_rejected_archive", { details: { reason: zipProblem }, detail: `zip directory: ${zipProblem}` });
    if (fieldTooLong) throw invalid(fieldTooLong, "too_big");
    // A ZodError becomes 400 validation_failed with per-field codes in the error middleware.
    const valid = options.fields.parse(fields);

    const filename = safeFilename(file.name, type);
    await archiveBucket().rename(file.id, filename);
    return { fields: valid, file: { fileId: file.id, filename, contentType: UPLOAD_TYPES[type].contentType, size: file.counter.sniffer.bytes } };
  } catch (err) {
    const file = current();
    if (file) await discardFile(file.id).catch(() => undefined);
    // Stop reading a request we refused early; Node discards the rest of the body after the response.
    req.unpipe(parser);
    throw err;
  }
}
