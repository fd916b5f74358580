// Update operators, array updates, replacement, pipeline updates and upserts, as mongod 7 applies them.
import { describe, expect, it } from "vitest";
import { MongoServerError, ObjectId, Timestamp, type Collection, type Document, type UpdateFilter } from "mongodb";
import { rejectionOf, useConformanceDatabase } from "./support.js";

const ctx = useConformanceDatabase("updates");

type Loose = Document;

/** The driver's array-operator typings only accept fields declared as arrays in a schema type; these are untyped. */
const ops = (update: Document) => update as UpdateFilter<Loose>;

/** A fresh collection holding the given documents. */
async function withDocs(docs: Document[]): Promise<Collection<Loose>> {
  const c = ctx.db.collection<Loose>(ctx.fresh("u"));
  if (docs.length) await c.insertMany(docs);
  return c;
}

async function doc(c: Collection<Loose>, id: unknown): Promise<Document | null> {
  return c.findOne({ _id: id } as Document);
}

describe("field update operators", () => {
  it("$set replaces a value and creates missing dotted paths as embedded documents", async () => {
    const c = await withDocs([{ _id: 1, a: 1 }]);
    const res = await c.updateOne({ _id: 1 } as Document, { $set: { a: 2, "b.c.d": "deep" } });
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(1);
    expect(await doc(c, 1)).toEqual({ _id: 1, a: 2, b: { c: { d: "deep" } } });
  });

  it("$set to the value already stored matches but does not modify (modifiedCount 0)", async () => {
    const c = await withDocs([{ _id: 1, a: 1 }]);
    const res = await c.updateOne({ _id: 1 } as Document, { $set: { a: 1 } });
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(0);
  });

  it("$set on an array index beyond the end pads the array with nulls", async () => {
    const c = await withDocs([{ _id: 1, arr: [1] }]);
    await c.updateOne({ _id: 1 } as Document, { $set: { "arr.3": 4 } });
    expect((await doc(c, 1))!.arr).toEqual([1, null, null, 4]);
  });

  it("$unset removes fields; unsetting an array element leaves null in its place", async () => {
    const c = await withDocs([{ _id: 1, a: 1, b: { c: 1, d: 2 }, arr: [1, 2, 3] }]);
    await c.updateOne({ _id: 1 } as Document, { $unset: { a: "", "b.c": "", "arr.1": "", missing: "" } });
    expect(await doc(c, 1)).toEqual({ _id: 1, b: { d: 2 }, arr: [1, null, 3] });
  });

  it("$inc adds to a number and creates a missing field with the increment", async () => {
    const c = await withDocs([{ _id: 1, n: 5 }]);
    await c.updateOne({ _id: 1 } as Document, { $inc: { n: -2, fresh: 3, "sub.count": 1 } });
    expect(await doc(c, 1)).toEqual({ _id: 1, n: 3, fresh: 3, sub: { count: 1 } });
  });

  it("$inc on a non-numeric value fails with TypeMismatch (14) and leaves the document unchanged", async () => {
    const c = await withDocs([{ _id: 1, n: "five" }]);
    const err = await rejectionOf(c.updateOne({ _id: 1 } as Document, { $inc: { n: 1 } }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(14);
    expect(await doc(c, 1)).toEqual({ _id: 1, n: "five" });
  });

  it("$mul multiplies and sets a missing field to 0", async () => {
    const c = await withDocs([{ _id: 1, price: 2.5 }]);
    await c.updateOne({ _id: 1 } as Document, { $mul: { price: 4, absent: 10 } });
    expect(await doc(c, 1)).toEqual({ _id: 1, price: 10, absent: 0 });
  });

  it("$min and $max only replace when the new value is lower / higher (numbers and dates)", async () => {
    const early = new Date("2024-01-01T00:00:00Z");
    const late = new Date("2024-06-01T00:00:00Z");
    const c = await withDocs([{ _id: 1, lo: 10, hi: 10, first: late, last: early }]);
    await c.updateOne({ _id: 1 } as Document, { $min: { lo: 5, first: early }, $max: { hi: 7, last: late } });
    expect(await doc(c, 1)).toEqual({ _id: 1, lo: 5, hi: 10, first: early, last: late });
    await c.updateOne({ _id: 1 } as Document, { $max: { hi: 12, created: 1 } });
    expect(await doc(c, 1)).toMatchObject({ hi: 12, created: 1 });
  });

  it("$rename moves a field, also into and out of embedded documents", async () => {
    const c = await withDocs([{ _id: 1, name: "Anna", a: { b: 1 }, keep: true }]);
    await c.updateOne({ _id: 1 } as Document, { $rename: { name: "fullName", "a.b": "c.d", nothing: "x" } });
    expect(await doc(c, 1)).toEqual({ _id: 1, a: {}, keep: true, fullName: "Anna", c: { d: 1 } });
  });

  it("$currentDate sets a date (or a timestamp with $type) from the server clock", async () => {
    const c = await withDocs([{ _id: 1 }]);
    const t0 = Date.now();
    await c.updateOne({ _id: 1 } as Document, ops({ $currentDate: { changed: true, ts: { $type: "timestamp" } } }));
    const d = await doc(c, 1);
    expect(d!.changed).toBeInstanceOf(Date);
    // generous window: the server clock of an external MongoDB may differ a little from ours
    expect(Math.abs((d!.changed as Date).getTime() - t0)).toBeLessThan(5 * 60_000);
    expect(d!.ts).toBeInstanceOf(Timestamp);
    expect(Math.abs((d!.ts as Timestamp).t * 1000 - t0)).toBeLessThan(5 * 60_000);
  });

  it("$setOnInsert does nothing when the update matches an existing document", async () => {
    const c = await withDocs([{ _id: 1, a: 1 }]);
    const res = await c.updateOne({ _id: 1 } as Document, { $set: { a: 2 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(res.upsertedCount).toBe(0);
    expect(res.upsertedId).toBeNull();
    expect(await doc(c, 1)).toEqual({ _id: 1, a: 2 });
  });

  it("two operators on the same path fail with ConflictingUpdateOperators (40)", async () => {
    const c = await withDocs([{ _id: 1, a: 1 }]);
    const err = await rejectionOf(c.updateOne({ _id: 1 } as Document, { $set: { a: 5 }, $inc: { a: 1 } }));
    expect(err.code).toBe(40);
    expect(err.codeName).toBe("ConflictingUpdateOperators");
  });

  it("updateMany modifies every matching document and reports matched and modified counts", async () => {
    const c = await withDocs([
      { _id: 1, k: "a", v: 1 },
      { _id: 2, k: "a", v: 2 },
      { _id: 3, k: "a", v: 2 },
      { _id: 4, k: "b", v: 1 },
    ]);
    const res = await c.updateMany({ k: "a" }, { $set: { v: 2 } });
    expect(res.matchedCount).toBe(3);
    expect(res.modifiedCount).toBe(1);
    expect(await c.countDocuments({ v: 2 })).toBe(3);
    const none = await c.updateMany({ k: "zzz" }, { $set: { v: 9 } });
    expect(none.matchedCount).toBe(0);
    expect(none.modifiedCount).toBe(0);
  });

  it("updateOne modifies only the first matching document", async () => {
    const c = await withDocs([
      { _id: 1, k: "a" },
      { _id: 2, k: "a" },
    ]);
    const res = await c.updateOne({ k: "a" }, { $set: { hit: true } });
    expect(res.matchedCount).toBe(1);
    expect(await c.countDocuments({ hit: true })).toBe(1);
  });
});

describe("array update operators", () => {
  it("$push appends one value and creates the array when missing", async () => {
    const c = await withDocs([{ _id: 1, arr: [1] }, { _id: 2 }]);
    await c.updateMany({}, ops({ $push: { arr: 9 } }));
    expect((await doc(c, 1))!.arr).toEqual([1, 9]);
    expect((await doc(c, 2))!.arr).toEqual([9]);
  });

  it("$push of an array without $each appends it as a single element", async () => {
    const c = await withDocs([{ _id: 1, arr: [1] }]);
    await c.updateOne({ _id: 1 } as Document, ops({ $push: { arr: [2, 3] } }));
    expect((await doc(c, 1))!.arr).toEqual([1, [2, 3]]);
  });

  it("$push with $each, $sort and $slice appends, sorts, then trims", async () => {
    const c = await withDocs([{ _id: 1, scores: [80, 60] }]);
    await c.updateOne({ _id: 1 } as Document, ops({ $push: { scores: { $each: [72, 95], $sort: -1, $slice: 3 } } }));
    expect((await doc(c, 1))!.scores).toEqual([95, 80, 72]);
  });

  it("$push with $each and $position inserts at the given index; $sort by a subdocument field", async () => {
    const c = await withDocs([{ _id: 1, letters: ["b", "c"], people: [{ n: "x", age: 30 }] }]);
    await c.updateOne(
      { _id: 1 } as Document,
      ops({
        $push: {
          letters: { $each: ["a"], $position: 0 },
          people: { $each: [{ n: "y", age: 20 }, { n: "z", age: 40 }], $sort: { age: 1 } },
        },
      }),
    );
    const d = await doc(c, 1);
    expect(d!.letters).toEqual(["a", "b", "c"]);
    expect(d!.people).toEqual([
      { n: "y", age: 20 },
      { n: "x", age: 30 },
      { n: "z", age: 40 },
    ]);
  });

  it("$push with a negative $slice keeps the last elements", async () => {
    const c = await withDocs([{ _id: 1, log: [1, 2, 3] }]);
    await c.updateOne({ _id: 1 } as Document, ops({ $push: { log: { $each: [4, 5], $slice: -3 } } }));
    expect((await doc(c, 1))!.log).toEqual([3, 4, 5]);
  });

  it("$push onto a non-array field fails with BadValue (2)", async () => {
    const c = await withDocs([{ _id: 1, arr: "text" }]);
    const err = await rejectionOf(c.updateOne({ _id: 1 } as Document, ops({ $push: { arr: 1 } })));
    expect(err.code).toBe(2);
  });

  it("$addToSet adds only values not yet present (subdocuments compared whole), with and without $each", async () => {
    const c = await withDocs([{ _id: 1, tags: ["a", "b"], objs: [{ x: 1, y: 2 }] }]);
    const same = await c.updateOne({ _id: 1 } as Document, { $addToSet: { tags: "a" } });
    expect(same.modifiedCount).toBe(0);
    await c.updateOne({ _id: 1 } as Document, {
      $addToSet: { tags: { $each: ["b", "c", "c", "d"] }, objs: { y: 2, x: 1 } },
    });
    const d = await doc(c, 1);
    expect(d!.tags).toEqual(["a", "b", "c", "d"]);
    // field order matters for embedded document equality, so {y:2,x:1} is a new element
    expect(d!.objs).toEqual([
      { x: 1, y: 2 },
      { y: 2, x: 1 },
    ]);
  });

  it("$pull removes every element equal to a value or matching a condition", async () => {
    const c = await withDocs([
      {
        _id: 1,
        nums: [1, 5, 8, 5, 10],
        tags: ["a", "b", "a"],
        items: [
          { sku: "x", qty: 1 },
          { sku: "y", qty: 2 },
          { sku: "x", qty: 3 },
        ],
      },
    ]);
    await c.updateOne({ _id: 1 } as Document, ops({ $pull: { nums: { $gte: 8 }, tags: "a", items: { sku: "x" } } }));
    const d = await doc(c, 1);
    expect(d!.nums).toEqual([1, 5, 5]);
    expect(d!.tags).toEqual(["b"]);
    expect(d!.items).toEqual([{ sku: "y", qty: 2 }]);
  });

  it("$pullAll removes all occurrences of each listed value", async () => {
    const c = await withDocs([{ _id: 1, nums: [0, 2, 5, 5, 1, 0] }]);
    await c.updateOne({ _id: 1 } as Document, ops({ $pullAll: { nums: [0, 5] } }));
    expect((await doc(c, 1))!.nums).toEqual([2, 1]);
  });

  it("$pop removes the last element with 1 and the first with -1", async () => {
    const c = await withDocs([{ _id: 1, a: [1, 2, 3], b: [1, 2, 3] }]);
    await c.updateOne({ _id: 1 } as Document, ops({ $pop: { a: 1, b: -1 } }));
    const d = await doc(c, 1);
    expect(d!.a).toEqual([1, 2]);
    expect(d!.b).toEqual([2, 3]);
  });
});

describe("positional updates", () => {
  it("$ updates the first array element matched by the query", async () => {
    const c = await withDocs([{ _id: 1, grades: [80, 85, 80] }]);
    await c.updateOne({ _id: 1, grades: 80 } as Document, { $set: { "grades.$": 82 } });
    expect((await doc(c, 1))!.grades).toEqual([82, 85, 80]);
  });

  it("$ addresses fields inside the matched subdocument", async () => {
    const c = await withDocs([
      {
        _id: 1,
        items: [
          { sku: "x", qty: 1 },
          { sku: "y", qty: 2 },
        ],
      },
    ]);
    await c.updateOne({ _id: 1, "items.sku": "y" } as Document, { $inc: { "items.$.qty": 10 } });
    expect((await doc(c, 1))!.items).toEqual([
      { sku: "x", qty: 1 },
      { sku: "y", qty: 12 },
    ]);
  });

  it("$ without the array in the query fails with BadValue (2)", async () => {
    const c = await withDocs([{ _id: 1, grades: [1, 2] }]);
    const err = await rejectionOf(c.updateOne({ _id: 1 } as Document, { $set: { "grades.$": 0 } }));
    expect(err.code).toBe(2);
    expect(String(err.message)).toMatch(/positional operator did not find the match needed from the query/);
  });

  it("$[] updates every element of the array", async () => {
    const c = await withDocs([{ _id: 1, grades: [80, 85, 90], items: [{ q: 1 }, { q: 2 }] }]);
    await c.updateOne({ _id: 1 } as Document, { $inc: { "grades.$[]": 10, "items.$[].q": 100 } });
    const d = await doc(c, 1);
    expect(d!.grades).toEqual([90, 95, 100]);
    expect(d!.items).toEqual([{ q: 101 }, { q: 102 }]);
  });

  it("$[identifier] with arrayFilters updates only the elements that match the filter", async () => {
    const c = await withDocs([
      {
        _id: 1,
        grades: [95, 70, 100, 84],
        items: [
          { sku: "x", qty: 1 },
          { sku: "y", qty: 2 },
          { sku: "x", qty: 3 },
        ],
      },
    ]);
    await c.updateOne(
      { _id: 1 } as Document,
      { $set: { "grades.$[high]": 100, "items.$[it].qty": 0 } },
      { arrayFilters: [{ high: { $gte: 90 } }, { "it.sku": "x" }] },
    );
    const d = await doc(c, 1);
    expect(d!.grades).toEqual([100, 70, 100, 84]);
    expect(d!.items).toEqual([
      { sku: "x", qty: 0 },
      { sku: "y", qty: 2 },
      { sku: "x", qty: 0 },
    ]);
  });

  it("$[identifier] without a matching arrayFilters entry fails with BadValue (2)", async () => {
    const c = await withDocs([{ _id: 1, grades: [1] }]);
    const err = await rejectionOf(c.updateOne({ _id: 1 } as Document, { $set: { "grades.$[g]": 0 } }));
    expect(err.code).toBe(2);
  });
});

describe("replacement and _id immutability", () => {
  it("replaceOne replaces every field but _id", async () => {
    const c = await withDocs([{ _id: 1, a: 1, b: 2 }]);
    const res = await c.replaceOne({ _id: 1 } as Document, { c: 3 });
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(1);
    expect(await doc(c, 1)).toEqual({ _id: 1, c: 3 });
  });

  it("refuses $set of _id to another value with ImmutableField (66)", async () => {
    const c = await withDocs([{ _id: 1, a: 1 }]);
    const err = await rejectionOf(c.updateOne({ _id: 1 } as Document, { $set: { _id: 2 } }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(66);
    expect(err.codeName).toBe("ImmutableField");
    expect(await doc(c, 1)).toEqual({ _id: 1, a: 1 });
  });

  it("refuses a replacement carrying a different _id with ImmutableField (66)", async () => {
    const c = await withDocs([{ _id: 1, a: 1 }]);
    const err = await rejectionOf(c.replaceOne({ _id: 1 } as Document, { _id: 2, a: 2 } as Document));
    expect(err.code).toBe(66);
    expect(await c.find().toArray()).toEqual([{ _id: 1, a: 1 }]);
  });

  it("accepts $set of _id to the value it already has", async () => {
    const c = await withDocs([{ _id: 1, a: 1 }]);
    const res = await c.updateOne({ _id: 1 } as Document, { $set: { _id: 1, a: 2 } });
    expect(res.modifiedCount).toBe(1);
    expect(await doc(c, 1)).toEqual({ _id: 1, a: 2 });
  });
});

describe("pipeline updates", () => {
  it("updateOne with an aggregation pipeline computes fields from the document itself", async () => {
    const c = await withDocs([{ _id: 1, a: 2, b: 3, tmp: "x" }]);
    await c.updateOne({ _id: 1 } as Document, [
      { $set: { total: { $add: ["$a", "$b"] }, "meta.updated": true } },
      { $unset: ["tmp"] },
    ]);
    expect(await doc(c, 1)).toEqual({ _id: 1, a: 2, b: 3, total: 5, meta: { updated: true } });
  });

  it("updateMany with a pipeline applies it per document ($concat, $cond)", async () => {
    const c = await withDocs([
      { _id: 1, first: "Anna", last: "de Vries", n: 3 },
      { _id: 2, first: "Bram", last: "Jansen", n: 12 },
    ]);
    await c.updateMany({}, [
      {
        $set: {
          full: { $concat: ["$first", " ", "$last"] },
          size: { $cond: [{ $gte: ["$n", 10] }, "big", "small"] },
        },
      },
    ]);
    const all = await c.find().sort({ _id: 1 }).toArray();
    expect(all.map((d) => [d.full, d.size])).toEqual([
      ["Anna de Vries", "small"],
      ["Bram Jansen", "big"],
    ]);
  });
});

describe("upserts", () => {
  it("builds the new document from the equality fields of the filter, the update and $setOnInsert", async () => {
    const c = await withDocs([]);
    const res = await c.updateOne(
      { name: "x", "meta.kind": "k", age: { $gt: 5 } },
      { $set: { a: 1 }, $setOnInsert: { created: true } },
      { upsert: true },
    );
    expect(res.matchedCount).toBe(0);
    expect(res.modifiedCount).toBe(0);
    expect(res.upsertedCount).toBe(1);
    expect(res.upsertedId).toBeInstanceOf(ObjectId);
    const d = await doc(c, res.upsertedId);
    expect(d).toEqual({ _id: res.upsertedId, name: "x", meta: { kind: "k" }, a: 1, created: true });
  });

  it("takes _id from the filter and reports it as upsertedId", async () => {
    const c = await withDocs([]);
    const res = await c.updateOne({ _id: "fixed" } as Document, { $inc: { n: 1 } }, { upsert: true });
    expect(res.upsertedId).toBe("fixed");
    expect(await doc(c, "fixed")).toEqual({ _id: "fixed", n: 1 });
  });

  it("takes equality fields from a top-level $and", async () => {
    const c = await withDocs([]);
    const res = await c.updateOne({ $and: [{ a: 1 }, { b: "two" }] }, { $set: { c: true } }, { upsert: true });
    const d = await doc(c, res.upsertedId);
    expect(d).toMatchObject({ a: 1, b: "two", c: true });
  });

  it("updateMany with upsert inserts exactly one document when nothing matches", async () => {
    const c = await withDocs([]);
    const res = await c.updateMany({ group: "g" }, { $set: { seen: true } }, { upsert: true });
    expect(res.upsertedCount).toBe(1);
    expect(await c.countDocuments({ group: "g", seen: true })).toBe(1);
  });

  it("a replacement upsert inserts the replacement plus the filter's _id, without other filter fields", async () => {
    const c = await withDocs([]);
    const res = await c.replaceOne({ _id: 5, ignored: "yes" } as Document, { only: 1 }, { upsert: true });
    expect(res.upsertedId).toBe(5);
    expect(await doc(c, 5)).toEqual({ _id: 5, only: 1 });
  });

  it("upsert that matches updates instead of inserting", async () => {
    const c = await withDocs([{ _id: 1, k: "a", n: 1 }]);
    const res = await c.updateOne({ k: "a" }, { $inc: { n: 1 } }, { upsert: true });
    expect(res.upsertedCount).toBe(0);
    expect(res.matchedCount).toBe(1);
    expect(await c.countDocuments()).toBe(1);
    expect((await doc(c, 1))!.n).toBe(2);
  });
});

describe("single-document atomicity", () => {
  it("a conditional update is a compare-and-set: the second writer with a stale condition matches nothing", async () => {
    const c = await withDocs([{ _id: 1, version: 1, owner: null }]);
    const first = await c.updateOne({ _id: 1, version: 1 } as Document, { $set: { owner: "a" }, $inc: { version: 1 } });
    const second = await c.updateOne({ _id: 1, version: 1 } as Document, { $set: { owner: "b" }, $inc: { version: 1 } });
    expect(first.modifiedCount).toBe(1);
    expect(second.matchedCount).toBe(0);
    expect(await doc(c, 1)).toEqual({ _id: 1, version: 2, owner: "a" });
  });

  it("concurrent $inc on one document from many operations loses no increment", async () => {
    const c = await withDocs([{ _id: 1, n: 0 }]);
    await Promise.all(Array.from({ length: 200 }, () => c.updateOne({ _id: 1 } as Document, { $inc: { n: 1 } })));
    expect((await doc(c, 1))!.n).toBe(200);
  });

  it("concurrent upserts on a unique key create one document and apply every update (server retries the duplicate)", async () => {
    const c = await withDocs([]);
    await c.createIndex({ code: 1 }, { unique: true });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => c.updateOne({ code: "01AB" }, { $inc: { n: 1 } }, { upsert: true })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const all = await c.find().toArray();
    expect(all).toHaveLength(1);
    expect(all[0]!.n).toBe(20);
  });
});
