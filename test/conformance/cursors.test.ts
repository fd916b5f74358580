// Sorting (BSON comparison order), skip/limit and cursors that span several batches: getMore, killCursors and
// the errors mongod gives for cursors that no longer exist.
import { beforeAll, describe, expect, it } from "vitest";
import {
  Binary,
  Long,
  MaxKey,
  MinKey,
  MongoServerError,
  ObjectId,
  Timestamp,
  type ClientSession,
  type Collection,
  type Document,
} from "mongodb";
import { rejectionOf, useConformanceDatabase } from "./support.js";

const ctx = useConformanceDatabase("cursors");
const TOTAL = 1050;
let big: Collection<Document>;

beforeAll(async () => {
  big = ctx.db.collection("big");
  await big.insertMany(
    Array.from({ length: TOTAL }, (_, i) => ({ _id: i, n: i, group: i % 7, label: `doc-${String(i).padStart(4, "0")}` })) as Document[],
  );
});

/** Cursor ids are 64-bit; the driver may hand small ones back as JS numbers, but getMore/killCursors need a long. */
function asLong(id: unknown): Long {
  if (Long.isLong(id)) return id;
  if (typeof id === "bigint") return Long.fromBigInt(id);
  return Long.fromNumber(Number(id));
}

async function withSession<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = ctx.client.startSession();
  try {
    return await fn(session);
  } finally {
    await session.endSession();
  }
}

describe("cursors larger than one batch", () => {
  it("toArray returns every document, not just the first batch", async () => {
    const all = await big.find({}).toArray();
    expect(all).toHaveLength(TOTAL);
    expect(new Set(all.map((d) => d._id)).size).toBe(TOTAL);
  });

  it("async iteration with batchSize 100 visits every document exactly once, in sort order", async () => {
    const seen: number[] = [];
    for await (const d of big.find({}, { batchSize: 100 }).sort({ n: 1 })) seen.push(d.n as number);
    expect(seen).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
  });

  it("iterates with the default batch size, with a filter, to the end", async () => {
    let count = 0;
    const cursor = big.find({ group: 3 });
    while (await cursor.hasNext()) {
      const d = await cursor.next();
      expect(d!.group).toBe(3);
      count++;
    }
    expect(count).toBe(150);
  });

  it("honours limit across getMore batches", async () => {
    const docs = await big.find({}).sort({ n: 1 }).limit(250).batchSize(100).toArray();
    expect(docs).toHaveLength(250);
    expect(docs[249]!.n).toBe(249);
  });

  it("skip beyond most documents returns the remainder", async () => {
    const docs = await big.find({}).sort({ n: 1 }).skip(1000).limit(100).toArray();
    expect(docs.map((d) => d.n)).toEqual(Array.from({ length: 50 }, (_, i) => 1000 + i));
  });

  it("the find command returns 101 documents in the first batch by default and an open cursor id", async () => {
    await withSession(async (session) => {
      const reply = await ctx.db.command({ find: "big", filter: {}, sort: { _id: 1 } }, { session });
      expect(reply.ok).toBe(1);
      expect(reply.cursor.ns).toBe(`${ctx.dbName}.big`);
      expect(reply.cursor.firstBatch).toHaveLength(101);
      expect(asLong(reply.cursor.id).isZero()).toBe(false);
      // getMore without batchSize is bounded only by the 16 MiB reply size: the rest arrives at once
      const more = await ctx.db.command({ getMore: asLong(reply.cursor.id), collection: "big" }, { session });
      expect(more.cursor.nextBatch).toHaveLength(TOTAL - 101);
      expect(more.cursor.nextBatch[0]._id).toBe(101);
      expect(asLong(more.cursor.id).isZero()).toBe(true);
    });
  });

  it("getMore honours its own batchSize and keeps the cursor open until the end", async () => {
    await withSession(async (session) => {
      const reply = await ctx.db.command({ find: "big", filter: { group: 0 }, sort: { _id: 1 }, batchSize: 50 }, { session });
      expect(reply.cursor.firstBatch).toHaveLength(50);
      const id = asLong(reply.cursor.id);
      const more = await ctx.db.command({ getMore: id, collection: "big", batchSize: 60 }, { session });
      expect(more.cursor.nextBatch).toHaveLength(60);
      expect(asLong(more.cursor.id).equals(id)).toBe(true);
      const rest = await ctx.db.command({ getMore: id, collection: "big", batchSize: 60 }, { session });
      expect(rest.cursor.nextBatch).toHaveLength(150 - 110);
      expect(asLong(rest.cursor.id).isZero()).toBe(true);
    });
  });

  it("a result that fits the first batch (limit) comes back with cursor id 0", async () => {
    const reply = await ctx.db.command({ find: "big", filter: {}, limit: 5 });
    expect(reply.cursor.firstBatch).toHaveLength(5);
    expect(asLong(reply.cursor.id).isZero()).toBe(true);
  });

  it("singleBatch closes the cursor after the first batch", async () => {
    const reply = await ctx.db.command({ find: "big", filter: {}, batchSize: 10, singleBatch: true });
    expect(reply.cursor.firstBatch).toHaveLength(10);
    expect(asLong(reply.cursor.id).isZero()).toBe(true);
  });

  it("cursor.close() kills the server cursor: a later getMore fails with CursorNotFound (43)", async () => {
    const cursor = big.find({}, { batchSize: 10 });
    await cursor.next();
    const id = cursor.id;
    expect(id).toBeDefined();
    expect(asLong(id).isZero()).toBe(false);
    await cursor.close();
    const err = await rejectionOf(ctx.db.command({ getMore: asLong(id), collection: "big" }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(43);
    expect(err.codeName).toBe("CursorNotFound");
  });

  it("killCursors reports killed and unknown ids, and getMore on a killed cursor fails with 43", async () => {
    await withSession(async (session) => {
      const reply = await ctx.db.command({ find: "big", filter: {}, batchSize: 5 }, { session });
      const id = asLong(reply.cursor.id);
      const bogus = Long.fromString("123456789012345");
      const killed = await ctx.db.command({ killCursors: "big", cursors: [id, bogus] }, { session });
      expect(killed.ok).toBe(1);
      expect(killed.cursorsKilled.map((x: unknown) => asLong(x).toString())).toEqual([id.toString()]);
      expect(killed.cursorsNotFound.map((x: unknown) => asLong(x).toString())).toEqual([bogus.toString()]);
      const err = await rejectionOf(ctx.db.command({ getMore: id, collection: "big" }, { session }));
      expect(err.code).toBe(43);
    });
  });

  it("getMore on a cursor id that never existed fails with CursorNotFound (43)", async () => {
    const err = await rejectionOf(ctx.db.command({ getMore: Long.fromString("987654321098765"), collection: "big" }));
    expect(err.code).toBe(43);
    expect(err.codeName).toBe("CursorNotFound");
  });
});

describe("sort, skip and limit", () => {
  it("sorts on several keys, mixing ascending and descending", async () => {
    const docs = await big
      .find({ n: { $lt: 21 } }, { projection: { _id: 0, group: 1, n: 1 } })
      .sort({ group: 1, n: -1 })
      .toArray();
    expect(docs.slice(0, 4)).toEqual([
      { n: 14, group: 0 },
      { n: 7, group: 0 },
      { n: 0, group: 0 },
      { n: 15, group: 1 },
    ]);
    expect(docs.at(-1)).toEqual({ n: 6, group: 6 });
  });

  it("applies skip after sort and limit after skip", async () => {
    const docs = await big.find({}).sort({ n: -1 }).skip(10).limit(3).toArray();
    expect(docs.map((d) => d.n)).toEqual([TOTAL - 11, TOTAL - 12, TOTAL - 13]);
  });

  it("orders values of different BSON types by type: MinKey, null/missing, numbers, strings, objects, ... MaxKey", async () => {
    const c = ctx.db.collection(ctx.fresh("mixed"));
    const oid = new ObjectId("65f000000000000000000001");
    const date = new Date("2024-01-01T00:00:00Z");
    await c.insertMany([
      { _id: "maxkey", v: new MaxKey() },
      { _id: "regex", v: /z/ },
      { _id: "timestamp", v: new Timestamp({ t: 1_700_000_000, i: 1 }) },
      { _id: "date", v: date },
      { _id: "true", v: true },
      { _id: "false", v: false },
      { _id: "objectid", v: oid },
      { _id: "bindata", v: new Binary(Buffer.from([1])) },
      { _id: "object", v: { a: 1 } },
      { _id: "string-a", v: "a" },
      { _id: "string-B", v: "B" },
      { _id: "long7", v: Long.fromNumber(7) },
      { _id: "int10", v: 10 },
      { _id: "double2.5", v: 2.5 },
      { _id: "missing" },
      { _id: "null", v: null },
      { _id: "minkey", v: new MinKey() },
    ] as Document[]);
    const asc = (await c.find({}).sort({ v: 1 }).toArray()).map((d) => d._id);
    expect(asc[0]).toBe("minkey");
    expect(asc.slice(1, 3).sort()).toEqual(["missing", "null"]);
    expect(asc.slice(3)).toEqual([
      "double2.5",
      "long7",
      "int10",
      "string-B",
      "string-a",
      "object",
      "bindata",
      "objectid",
      "false",
      "true",
      "date",
      "timestamp",
      "regex",
      "maxkey",
    ]);
    const desc = (await c.find({}).sort({ v: -1 }).toArray()).map((d) => d._id);
    expect(desc.slice(0, 14)).toEqual(asc.slice(3).reverse());
    expect(desc.slice(14, 16).sort()).toEqual(["missing", "null"]);
    expect(desc[16]).toBe("minkey");
  });

  it("puts documents missing the sort field first ascending and last descending", async () => {
    const c = ctx.db.collection(ctx.fresh("missing"));
    await c.insertMany([{ _id: 1, v: 5 }, { _id: 2 }, { _id: 3, v: -1 }] as Document[]);
    expect((await c.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual([2, 3, 1]);
    expect((await c.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual([1, 3, 2]);
  });

  it("sorts an array field by its smallest element ascending and its largest descending", async () => {
    const c = ctx.db.collection(ctx.fresh("arrays"));
    await c.insertMany([
      { _id: "arr", v: [1, 20] },
      { _id: "five", v: 5 },
      { _id: "fifteen", v: 15 },
    ] as Document[]);
    expect((await c.find().sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(["arr", "five", "fifteen"]);
    expect((await c.find().sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual(["arr", "fifteen", "five"]);
  });

  it("sorts by a dotted path into embedded documents, and compares strings by binary order", async () => {
    const c = ctx.db.collection(ctx.fresh("nested"));
    await c.insertMany([
      { _id: 1, p: { name: "bob" } },
      { _id: 2, p: { name: "Bob" } },
      { _id: 3, p: { name: "alice" } },
      { _id: 4, p: { name: "Zed" } },
    ] as Document[]);
    const names = (await c.find().sort({ "p.name": 1 }).toArray()).map((d) => (d.p as Document).name);
    expect(names).toEqual(["Bob", "Zed", "alice", "bob"]);
  });
});
