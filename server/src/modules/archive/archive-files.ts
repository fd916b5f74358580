/**
 * Archive files in GridFS (bucket {@link ARCHIVE_BUCKET}): safe names, streaming a file out as a download, and
 * removing a file that was refused half-way.
 *
 * Downloads are always attachments with the content type established at upload and `nosniff`, so nothing a
 * school or the helpdesk stored is ever rendered by the browser as a page on Balie's origin. A stored type that
 * is not one of the allowed upload types (older data) is served as `application/octet-stream`.
 */
import { pipeline } from "node:stream/promises";
import type { Response } from "express";
import mongoose, { Types } from "mongoose";
import { UPLOAD_TYPES, type UploadType } from "../../contracts/api/history.js";
import { AppError } from "../../contracts/errors.js";
import { ARCHIVE_BUCKET, type FileRef } from "./archive-item.model.js";

/** The GridFS bucket of archive and evaluation files. */
export function archiveBucket(): mongoose.mongo.GridFSBucket {
  const db = mongoose.connection.db;
  if (!db) throw new Error("mongoose is not connected");
  return new mongoose.mongo.GridFSBucket(db, { bucketName: ARCHIVE_BUCKET });
}

/** Deletes a GridFS file and its chunks, also when the upload never wrote its files document. */
export async function discardFile(fileId: Types.ObjectId): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) return;
  await db.collection(`${ARCHIVE_BUCKET}.chunks`).deleteMany({ files_id: fileId });
  await db.collection(`${ARCHIVE_BUCKET}.files`).deleteOne({ _id: fileId });
}

/**
 * A name that is safe to store and offer: no path, no control or reserved characters, at most 120 characters,
 * ending in an extension of the detected `type` (`brief.html` holding a PDF becomes `brief.html.pdf`).
 */
export function safeFilename(original: string | undefined, type: UploadType): string {
  // Browsers send `"`, CR and LF in a multipart filename as %22, %0D and %0A (HTML form encoding).
  const decoded = (original ?? "").replace(/%22/g, '"').replace(/%0d/gi, "\r").replace(/%0a/gi, "\n");
  const base = decoded.split(/[\\/]/).pop() ?? "";
  let name = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f"*:<>?|\\/]/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  const extensions: readonly string[] = UPLOAD_TYPES[type].extensions;
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  if (!extensions.includes(ext)) name = name ? `${name}.${extensions[0]}` : `document.${extensions[0]}`;
  if (name.length > 120) {
    const suffix = name.slice(name.lastIndexOf("."));
    name = name.slice(0, 120 - suffix.length).trimEnd() + suffix;
  }
  return name;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentHeader(filename: string): string {
  const ascii = filename.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const ALLOWED_CONTENT_TYPES: ReadonlySet<string> = new Set(Object.values(UPLOAD_TYPES).map((t) => t.contentType));

/** Streams `file` to `res` as a download. 404 when the GridFS file is gone. */
export async function sendFile(res: Response, file: FileRef): Promise<void> {
  const bucket = archiveBucket();
  const [stored] = await bucket.find({ _id: file.fileId }).limit(1).toArray();
  if (!stored) throw new AppError("not_found", { detail: "gridfs file missing" });
  const type = ALLOWED_CONTENT_TYPES.has(file.contentType) ? file.contentType : "application/octet-stream";
  res.status(200);
  res.set({
    "Content-Type": type === "text/plain" ? "text/plain; charset=utf-8" : type,
    "Content-Length": String(stored.length),
    "Content-Disposition": attachmentHeader(file.filename),
    "X-Content-Type-Options": "nosniff",
    // Even if a browser were talked into showing it, a downloaded file gets no script, no origin, no plugins.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-store",
  });
  await pipeline(bucket.openDownloadStream(file.fileId), res);
}

/** The OpenAPI description of a download answered by {@link sendFile}. */
export const binaryDownloadOpenApi = {
  responses: {
    "200": {
      description: "The file, `Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`",
      content: Object.fromEntries(Object.values(UPLOAD_TYPES).map((t) => [t.contentType, { schema: { type: "string", format: "binary" } }])),
    },
    default: { description: "Error envelope `{ error: { id, message, fields?, correlationId? } }`" },
  },
};

