/**
 * Indexes in production (issue 11 §5): nodes do not build them (autoIndex off) and refuse to start while one
 * they need is missing; `npm run migrate` creates and syncs every model's indexes, unique and TTL ones included,
 * reports what it changed, changes nothing the second time, and only reports with --dry-run.
 */
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedMongo, type EmbeddedMongo } from "../../server/src/infra/embedded-mongo/index.js";
import { runMain, runScript, spawnServer } from "../harness/server.js";

let store: EmbeddedMongo;
let client: MongoClient;
let env: Record<string, string>;

const migrate = (...args: string[]) => runScript("server/src/migrate/cli.ts", env, 60_000, args);
const indexes = async (collection: string) => client.db("balie_migrate").collection(collection).listIndexes().toArray();

beforeAll(async () => {
  store = await startEmbeddedMongo({ dataDir: null });
  client = new MongoClient(store.uri);
  env = {
    NODE_ENV: "production",
    MONGODB_URI: store.uri.replace("/?", "/balie_migrate?"),
    SESSION_SECRET: "m".repeat(40),
    SMTP_URL: "smtp://127.0.0.1:1",
    PUBLIC_URL: "https://balie.example.nl",
  };
});

afterAll(async () => {
  await client?.close();
  await store?.close();
});

describe("npm run migrate and production indexes", { timeout: 120_000 }, () => {
  it("a production node refuses to start on a database without the indexes, and builds none itself", async () => {
    const result = await runMain(env, 60_000);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("startup: indexes missing, run npm run migrate first:");
    expect(result.stderr).toContain('chat_messages: {"conversationId":1,"seq":1} (unique)');
    // Whatever collections mongoose created on its way up, none got an index besides _id.
    const db = client.db("balie_migrate");
    const built: string[] = [];
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      for (const index of await db.collection(name).listIndexes().toArray()) if (index.name !== "_id_") built.push(`${name}.${String(index.name)}`);
    }
    expect(built).toEqual([]);
  });

  it("creates every index with its options and reports them; a second run changes nothing", async () => {
    const first = await migrate();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('chat_messages: created index {"conversationId":1,"seq":1} (unique)');
    expect(first.stdout).toContain('sessions: created index {"expiresAt":1} (ttl 0 s)');
    expect(first.stdout).toContain('chat_conversations: created index {"activeKey":1} (unique, sparse)');
    expect(await indexes("chat_messages")).toContainEqual(expect.objectContaining({ key: { conversationId: 1, seq: 1 }, unique: true }));
    expect(await indexes("sessions")).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 0 }));
    expect(await indexes("pendingPins")).toContainEqual(expect.objectContaining({ key: { expiresAt: 1 }, expireAfterSeconds: 86_400 }));

    const second = await migrate();
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe("migrate: indexes up to date, nothing changed");
  });

  it("--dry-run reports a stray index and a changed one without touching them; the run then fixes both", async () => {
    const organisations = client.db("balie_migrate").collection("organisations");
    const agents = client.db("balie_migrate").collection("agents");
    await organisations.createIndex({ name: 1 }, { name: "by_hand" });
    await agents.dropIndex("username_1");
    await agents.createIndex({ username: 1 }); // no longer unique

    const dry = await migrate("--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("organisations: would drop index by_hand");
    expect(dry.stdout).toContain('agents: would create index {"username":1} (unique)');
    expect(await indexes("organisations")).toContainEqual(expect.objectContaining({ name: "by_hand" }));

    const run = await migrate();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("organisations: dropped index by_hand");
    expect(run.stdout).toContain('agents: created index {"username":1} (unique)');
    expect(await indexes("organisations")).not.toContainEqual(expect.objectContaining({ name: "by_hand" }));
    expect(await indexes("agents")).toContainEqual(expect.objectContaining({ key: { username: 1 }, unique: true }));
  });

  it("after the migration a production node starts", async () => {
    const node = await spawnServer({ ...env, LOG_LEVEL: "error" }, { readyTimeoutMs: 60_000 });
    try {
      expect((await fetch(`${node.url}/readyz`)).status).toBe(200);
    } finally {
      await node.stop();
    }
  });
});
