// GridFS through the driver's GridFSBucket: chunked upload, byte-exact download, lookup by name and revision,
// range reads, rename and delete. The bucket relies on ordinary commands (insert, find with sort, createIndexes,
// listIndexes, delete), so this checks those work together at realistic sizes.
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { GridFSBucket, ObjectId, type Document } from "mongodb";
import { rejectionOf, useConformanceDatabase } from "./support.js";

const ctx = useConformanceDatabase("gridfs");

async function upload(
  bucket: GridFSBucket,
  filename: string,
  data: Buffer,
  options: { chunkSizeBytes?: number; metadata?: Document } = {},
): Promise<ObjectId> {
  const stream = bucket.openUploadStream(filename, options);
  await pipeline(Readable.from([data]), stream);
  return stream.id as ObjectId;
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

describe("GridFSBucket", () => {
  const SIZE = 3 * 1024 * 1024 + 12_345;
  const CHUNK = 100_000;

  it("uploads a ~3 MB file in chunks and downloads it byte for byte", async () => {
    const bucket = new GridFSBucket(ctx.db, { bucketName: "archive" });
    const data = randomBytes(SIZE);
    const id = await upload(bucket, "scan.pdf", data, { chunkSizeBytes: CHUNK, metadata: { school: "01AB" } });

    const files = await ctx.db.collection("archive.files").find({ _id: id }).toArray();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ _id: id, length: SIZE, chunkSize: CHUNK, filename: "scan.pdf", metadata: { school: "01AB" } });
    expect(files[0]!.uploadDate).toBeInstanceOf(Date);

    const chunks = await ctx.db.collection("archive.chunks").find({ files_id: id }).sort({ n: 1 }).toArray();
    const expectedChunks = Math.ceil(SIZE / CHUNK);
    expect(chunks).toHaveLength(expectedChunks);
    expect(chunks.map((c) => c.n)).toEqual(Array.from({ length: expectedChunks }, (_, i) => i));
    expect(chunks[0]!.data.buffer.length).toBe(CHUNK);
    expect(chunks.at(-1)!.data.buffer.length).toBe(SIZE - CHUNK * (expectedChunks - 1));

    const back = await collect(bucket.openDownloadStream(id));
    expect(back.length).toBe(SIZE);
    expect(back.equals(data)).toBe(true);
  });

  it("creates the GridFS indexes: files {filename, uploadDate} and unique chunks {files_id, n}", async () => {
    const bucket = new GridFSBucket(ctx.db, { bucketName: "idx" });
    await upload(bucket, "a.txt", Buffer.from("hallo"));
    const chunkIndexes = await ctx.db.collection("idx.chunks").listIndexes().toArray();
    expect(chunkIndexes.find((ix) => ix.key.files_id === 1 && ix.key.n === 1)).toMatchObject({ unique: true });
    const fileIndexes = await ctx.db.collection("idx.files").listIndexes().toArray();
    expect(fileIndexes.some((ix) => ix.key.filename === 1 && ix.key.uploadDate === 1)).toBe(true);
  });

  it("finds files by filename and downloads the newest revision by name by default", async () => {
    const bucket = new GridFSBucket(ctx.db, { bucketName: "revs" });
    await upload(bucket, "report.txt", Buffer.from("version one"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await upload(bucket, "report.txt", Buffer.from("version two"));
    await upload(bucket, "other.txt", Buffer.from("other"));
    const found = await bucket.find({ filename: "report.txt" }).toArray();
    expect(found).toHaveLength(2);
    expect((await collect(bucket.openDownloadStreamByName("report.txt"))).toString()).toBe("version two");
    expect((await collect(bucket.openDownloadStreamByName("report.txt", { revision: 0 }))).toString()).toBe("version one");
  });

  it("downloads a byte range across chunk boundaries", async () => {
    const bucket = new GridFSBucket(ctx.db, { bucketName: "range" });
    const data = randomBytes(50_000);
    const id = await upload(bucket, "r.bin", data, { chunkSizeBytes: 4096 });
    const part = await collect(bucket.openDownloadStream(id, { start: 4000, end: 20_000 }));
    expect(part.equals(data.subarray(4000, 20_000))).toBe(true);
  });

  it("stores an empty file as a files document with length 0 and no chunks", async () => {
    const bucket = new GridFSBucket(ctx.db, { bucketName: "empty" });
    const id = await upload(bucket, "empty.txt", Buffer.alloc(0));
    expect((await ctx.db.collection("empty.files").findOne({ _id: id }))!.length).toBe(0);
    expect(await ctx.db.collection("empty.chunks").countDocuments({ files_id: id })).toBe(0);
    expect((await collect(bucket.openDownloadStream(id))).length).toBe(0);
  });

  it("rename changes the filename", async () => {
    const bucket = new GridFSBucket(ctx.db, { bucketName: "ren" });
    const id = await upload(bucket, "old.txt", Buffer.from("x"));
    await bucket.rename(id, "new.txt");
    expect((await bucket.find({ _id: id }).toArray())[0]!.filename).toBe("new.txt");
  });

  it("delete removes the files document and all its chunks; deleting again fails", async () => {
    const bucket = new GridFSBucket(ctx.db, { bucketName: "del" });
    const keep = await upload(bucket, "keep.bin", randomBytes(10_000), { chunkSizeBytes: 1024 });
    const id = await upload(bucket, "gone.bin", randomBytes(10_000), { chunkSizeBytes: 1024 });
    expect(await ctx.db.collection("del.chunks").countDocuments({ files_id: id })).toBe(10);
    await bucket.delete(id);
    expect(await ctx.db.collection("del.files").countDocuments({ _id: id })).toBe(0);
    expect(await ctx.db.collection("del.chunks").countDocuments({ files_id: id })).toBe(0);
    expect(await ctx.db.collection("del.chunks").countDocuments({ files_id: keep })).toBe(10);
    const err = await rejectionOf(bucket.delete(id));
    expect(err.message).toMatch(/File not found/i);
    const missing = await rejectionOf(collect(bucket.openDownloadStream(id)));
    expect(missing.message).toMatch(/FileNotFound|File not found/i);
  });
});
