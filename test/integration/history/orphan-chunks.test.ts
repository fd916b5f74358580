/**
 * Chunks of an upload cut off by a crash: a real Balie child process (`spawnServer`) receives a large upload
 * over HTTP and is killed with SIGKILL half-way, so GridFS is left with chunks and no files document. The store
 * is the embedded MongoDB-compatible store started in this test process (journal on disk), shared with the
 * child through MONGODB_URI, so it outlives the kill and the test can look inside.
 *
 * The sweep runs here, in the test process, against that same store: it is the function the hourly job of every
 * node calls, and here the clock can be moved past the grace period (a child process has its own clock).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import mongoose, { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock, resetClock, setClock } from "../../../server/src/infra/clock.js";
import { startEmbeddedMongo } from "../../../server/src/infra/embedded-mongo/index.js";
import { ORPHAN_CHUNK_GRACE_MS, sweepOrphanChunks } from "../../../server/src/jobs/orphan-chunk-sweeper.js";
import { ArchiveItemModel } from "../../../server/src/modules/archive/archive-item.model.js";
import { makePdf } from "../../../server/src/seed/files.js";
import { createBoardWithSchools } from "../../factories/index.js";
import type { HttpClient } from "../../harness/http-client.js";
import { loginAsContact } from "../../harness/login.js";
import { getFreePort } from "../../harness/ports.js";
import { spawnServer, type SpawnedServer } from "../../harness/server.js";
import { upload } from "./env.js";

let store: Awaited<ReturnType<typeof startEmbeddedMongo>>;
let dataDir: string;
let mongoUri: string;
const nodes: SpawnedServer[] = [];

async function spawnNode(): Promise<SpawnedServer> {
  const port = await getFreePort();
  const node = await spawnServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, EH_SIMULATOR: "true", MONGODB_URI: mongoUri, LOG_LEVEL: "error" });
  nodes.push(node);
  return node;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "balie-orphan-chunks-"));
  store = await startEmbeddedMongo({ dataDir });
  mongoUri = store.uri.replace("/?", "/balie_orphan_chunks?");
  await mongoose.connect(mongoUri);
}, 60_000);

afterAll(async () => {
  resetClock();
  await Promise.all(nodes.map((n) => n.kill()));
  await mongoose.disconnect();
  await store?.close();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const MiB = 1024 * 1024;
const chunks = () => mongoose.connection.db!.collection<{ files_id: Types.ObjectId; n: number }>("archive.chunks");
const files = () => mongoose.connection.db!.collection("archive.files");

/** Chunk counts per `files_id` that has no files document (an unfinished upload). */
async function orphanChunks(): Promise<Map<string, number>> {
  const finished = new Set((await files().find({}, { projection: { _id: 1 } }).toArray()).map((f) => String(f._id)));
  const out = new Map<string, number>();
  for (const c of await chunks().find({}, { projection: { files_id: 1 } }).toArray()) {
    const id = String(c.files_id);
    if (!finished.has(id)) out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("eventually: condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts a multipart upload of a `size`-byte PDF but sends only its first `sendBytes` bytes, then keeps the
 * request open like a slow connection. Resolves `closed` when the connection goes away.
 */
function startUpload(client: HttpClient, url: string, size: number, sendBytes: number): { closed: Promise<void> } {
  const boundary = "----balie-orphan-test";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\nGroot document\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="groot.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const pdf = makePdf("Groot document", ["Opvulling"]);
  const req = httpRequest(url, {
    method: "POST",
    headers: {
      "content-type": `multipart/form-data; boundary=${boundary}`,
      "content-length": String(head.length + size + tail.length),
      cookie: client.cookieHeader(),
      "x-csrf-token": client.csrfToken,
      accept: "application/json",
    },
  });
  const closed = new Promise<void>((resolve) => {
    req.on("error", () => resolve());
    req.on("close", () => resolve());
  });
  req.write(head);
  req.write(pdf);
  for (let sent = pdf.length; sent < sendBytes; sent += 64 * 1024) req.write(Buffer.alloc(Math.min(64 * 1024, sendBytes - sent), 0x20));
  return { closed };
}

describe("GridFS chunks of an upload cut off by kill -9", () => {
  it("stay after a restart, survive sweeps within the grace period, and are removed after it; finished files keep theirs", async () => {
    const { schools } = await createBoardWithSchools(1);
    const school = schools[0]!._id;
    const archivePath = `/api/v1/organisations/${String(school)}/archive`;

    let node = await spawnNode();
    let client = await loginAsContact(node, [school]);
    // A finished upload: its chunks must never be swept.
    const pdf = Buffer.concat([makePdf("Klaar", ["Af"]), Buffer.alloc(MiB, 0x20)]);
    const finished = await upload(client, archivePath, { subject: "Klaar", file: { name: "klaar.pdf", data: pdf } });
    expect(finished.status).toBe(201);
    const finishedId = (await ArchiveItemModel.findById(finished.body.id).lean().exec())!.file!.fileId;
    const finishedChunks = await chunks().countDocuments({ files_id: finishedId });
    expect(finishedChunks).toBeGreaterThanOrEqual(4);

    // A 9 MB upload of which 3 MB arrive; once GridFS holds a good part of it, the process is killed.
    const cutOff = startUpload(client, `${node.url}${archivePath}`, 9 * MiB, 3 * MiB);
    const orphanIdHex = await eventually(async () => {
      const found = [...(await orphanChunks())].find(([, n]) => n >= 8);
      return found?.[0];
    });
    expect(await node.kill()).toMatchObject({ signal: "SIGKILL" });
    await cutOff.closed;
    const orphanCount = (await orphanChunks()).get(orphanIdHex)!;
    expect(orphanCount).toBeGreaterThanOrEqual(8);
    expect(await ArchiveItemModel.countDocuments({ subject: "Groot document" }).exec()).toBe(0);

    // After a restart nothing has changed: no files document, the chunks are still there, the old file works.
    node = await spawnNode();
    client = await loginAsContact(node, [school]);
    expect((await orphanChunks()).get(orphanIdHex)).toBe(orphanCount);
    const before = await client.request(finished.body.file.downloadUrl);
    expect(Buffer.from(await before.arrayBuffer()).equals(pdf)).toBe(true);

    // The upload started when its files_id was made; a sweep just before the grace period ends takes nothing.
    const startedMs = new Types.ObjectId(orphanIdHex).getTimestamp().getTime();
    expect(Math.abs(startedMs - Date.now())).toBeLessThan(60_000);
    try {
      setClock(new ManualClock(startedMs + ORPHAN_CHUNK_GRACE_MS - 1_000));
      expect(await sweepOrphanChunks()).toBe(0);
      expect((await orphanChunks()).get(orphanIdHex)).toBe(orphanCount);

      // Past the grace period: two nodes sweeping at once remove the orphans exactly once between them.
      setClock(new ManualClock(startedMs + ORPHAN_CHUNK_GRACE_MS + 1_000));
      const [a, b] = await Promise.all([sweepOrphanChunks(), sweepOrphanChunks()]);
      expect(a + b).toBe(orphanCount);
      expect(await chunks().countDocuments({ files_id: new Types.ObjectId(orphanIdHex) })).toBe(0);
      expect(await orphanChunks()).toEqual(new Map());
      expect(await sweepOrphanChunks()).toBe(0);
      expect(await chunks().countDocuments({ files_id: finishedId })).toBe(finishedChunks);
    } finally {
      resetClock();
    }
    const after = await client.request(finished.body.file.downloadUrl);
    expect(after.status).toBe(200);
    expect(Buffer.from(await after.arrayBuffer()).equals(pdf)).toBe(true);
  }, 120_000);
});
