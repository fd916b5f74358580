/**
 * Backing up and moving the embedded store's data (issue 11 §5), through `npm run db`'s entry point as an
 * operator runs it, against the store running as its own process:
 * - `backup <file>` while a writer keeps writing: the restored data is one point in time (no gaps, the counter
 *   matches the last insert) and holds every write acknowledged before the backup began;
 * - a backup of a quiet store restores to exactly the same collections, documents and indexes;
 * - `restore` refuses a folder that holds data and a truncated file;
 * - a store that crashed (stale store.port) is backed up from its folder;
 * - `copy-to <uri>` moves everything into another MongoDB (a second embedded store), and refuses to mix data.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EJSON } from "bson";
import { Binary, Decimal128, MongoClient, ObjectId, type Document } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedMongo, type EmbeddedMongo } from "../../server/src/infra/embedded-mongo/index.js";
import { kill9, startDb } from "../harness/embedded-db.js";
import { runScript } from "../harness/server.js";

const CLI = "server/src/infra/embedded-mongo/cli.ts";
const root = mkdtempSync(join(tmpdir(), "balie-backup-"));
let n = 0;
const folder = () => join(root, `data-${++n}`);

const db = (dataDir: string, ...args: string[]) => runScript(CLI, { DATA_DIR: dataDir }, 60_000, args);

/** Every database's collections: documents (canonical Extended JSON, by _id) and index definitions. */
async function dump(uri: string): Promise<Record<string, { docs: string[]; indexes: Document[] }>> {
  const client = new MongoClient(uri);
  try {
    const out: Record<string, { docs: string[]; indexes: Document[] }> = {};
    const { databases } = await client.db("admin").admin().listDatabases({ nameOnly: true });
    for (const { name } of databases) {
      if (["admin", "config", "local"].includes(name)) continue;
      for (const { name: coll } of await client.db(name).listCollections({}, { nameOnly: true }).toArray()) {
        const c = client.db(name).collection(coll);
        const docs = (await c.find().toArray()).map((d) => EJSON.stringify(d, { relaxed: false })).sort();
        const listed = (await c.listIndexes().toArray()) as Document[];
        const indexes = listed.map(({ v: _v, ...rest }) => rest).sort((a, b) => String(a.name).localeCompare(String(b.name)));
        out[`${name}.${coll}`] = { docs, indexes };
      }
    }
    return out;
  } finally {
    await client.close();
  }
}

let source: Awaited<ReturnType<typeof startDb>>;
let sourceDir: string;
let client: MongoClient;

beforeAll(async () => {
  sourceDir = folder();
  source = await startDb(sourceDir);
  // Balie's demo data (GridFS files included), written as the seed command writes it …
  const seeded = await runScript("server/src/seed/cli.ts", { NODE_ENV: "development", MONGODB_URI: source.uri.replace("/?", "/balie?") }, 90_000);
  expect(seeded.code, seeded.stderr).toBe(0);
  // … and values that must survive byte for byte, with a unique and a TTL index.
  client = new MongoClient(source.uri);
  const kinds = client.db("extra").collection("kinds");
  await kinds.createIndex({ code: 1 }, { unique: true });
  await kinds.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 3600 });
  await kinds.insertMany(
    Array.from({ length: 300 }, (_, i) => ({
      _id: new ObjectId(),
      code: `k${i}`,
      amount: Decimal128.fromString(`${i}.10`),
      raw: new Binary(Buffer.from([i % 256, 0, 255])),
      expiresAt: new Date(Date.UTC(2030, 0, 1, 0, 0, i)),
      nested: { list: [i, String(i), null, { deep: [i] }] },
      big: i === 0 ? "x".repeat(200_000) : undefined,
    })),
  );
}, 120_000);

afterAll(async () => {
  await client?.close();
  if (source) await kill9(source.child);
  rmSync(root, { recursive: true, force: true });
});

describe("npm run db -- backup / restore", { timeout: 120_000 }, () => {
  it("backs up while a writer keeps writing: the restore is one point in time and keeps every acknowledged write", async () => {
    const ticks = client.db("extra").collection<{ _id: number }>("ticks");
    const counter = client.db("extra").collection<{ _id: string; n: number }>("counter");
    let acked = 0;
    let stop = false;
    const writer = (async () => {
      for (let i = 1; !stop; i++) {
        await ticks.insertOne({ _id: i });
        await counter.updateOne({ _id: "n" }, { $set: { n: i } }, { upsert: true });
        acked = i;
      }
    })();
    await expect.poll(() => acked, { timeout: 10_000 }).toBeGreaterThan(50);
    const ackedBefore = acked;
    const file = join(root, "busy.bak");
    const backup = await db(sourceDir, "backup", file);
    const ackedAfter = acked;
    stop = true;
    await writer;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^backup written to .*busy\.bak: \d+ records/m);
    expect(ackedAfter).toBeGreaterThan(ackedBefore); // the writer really ran during the backup
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const restoredDir = folder();
    const restore = await db(restoredDir, "restore", file);
    expect(restore.code, restore.stderr).toBe(0);
    const restored = await startDb(restoredDir);
    const other = new MongoClient(restored.uri);
    try {
      const ids = (await other.db("extra").collection<{ _id: number }>("ticks").find().sort({ _id: 1 }).toArray()).map((d) => d._id);
      const last = ids.at(-1)!;
      expect(last).toBeGreaterThanOrEqual(ackedBefore);
      expect(ids).toEqual(Array.from({ length: last }, (_, i) => i + 1)); // no gaps
      const n = (await other.db("extra").collection<{ _id: string; n: number }>("counter").findOne({ _id: "n" }))!.n;
      expect([last - 1, last]).toContain(n); // the update belonging to the last insert, or the one before it
      // Everything the writer did not touch is identical.
      const [before, after] = await Promise.all([dump(source.uri), dump(restored.uri)]);
      for (const ns of Object.keys(before).filter((k) => !k.startsWith("extra.ticks") && k !== "extra.counter")) {
        expect({ ns, ...after[ns] }).toEqual({ ns, ...before[ns] });
      }
    } finally {
      await other.close();
      await kill9(restored.child);
    }
  });

  it("a backup of a quiet store restores to exactly the same collections, documents and indexes", async () => {
    const file = join(root, "quiet.bak");
    expect((await db(sourceDir, "backup", file)).code).toBe(0);
    const restoredDir = folder();
    expect((await db(restoredDir, "restore", file)).code).toBe(0);
    const restored = await startDb(restoredDir);
    try {
      const [before, after] = await Promise.all([dump(source.uri), dump(restored.uri)]);
      expect(Object.keys(before)).toContain("balie.archive.chunks");
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const ns of Object.keys(before)) expect({ ns, ...after[ns] }).toEqual({ ns, ...before[ns] });
    } finally {
      await kill9(restored.child);
    }
  });

  it("restore refuses a folder that holds data, and a truncated or foreign file, without touching the folder", async () => {
    const file = join(root, "quiet.bak");
    const used = folder();
    expect((await db(used, "restore", file)).code).toBe(0);
    const snapshot = readFileSync(join(used, "snapshot.bson"));
    const again = await db(used, "restore", file);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("restore needs a data folder without data");
    expect(readFileSync(join(used, "snapshot.bson")).equals(snapshot)).toBe(true);

    const whole = readFileSync(file);
    const truncated = join(root, "truncated.bak");
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const fresh = folder();
    const cut = await db(fresh, "restore", truncated);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/is incomplete or damaged: \d+ of \d+ records readable/);
    const foreign = join(root, "foreign.bak");
    writeFileSync(foreign, "this is not a backup");
    const wrong = await db(fresh, "restore", foreign);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("is not a backup of Balie's embedded store");
    const missing = await db(fresh, "restore");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("usage: npm run db -- restore <file>");
  });

  it("copy-to moves everything into another MongoDB, live or from a backup file, and refuses to mix with data there", async () => {
    const targets: EmbeddedMongo[] = [await startEmbeddedMongo({ dataDir: null }), await startEmbeddedMongo({ dataDir: null })];
    try {
      const live = await db(sourceDir, "copy-to", targets[0].uri);
      expect(live.code, live.stderr).toBe(0);
      expect(live.stdout).toMatch(/^ {2}balie\.organisations: 8 documents, \d+ indexes$/m);
      const fromFile = await db(folder(), "copy-to", targets[1].uri, "--from", join(root, "quiet.bak"));
      expect(fromFile.code, fromFile.stderr).toBe(0);
      const before = await dump(source.uri);
      for (const target of targets) {
        const after = await dump(target.uri);
        expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
        for (const ns of Object.keys(before)) expect({ ns, ...after[ns] }).toEqual({ ns, ...before[ns] });
      }
      const twice = await db(sourceDir, "copy-to", targets[0].uri);
      expect(twice.code).toBe(1);
      expect(twice.stderr).toMatch(/the target already holds \d+ documents in .*; copy into an empty database/);
    } finally {
      await Promise.all(targets.map((t) => t.close()));
    }
  });

  it("a store that crashed (store.port left behind) is backed up from its folder", async () => {
    const before = await dump(source.uri);
    await kill9(source.child);
    const file = join(root, "crashed.bak");
    const backup = await db(sourceDir, "backup", file);
    expect(backup.code, backup.stderr).toBe(0);
    const restoredDir = folder();
    expect((await db(restoredDir, "restore", file)).code).toBe(0);
    const restored = await startDb(restoredDir);
    try {
      const after = await dump(restored.uri);
      for (const ns of Object.keys(before)) expect({ ns, ...after[ns] }).toEqual({ ns, ...before[ns] });
    } finally {
      await kill9(restored.child);
    }
  });
});
