/**
 * `npm run db` as its own process (the case where only authentication keeps other local processes out): it
 * creates credentials.json with mode 0600 on first start, prints a URI with that user and password, keeps
 * them across restarts, and refuses clients without them. Balie running the store in-process creates and
 * uses the same file by itself.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, it } from "vitest";
import { kill9, startDb } from "../harness/embedded-db.js";
import { spawnServer } from "../harness/server.js";

const dir = mkdtempSync(join(tmpdir(), "balie-auth-"));
const balieDir = mkdtempSync(join(tmpdir(), "balie-auth-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(balieDir, { recursive: true, force: true });
});

async function withClient<T>(uri: string, fn: (c: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

describe("npm run db", () => {
  it("prints a URI with the credentials it keeps in DATA_DIR/credentials.json (mode 0600), and requires them", async () => {
    const first = await startDb(dir);
    let printed: string;
    try {
      printed = first.uri;
      const file = join(dir, "credentials.json");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const { username, password } = JSON.parse(readFileSync(file, "utf8")) as { username: string; password: string };
      expect(password).toMatch(/^[A-Za-z0-9]{40}$/);
      const url = new URL(printed);
      expect([url.username, url.password, url.hostname, url.searchParams.get("authSource")]).toEqual([username, password, "127.0.0.1", "admin"]);

      await withClient(printed, (c) => c.db("balie").collection("probe").insertOne({ n: 1 }));
      url.username = "";
      url.password = "";
      await expect(withClient(url.toString(), (c) => c.db("balie").collection("probe").findOne({}))).rejects.toMatchObject({
        code: 13,
        codeName: "Unauthorized",
      });
    } finally {
      await kill9(first.child);
    }
    const again = await startDb(dir);
    try {
      expect(new URL(again.uri).password).toBe(new URL(printed).password);
      expect(await withClient(again.uri, (c) => c.db("balie").collection("probe").countDocuments())).toBe(1);
    } finally {
      await kill9(again.child);
    }
  });

  it("uses the credentials a Balie with the store in-process created in the same data folder", async () => {
    const balie = await spawnServer({ DATA_DIR: balieDir }); // resolves once /readyz (a Mongo ping) is 200
    expect((await balie.stop()).code).toBe(0);
    const file = join(balieDir, "credentials.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { password } = JSON.parse(readFileSync(file, "utf8")) as { password: string };
    const db = await startDb(balieDir);
    try {
      expect(new URL(db.uri).password).toBe(password);
      const names = await withClient(db.uri, async (c) => (await c.db("balie").listCollections().toArray()).map((x) => x.name));
      expect(names.length).toBeGreaterThan(0); // Balie wrote through its authenticated connection
    } finally {
      await kill9(db.child);
    }
  });
});
