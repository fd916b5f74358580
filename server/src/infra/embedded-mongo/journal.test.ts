import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedMongo } from "./index.js";
import { Journal } from "./journal.js";
import { encodeRecord } from "./records.js";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "emb-journal-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("journal", () => {
  it("replays intact records and cuts off a torn last record", async () => {
    const path = join(tempDir(), "journal.bson");
    const { journal } = await Journal.open(path);
    for (let i = 0; i < 10; i++) journal.append({ op: "put", i });
    await journal.sync();
    await journal.close();
    const good = statSync(path).size;
    const torn = encodeRecord({ op: "put", i: 10, pad: "x".repeat(100) }).subarray(0, 40);
    appendFileSync(path, torn);
    const reopened = await Journal.open(path);
    expect(reopened.records.map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(reopened.tornBytes).toBe(40);
    expect(statSync(path).size).toBe(good);
    await reopened.journal.close();
  });

  it("stops at a record whose checksum does not match", async () => {
    const path = join(tempDir(), "journal.bson");
    const a = encodeRecord({ i: 1 });
    const b = encodeRecord({ i: 2 });
    b[b.length - 2] ^= 0xff;
    writeFileSync(path, Buffer.concat([a, b]));
    const { records, journal } = await Journal.open(path);
    expect(records).toEqual([{ i: 1 }]);
    await journal.close();
  });

  it("group-commits concurrent writers: every sync resolves and every record is on disk", async () => {
    const path = join(tempDir(), "journal.bson");
    const { journal } = await Journal.open(path);
    await Promise.all(Array.from({ length: 200 }, (_, i) => (journal.append({ i }), journal.sync())));
    await journal.close();
    const { records, journal: j2 } = await Journal.open(path);
    expect(records).toHaveLength(200);
    await j2.close();
  });
});

describe("store durability", () => {
  it("restores data from snapshot + journal after a clean close and after a copy taken while running", async () => {
    const dir = tempDir();
    const store = await startEmbeddedMongo({ dataDir: dir });
    const client = await MongoClient.connect(store.uri);
    const coll = client.db("app").collection("items");
    await coll.createIndex({ sku: 1 }, { unique: true });
    await coll.insertMany(Array.from({ length: 50 }, (_, i) => ({ sku: `s${i}`, qty: i })));
    await coll.updateOne({ sku: "s1" }, { $inc: { qty: 100 } });
    await coll.deleteOne({ sku: "s2" });
    // A copy of the files while the store runs is what a kill -9 leaves behind.
    const crashed = tempDir();
    for (const f of ["snapshot.bson", "journal.bson"]) if (existsSync(join(dir, f))) copyFileSync(join(dir, f), join(crashed, f));
    appendFileSync(join(crashed, "journal.bson"), Buffer.from([1, 2, 3, 4, 5, 6, 7]));
    await client.close();
    await store.close();

    for (const d of [dir, crashed]) {
      const again = await startEmbeddedMongo({ dataDir: d });
      const c2 = await MongoClient.connect(again.uri);
      const items = c2.db("app").collection("items");
      expect(await items.countDocuments()).toBe(49);
      expect((await items.findOne({ sku: "s1" }))?.qty).toBe(101);
      await expect(items.insertOne({ sku: "s3" })).rejects.toMatchObject({ code: 11000 });
      await c2.close();
      await again.close();
    }
  });

  it("refuses a data folder that another live store holds", async () => {
    const dir = tempDir();
    const store = await startEmbeddedMongo({ dataDir: dir });
    await expect(startEmbeddedMongo({ dataDir: dir })).rejects.toThrow(/already open|in use/);
    await store.close();
    expect(readFileSync(join(dir, "snapshot.bson")).length).toBeGreaterThanOrEqual(0);
  });
});
