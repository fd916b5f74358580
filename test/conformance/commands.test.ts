// Administrative commands, the handshake, catalog commands and error replies, as a MongoDB 7 standalone answers.
import { describe, expect, it } from "vitest";
import { MongoServerError, type Document } from "mongodb";
import { rejectionOf, topologyOf, useConformanceDatabase } from "./support.js";
import { uniqueDatabaseName } from "../harness/mongo.js";

const ctx = useConformanceDatabase("commands");
const admin = () => ctx.client.db("admin");

describe("handshake and server information", () => {
  it("ping answers ok: 1", async () => {
    expect(await admin().command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await ctx.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it("hello describes a writable server with MongoDB's limits and a MongoDB 7+ wire version", async () => {
    const hello = await admin().command({ hello: 1 });
    expect(hello.ok).toBe(1);
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    expect(hello.localTime).toBeInstanceOf(Date);
    expect(hello.minWireVersion).toBe(0);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(21);
    expect(hello.logicalSessionTimeoutMinutes).toBe(30);
    expect(hello.readOnly).toBe(false);
  });

  it("answers the legacy isMaster command with ismaster: true", async () => {
    const reply = await admin().command({ isMaster: 1 });
    expect(reply.ok).toBe(1);
    expect(reply.ismaster).toBe(true);
  });

  it("buildInfo reports a 7.x-or-later version string and a matching four-element versionArray", async () => {
    const info = await admin().command({ buildInfo: 1 });
    expect(info.ok).toBe(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.versionArray).toHaveLength(4);
    const [major, minor, patch] = (info.version as string).split(/[.-]/).map(Number);
    expect(info.versionArray.slice(0, 3).map(Number)).toEqual([major, minor, patch]);
    expect(major).toBeGreaterThanOrEqual(7);
    expect(info.maxBsonObjectSize).toBe(16 * 1024 * 1024);
  });
});

describe("databases and collections", () => {
  it("listDatabases includes a database once it holds data, with sizeOnDisk and empty: false", async () => {
    await ctx.db.collection("present").insertOne({ x: 1 });
    const reply = await admin().command({ listDatabases: 1 });
    expect(reply.ok).toBe(1);
    expect(typeof reply.totalSize).toBe("number");
    const mine = (reply.databases as Document[]).find((d) => d.name === ctx.dbName);
    expect(mine).toBeDefined();
    expect(typeof mine!.sizeOnDisk).toBe("number");
    expect(mine!.empty).toBe(false);
    const names = await admin().command({ listDatabases: 1, nameOnly: true });
    expect((names.databases as Document[]).map((d) => d.name)).toContain(ctx.dbName);
    expect(Object.keys((names.databases as Document[])[0]!)).toEqual(["name"]);
  });

  it("listCollections describes each collection: name, type, options, info and the _id index", async () => {
    await ctx.db.createCollection("described");
    const all = await ctx.db.listCollections().toArray();
    const entry = all.find((c) => c.name === "described") as Document | undefined;
    expect(entry).toMatchObject({ name: "described", type: "collection", options: {}, info: { readOnly: false } });
    expect(entry!.idIndex).toMatchObject({ key: { _id: 1 }, name: "_id_" });
    const filtered = await ctx.db.listCollections({ name: "described" }, { nameOnly: true }).toArray();
    expect(filtered).toEqual([{ name: "described", type: "collection" }]);
  });

  it("create makes an empty collection; repeating it with identical options succeeds (MongoDB 7.0+)", async () => {
    const name = ctx.fresh("created");
    expect(await ctx.db.command({ create: name })).toMatchObject({ ok: 1 });
    expect(await ctx.db.collection(name).countDocuments()).toBe(0);
    expect((await ctx.db.listCollections({ name }).toArray()).map((c) => c.name)).toEqual([name]);
    expect(await ctx.db.command({ create: name })).toMatchObject({ ok: 1 });
  });

  it("create of an existing collection with different options fails with NamespaceExists (48)", async () => {
    const name = ctx.fresh("exists");
    await ctx.db.createCollection(name);
    const err = await rejectionOf(ctx.db.command({ create: name, capped: true, size: 4096 }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(48);
    expect(err.codeName).toBe("NamespaceExists");
  });

  it("drop removes the collection with its documents and indexes", async () => {
    const name = ctx.fresh("dropped");
    const c = ctx.db.collection(name);
    await c.insertOne({ k: 1 });
    await c.createIndex({ k: 1 }, { unique: true });
    expect(await ctx.db.command({ drop: name })).toMatchObject({ ok: 1 });
    expect(await ctx.db.listCollections({ name }).toArray()).toEqual([]);
    await c.insertOne({ k: 1 });
    await c.insertOne({ k: 1 });
    expect((await c.listIndexes().toArray()).map((ix) => ix.name)).toEqual(["_id_"]);
  });

  it("the driver's drop of a collection that does not exist resolves without error", async () => {
    await expect(ctx.db.collection(ctx.fresh("never")).drop()).resolves.toBeTypeOf("boolean");
  });

  it("dropDatabase removes the database and all its collections from listDatabases", async () => {
    const otherName = uniqueDatabaseName("cmd_dropdb");
    const other = ctx.client.db(otherName);
    try {
      await other.collection("a").insertOne({ x: 1 });
      await other.collection("b").insertOne({ x: 1 });
      const before = await admin().command({ listDatabases: 1, nameOnly: true });
      expect((before.databases as Document[]).map((d) => d.name)).toContain(otherName);
      expect(await other.command({ dropDatabase: 1 })).toMatchObject({ ok: 1 });
      const after = await admin().command({ listDatabases: 1, nameOnly: true });
      expect((after.databases as Document[]).map((d) => d.name)).not.toContain(otherName);
      expect(await other.collection("a").countDocuments()).toBe(0);
      expect(await other.listCollections().toArray()).toEqual([]);
    } finally {
      await other.dropDatabase();
    }
  });

  it("count on a collection that does not exist answers n: 0", async () => {
    expect(await ctx.db.command({ count: ctx.fresh("nothing") })).toMatchObject({ ok: 1, n: 0 });
  });
});

describe("error replies", () => {
  it("an unknown command fails with CommandNotFound (59), carrying ok: 0, errmsg, code and codeName", async () => {
    const err = await rejectionOf(ctx.db.command({ frobnicate: 1 }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(59);
    expect(err.codeName).toBe("CommandNotFound");
    expect(String(err.errmsg)).toMatch(/no such command: 'frobnicate'/);
    expect(err.errorResponse).toMatchObject({ ok: 0, code: 59, codeName: "CommandNotFound" });
  });

  it("keeps the connection usable after an error reply", async () => {
    await rejectionOf(ctx.db.command({ frobnicate: 1 }));
    expect(await ctx.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});

describe("sessions and transactions on a standalone", () => {
  it("endSessions accepts session ids", async () => {
    const session = ctx.client.startSession();
    await ctx.db.collection("s").findOne({}, { session });
    const reply = await admin().command({ endSessions: [session.id] });
    expect(reply.ok).toBe(1);
    await session.endSession();
  });

  it("refuses a multi-document transaction with IllegalOperation (20): only replica set members or mongos", async ({ skip }) => {
    if ((await topologyOf(ctx.client)) !== "standalone") skip("transactions are supported on replica sets and mongos");
    const c = ctx.db.collection("txn");
    await c.insertOne({ _id: 1, n: 0 } as Document);
    const session = ctx.client.startSession();
    try {
      const err = await rejectionOf(
        session.withTransaction(async () => {
          await c.findOne({ _id: 1 } as Document, { session });
          await c.updateOne({ _id: 1 } as Document, { $inc: { n: 1 } }, { session });
        }),
      );
      expect(err).toBeInstanceOf(MongoServerError);
      expect(err.code).toBe(20);
      expect(err.codeName).toBe("IllegalOperation");
      expect(String(err.errmsg ?? err.message)).toMatch(/Transaction numbers are only allowed on a replica set member or mongos/);
    } finally {
      await session.endSession();
    }
    expect((await c.findOne({ _id: 1 } as Document))!.n).toBe(0);
  });

  it("a write inside a transaction on a standalone is refused with code 20 and writes nothing", async ({ skip }) => {
    if ((await topologyOf(ctx.client)) !== "standalone") skip("transactions are supported on replica sets and mongos");
    const c = ctx.db.collection("txn_write");
    const session = ctx.client.startSession();
    try {
      const err = await rejectionOf(
        session.withTransaction(async () => {
          await c.insertOne({ _id: "in-txn" } as Document, { session });
        }),
      );
      // The driver rewraps code 20 on writes ("does not support retryable writes"); the server's error is kept.
      const serverError = (err.originalError ?? err) as Document;
      expect(serverError.code).toBe(20);
    } finally {
      await session.endSession();
    }
    expect(await c.countDocuments()).toBe(0);
  });
});

describe("wire protocol robustness", () => {
  it("a malformed message ends that connection (or gets an error reply) while other clients keep being served", async () => {
    const { hostname, port } = new URL(ctx.target.uri.replace(/^mongodb(\+srv)?:\/\//, "http://").split(",")[0]!);
    const net = await import("node:net");
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: hostname, port: Number(port || 27017) }, () => {
        // messageLength 8 is below the 16-byte header minimum: invalid for any MongoDB server
        const header = Buffer.alloc(16);
        header.writeInt32LE(8, 0);
        header.writeInt32LE(1, 4);
        header.writeInt32LE(0, 8);
        header.writeInt32LE(2013, 12);
        socket.write(header);
      });
      const timer = setTimeout(() => {
        socket.destroy();
        resolve("timeout");
      }, 5_000);
      socket.on("data", () => {
        clearTimeout(timer);
        socket.destroy();
        resolve("reply");
      });
      socket.on("close", () => {
        clearTimeout(timer);
        resolve("closed");
      });
      socket.on("error", () => {
        /* a reset counts as closed */
      });
    });
    expect(["closed", "reply"]).toContain(outcome);
    expect(await ctx.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});
