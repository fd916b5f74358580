import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, it } from "vitest";
import { kill9, startDb } from "../harness/embedded-db.js";

describe("embedded store durability across kill -9", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "balie-durability-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps every acknowledged insert, update and delete", async () => {
    const first = await startDb(dataDir);
    const client = new MongoClient(first.uri, { serverSelectionTimeoutMS: 5_000 });
    await client.connect();
    const coll = client.db("durable").collection("items");
    await coll.createIndex({ key: 1 }, { unique: true });

    const inserted = new Set<number>();
    const updated = new Map<number, number>();
    const deleted = new Set<number>();
    // Writers run in parallel; each records a write only once the store acknowledged it.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 60; i++) {
        const key = w * 1000 + i;
        await coll.insertOne({ key, v: 0, w });
        inserted.add(key);
        if (i % 3 === 0) {
          await coll.updateOne({ key }, { $set: { v: i + 1 } });
          updated.set(key, i + 1);
        }
        if (i % 5 === 0) {
          await coll.deleteOne({ key });
          deleted.add(key);
        }
      }
    });
    await Promise.all(writers);
    await coll.insertMany(Array.from({ length: 100 }, (_, i) => ({ key: 100_000 + i, v: -1 })));
    for (let i = 0; i < 100; i++) inserted.add(100_000 + i);

    // Keep writing while the process dies: unacknowledged writes may go either way, acknowledged ones must stay.
    let stop = false;
    const racing = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          await coll.insertOne({ key: 200_000 + i, v: 1 });
          inserted.add(200_000 + i);
        } catch {
          return;
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await kill9(first.child);
    await racing;
    await client.close(true).catch(() => undefined);

    const second = await startDb(dataDir);
    const c2 = new MongoClient(second.uri);
    try {
      await c2.connect();
      const items = c2.db("durable").collection("items");
      const docs = await items.find({}, { projection: { _id: 0, key: 1, v: 1 } }).toArray();
      const byKey = new Map(docs.map((d) => [d.key as number, d.v as number]));
      for (const key of inserted) {
        if (deleted.has(key)) expect(byKey.has(key), `deleted ${key}`).toBe(false);
        else expect(byKey.has(key), `inserted ${key}`).toBe(true);
      }
      for (const [key, v] of updated) if (!deleted.has(key)) expect(byKey.get(key)).toBe(v);
      // The unique index survived too.
      await expect(items.insertOne({ key: 100_000 })).rejects.toMatchObject({ code: 11000 });
    } finally {
      await c2.close();
      second.child.kill("SIGTERM");
      await new Promise((r) => second.child.once("exit", r));
    }
  });
});
