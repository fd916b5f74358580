// CRUD through the official driver: inserts (ordered and unordered bulk semantics), BSON type fidelity, deletes,
// findAndModify in its three forms, counts and distinct.
import { beforeAll, describe, expect, it } from "vitest";
import {
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  MongoBulkWriteError,
  MongoServerError,
  ObjectId,
  type Document,
} from "mongodb";
import { rejectionOf, useConformanceDatabase } from "./support.js";

const ctx = useConformanceDatabase("crud");
const coll = <T extends Document = Document>(name = ctx.fresh()) => ctx.db.collection<T>(name);

describe("insertOne", () => {
  it("stores the document under the _id the driver generated (an ObjectId) and reports it as insertedId", async () => {
    const c = coll();
    const res = await c.insertOne({ name: "Anna" });
    expect(res.acknowledged).toBe(true);
    expect(res.insertedId).toBeInstanceOf(ObjectId);
    const stored = await c.findOne({});
    expect(stored).toEqual({ _id: res.insertedId, name: "Anna" });
  });

  it("keeps a client-supplied _id of any non-array type (string, number, subdocument)", async () => {
    const c = coll();
    await c.insertOne({ _id: "school-01AB", n: 1 } as Document);
    await c.insertOne({ _id: 42, n: 2 } as Document);
    await c.insertOne({ _id: { board: 12345, seq: 1 }, n: 3 } as Document);
    expect(await c.findOne({ _id: "school-01AB" } as Document)).toEqual({ _id: "school-01AB", n: 1 });
    expect(await c.findOne({ _id: 42 } as Document)).toEqual({ _id: 42, n: 2 });
    expect(await c.findOne({ _id: { board: 12345, seq: 1 } } as Document)).toEqual({
      _id: { board: 12345, seq: 1 },
      n: 3,
    });
  });

  it("refuses an array as _id with BadValue (2)", async () => {
    const c = coll();
    const err = await rejectionOf(c.insertOne({ _id: [1, 2] } as Document));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(2);
    expect(await c.countDocuments()).toBe(0);
  });

  it("rejects a second document with the same _id with E11000 on the _id_ index", async () => {
    const c = coll();
    await c.insertOne({ _id: 7, v: "first" } as Document);
    const err = await rejectionOf(c.insertOne({ _id: 7, v: "second" } as Document));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ _id: 1 });
    expect(err.keyValue).toEqual({ _id: 7 });
    expect(String(err.errmsg ?? err.message)).toMatch(/E11000 duplicate key error .*index: _id_ dup key/);
    expect(await c.find().toArray()).toEqual([{ _id: 7, v: "first" }]);
  });

  describe("BSON type fidelity", () => {
    const oid = new ObjectId();
    const when = new Date("2024-03-01T12:34:56.789Z");
    let c: ReturnType<typeof coll>;

    beforeAll(async () => {
      c = coll("typed");
      await c.insertOne({
        _id: 1,
        i: new Int32(3),
        l: Long.fromString("9007199254740993"),
        d: new Double(3),
        dec: Decimal128.fromString("1.10"),
        when,
        bin: new Binary(Buffer.from([0, 1, 2, 255])),
        yes: true,
        nothing: null,
        ref: oid,
        re: /^ab/i,
        nested: { list: [1, "two", { three: 3 }] },
      } as Document);
    });

    it("stores each value with its own BSON type: a double 3.0 stays a double, an int32 stays an int", async () => {
      const typeOf = async (field: string, alias: string) =>
        c.countDocuments({ _id: 1, [field]: { $type: alias } } as Document);
      expect(await typeOf("i", "int")).toBe(1);
      expect(await typeOf("l", "long")).toBe(1);
      expect(await typeOf("d", "double")).toBe(1);
      expect(await typeOf("d", "int")).toBe(0);
      expect(await typeOf("dec", "decimal")).toBe(1);
      expect(await typeOf("when", "date")).toBe(1);
      expect(await typeOf("bin", "binData")).toBe(1);
      expect(await typeOf("yes", "bool")).toBe(1);
      expect(await typeOf("nothing", "null")).toBe(1);
      expect(await typeOf("ref", "objectId")).toBe(1);
      expect(await typeOf("re", "regex")).toBe(1);
      expect(await typeOf("nested", "object")).toBe(1);
    });

    it("the aggregation $type expression names types with MongoDB's aliases", async () => {
      const [types] = await c
        .aggregate([
          {
            $project: {
              _id: 0,
              i: { $type: "$i" },
              l: { $type: "$l" },
              d: { $type: "$d" },
              dec: { $type: "$dec" },
              when: { $type: "$when" },
              bin: { $type: "$bin" },
              yes: { $type: "$yes" },
              nothing: { $type: "$nothing" },
              ref: { $type: "$ref" },
              re: { $type: "$re" },
              nested: { $type: "$nested" },
              list: { $type: "$nested.list" },
              missing: { $type: "$missing" },
            },
          },
        ])
        .toArray();
      expect(types).toEqual({
        i: "int",
        l: "long",
        d: "double",
        dec: "decimal",
        when: "date",
        bin: "binData",
        yes: "bool",
        nothing: "null",
        ref: "objectId",
        re: "regex",
        nested: "object",
        list: "array",
        missing: "missing",
      });
    });

    it("returns every value exactly as stored (64-bit longs, decimals, dates, binary, regex options)", async () => {
      const raw = await c.findOne({ _id: 1 } as Document, { promoteLongs: false, promoteValues: false });
      expect(raw).not.toBeNull();
      expect(Long.isLong(raw!.l)).toBe(true);
      expect((raw!.l as Long).toString()).toBe("9007199254740993");
      expect((raw!.dec as Decimal128).toString()).toBe("1.10");
      expect(raw!.d).toBeInstanceOf(Double);
      expect(raw!.i).toBeInstanceOf(Int32);
      const plain = await c.findOne({ _id: 1 } as Document);
      expect(plain!.when).toEqual(when);
      expect(plain!.ref).toEqual(oid);
      expect(Buffer.from((plain!.bin as Binary).buffer)).toEqual(Buffer.from([0, 1, 2, 255]));
      expect(plain!.re).toBeInstanceOf(RegExp);
      expect((plain!.re as RegExp).source).toBe("^ab");
      expect((plain!.re as RegExp).flags).toBe("i");
      expect(plain!.nested).toEqual({ list: [1, "two", { three: 3 }] });
    });
  });

  it("keeps field order as inserted", async () => {
    const c = coll();
    await c.insertOne({ _id: 1, z: 1, a: 2, m: { y: 1, b: 2 } } as Document);
    const back = await c.findOne({ _id: 1 } as Document);
    expect(Object.keys(back!)).toEqual(["_id", "z", "a", "m"]);
    expect(Object.keys(back!.m as Document)).toEqual(["y", "b"]);
  });
});

describe("insertMany", () => {
  it("inserts all documents and reports insertedCount and insertedIds by position", async () => {
    const c = coll();
    const res = await c.insertMany([{ n: 1 }, { n: 2 }, { _id: "three", n: 3 } as Document]);
    expect(res.insertedCount).toBe(3);
    expect(Object.keys(res.insertedIds)).toEqual(["0", "1", "2"]);
    expect(res.insertedIds[2]).toBe("three");
    expect(await c.countDocuments()).toBe(3);
  });

  it("ordered (default): stops at the first duplicate; documents before it are inserted, after it are not", async () => {
    const c = coll();
    const err = await rejectionOf(
      c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 2 }, { _id: 3 }] as Document[]),
    );
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as unknown as MongoBulkWriteError;
    expect(bulk.code).toBe(11000);
    const writeErrors = [bulk.writeErrors].flat();
    expect(writeErrors.map((e) => e.index)).toEqual([2]);
    expect(writeErrors[0]!.code).toBe(11000);
    expect(bulk.insertedCount).toBe(2);
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2]);
  });

  it("unordered: skips each duplicate, inserts everything else and reports every failing index", async () => {
    const c = coll();
    const err = await rejectionOf(
      c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }, { _id: 2 }] as Document[], { ordered: false }),
    );
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as unknown as MongoBulkWriteError;
    const writeErrors = [bulk.writeErrors].flat();
    expect(writeErrors.map((e) => e.index).sort()).toEqual([2, 4]);
    expect(writeErrors.every((e) => e.code === 11000)).toBe(true);
    expect(bulk.insertedCount).toBe(3);
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2, 3]);
  });

  it("accepts an insertMany larger than one 48 MB wire message (the driver splits it; all documents arrive)", async () => {
    const c = coll();
    const pad = "x".repeat(1024 * 1024);
    const docs = Array.from({ length: 52 }, (_, i) => ({ _id: i, pad }));
    const res = await c.insertMany(docs as Document[]);
    expect(res.insertedCount).toBe(52);
    expect(await c.countDocuments()).toBe(52);
    const last = await c.findOne({ _id: 51 } as Document);
    expect((last!.pad as string).length).toBe(1024 * 1024);
  });
});

describe("deleteOne / deleteMany", () => {
  it("deleteOne removes exactly one matching document, deleteMany removes all matches", async () => {
    const c = coll();
    await c.insertMany([
      { _id: 1, k: "a" },
      { _id: 2, k: "a" },
      { _id: 3, k: "a" },
      { _id: 4, k: "b" },
    ] as Document[]);
    const one = await c.deleteOne({ k: "a" });
    expect(one.deletedCount).toBe(1);
    expect(await c.countDocuments({ k: "a" })).toBe(2);
    const many = await c.deleteMany({ k: "a" });
    expect(many.deletedCount).toBe(2);
    expect((await c.find().toArray()).map((d) => d._id)).toEqual([4]);
  });

  it("reports deletedCount 0 when nothing matches, and deleteMany({}) empties the collection", async () => {
    const c = coll();
    await c.insertMany([{ _id: 1 }, { _id: 2 }] as Document[]);
    expect((await c.deleteOne({ _id: 99 } as Document)).deletedCount).toBe(0);
    expect((await c.deleteMany({ nope: true })).deletedCount).toBe(0);
    expect((await c.deleteMany({})).deletedCount).toBe(2);
    expect(await c.countDocuments()).toBe(0);
  });
});

describe("findOneAndUpdate / findOneAndDelete / findOneAndReplace", () => {
  async function seeded() {
    const c = coll();
    await c.insertMany([
      { _id: 1, k: "x", n: 10, extra: "a" },
      { _id: 2, k: "x", n: 30, extra: "b" },
      { _id: 3, k: "x", n: 20, extra: "c" },
    ] as Document[]);
    return c;
  }

  it("findOneAndUpdate returns the document as it was before the update by default", async () => {
    const c = await seeded();
    const before = await c.findOneAndUpdate({ _id: 1 } as Document, { $inc: { n: 5 } });
    expect(before).toEqual({ _id: 1, k: "x", n: 10, extra: "a" });
    expect((await c.findOne({ _id: 1 } as Document))!.n).toBe(15);
  });

  it("findOneAndUpdate with returnDocument 'after' returns the updated document", async () => {
    const c = await seeded();
    const after = await c.findOneAndUpdate({ _id: 1 } as Document, { $set: { extra: "z" } }, { returnDocument: "after" });
    expect(after).toEqual({ _id: 1, k: "x", n: 10, extra: "z" });
  });

  it("findOneAndUpdate with sort modifies the first document in sort order only", async () => {
    const c = await seeded();
    const hit = await c.findOneAndUpdate({ k: "x" }, { $set: { picked: true } }, { sort: { n: -1 }, returnDocument: "after" });
    expect(hit!._id).toBe(2);
    expect(await c.countDocuments({ picked: true })).toBe(1);
  });

  it("findOneAndUpdate applies the projection to the returned document", async () => {
    const c = await seeded();
    const hit = await c.findOneAndUpdate(
      { _id: 3 } as Document,
      { $set: { n: 21 } },
      { projection: { n: 1, _id: 0 }, returnDocument: "after" },
    );
    expect(hit).toEqual({ n: 21 });
  });

  it("findOneAndUpdate returns null when nothing matches and upsert is off", async () => {
    const c = await seeded();
    expect(await c.findOneAndUpdate({ _id: 99 } as Document, { $set: { n: 1 } })).toBeNull();
    expect(await c.countDocuments()).toBe(3);
  });

  it("findOneAndUpdate with upsert inserts; returns null with 'before' and the new document with 'after'", async () => {
    const c = await seeded();
    const before = await c.findOneAndUpdate({ _id: 50 } as Document, { $set: { n: 1 } }, { upsert: true });
    expect(before).toBeNull();
    expect(await c.findOne({ _id: 50 } as Document)).toEqual({ _id: 50, n: 1 });
    const after = await c.findOneAndUpdate(
      { k: "new" },
      { $set: { n: 2 }, $setOnInsert: { created: true } },
      { upsert: true, returnDocument: "after" },
    );
    expect(after).toMatchObject({ k: "new", n: 2, created: true });
    expect(after!._id).toBeInstanceOf(ObjectId);
  });

  it("findOneAndUpdate with includeResultMetadata reports lastErrorObject (updatedExisting, upserted)", async () => {
    const c = await seeded();
    const existing = await c.findOneAndUpdate({ _id: 1 } as Document, { $inc: { n: 1 } }, { includeResultMetadata: true });
    expect(existing.ok).toBe(1);
    expect(existing.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
    const inserted = await c.findOneAndUpdate(
      { _id: 77 } as Document,
      { $set: { n: 1 } },
      { upsert: true, includeResultMetadata: true },
    );
    expect(inserted.value).toBeNull();
    expect(inserted.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 77 });
  });

  it("findOneAndDelete removes and returns the first document in sort order", async () => {
    const c = await seeded();
    const removed = await c.findOneAndDelete({ k: "x" }, { sort: { n: 1 } });
    expect(removed).toEqual({ _id: 1, k: "x", n: 10, extra: "a" });
    expect(await c.countDocuments()).toBe(2);
    expect(await c.findOneAndDelete({ _id: 1 } as Document)).toBeNull();
  });

  it("findOneAndReplace replaces the whole document but keeps its _id", async () => {
    const c = await seeded();
    const before = await c.findOneAndReplace({ _id: 2 } as Document, { k: "y", only: true });
    expect(before).toEqual({ _id: 2, k: "x", n: 30, extra: "b" });
    expect(await c.findOne({ _id: 2 } as Document)).toEqual({ _id: 2, k: "y", only: true });
    const after = await c.findOneAndReplace({ _id: 3 } as Document, { k: "z" }, { returnDocument: "after" });
    expect(after).toEqual({ _id: 3, k: "z" });
  });

  it("findOneAndReplace with upsert inserts the replacement under the filter's _id", async () => {
    const c = await seeded();
    const after = await c.findOneAndReplace({ _id: 9 } as Document, { k: "r" }, { upsert: true, returnDocument: "after" });
    expect(after).toEqual({ _id: 9, k: "r" });
  });
});

describe("countDocuments / estimatedDocumentCount / distinct", () => {
  it("countDocuments counts matches and honours skip and limit", async () => {
    const c = coll();
    await c.insertMany(Array.from({ length: 25 }, (_, i) => ({ _id: i, even: i % 2 === 0 })) as Document[]);
    expect(await c.countDocuments()).toBe(25);
    expect(await c.countDocuments({ even: true })).toBe(13);
    expect(await c.countDocuments({ even: true }, { skip: 10 })).toBe(3);
    expect(await c.countDocuments({}, { limit: 7 })).toBe(7);
    expect(await c.countDocuments({ nope: 1 })).toBe(0);
  });

  it("estimatedDocumentCount returns the collection size, and 0 for a collection that does not exist", async () => {
    const c = coll();
    await c.insertMany(Array.from({ length: 12 }, (_, i) => ({ _id: i })) as Document[]);
    expect(await c.estimatedDocumentCount()).toBe(12);
    expect(await coll("does_not_exist").estimatedDocumentCount()).toBe(0);
  });

  it("distinct returns each value once, unwinds array fields and follows dotted paths", async () => {
    const c = coll();
    await c.insertMany([
      { _id: 1, city: "Utrecht", tags: ["a", "b"], addr: { zip: "3511" } },
      { _id: 2, city: "Utrecht", tags: ["b", "c"], addr: { zip: "1011" } },
      { _id: 3, city: "Zwolle", tags: "d", addr: { zip: "3511" } },
      { _id: 4, tags: [] },
    ] as Document[]);
    expect((await c.distinct("city")).sort()).toEqual(["Utrecht", "Zwolle"]);
    expect((await c.distinct("tags")).sort()).toEqual(["a", "b", "c", "d"]);
    expect((await c.distinct("addr.zip")).sort()).toEqual(["1011", "3511"]);
    expect((await c.distinct("tags", { city: "Utrecht" })).sort()).toEqual(["a", "b", "c"]);
    expect(await c.distinct("nothing")).toEqual([]);
  });

  it("distinct treats numerically equal numbers of different types as one value", async () => {
    const c = coll();
    await c.insertMany([{ v: new Int32(1) }, { v: new Double(1) }, { v: Long.fromNumber(1) }, { v: 2 }]);
    expect((await c.distinct("v")).map(Number).sort()).toEqual([1, 2]);
  });
});
