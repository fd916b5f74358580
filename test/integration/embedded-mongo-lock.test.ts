/**
 * The data folder lock of the embedded store, with real processes (`npm run db`'s entry point): a lock file
 * naming a live but unrelated PID (a PID reused after a container restart) does not block a start; two live
 * processes still cannot open one folder; after kill -9 of the owner the folder opens at once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, it } from "vitest";
import { kill9, startDb } from "../harness/embedded-db.js";

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "balie-lock-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function ping(uri: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    await client.db("admin").command({ ping: 1 });
  } finally {
    await client.close();
  }
}

describe("the embedded store's data folder lock", () => {
  it("a lock file naming a live, unrelated process (a reused PID) does not block the start", async () => {
    const dir = dataDir();
    // This test runner's parent is alive and has nothing to do with the store.
    writeFileSync(join(dir, "mongod.lock"), String(process.ppid));
    const db = await startDb(dir);
    try {
      await ping(db.uri);
      expect(readFileSync(join(dir, "mongod.lock"), "utf8")).toBe(String(db.child.pid));
    } finally {
      await kill9(db.child);
    }
  });

  it("a second live process cannot open the same folder; after kill -9 of the first it can", async () => {
    const dir = dataDir();
    const first = await startDb(dir);
    const refused = await startDb(dir).then(
      async (second) => {
        await kill9(second.child);
        return "";
      },
      (err: Error) => err.message,
    );
    expect(refused).toContain(`is in use by process ${first.child.pid}`);
    await kill9(first.child);
    const again = await startDb(dir);
    try {
      await ping(again.uri);
    } finally {
      await kill9(again.child);
    }
  });
});
