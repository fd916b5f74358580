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

  it("$pull with $or / $and / $nor matches elements as documents (what mongoose sends for subdocuments without _id)", async () => {
    const c = await withDocs([
      {
        _id: 1,
        items: [
          { sku: "x", qty: 1 },
          { sku: "y", qty: 2 },
          { sku: "z", qty: 3 },
          7,
        ],
        more: [{ a: 1, b: 1 }, { a: 1, b: 2 }, { a: 2 }],
        rest: [{ k: 1 }, { k: 2 }, { k: 3 }],
      },
    ]);
    const r = await c.updateOne(
      { _id: 1 } as Document,
      ops({
        $pull: {
          items: { $or: [{ sku: "x", qty: 1 }, { sku: "z" }] },
          more: { $and: [{ a: 1 }, { b: 2 }] },
          rest: { $nor: [{ k: 2 }] },
        },
      }),
    );
    expect(r.modifiedCount).toBe(1);
    const d = await doc(c, 1);
    expect(d!.items).toEqual([{ sku: "y", qty: 2 }, 7]);
    expect(d!.more).toEqual([{ a: 1, b: 1 }, { a: 2 }]);
    expect(d!.rest).toEqual([{ k: 2 }]);
  });

  it("$pull with $elemMatch on arrays of arrays, and a document condition whose field holds an array", async () => {
    const c = await withDocs([
      {
        _id: 1,
        grid: [
          [1, 2],
          [3, 4],
        ],
        results: [
          { item: "A", answers: [{ q: 1, a: 4 }, { q: 2, a: 6 }] },
          { item: "B", answers: [{ q: 1, a: 8 }] },
        ],
      },
    ]);
    await c.updateOne(
      { _id: 1 } as Document,
      ops({ $pull: { grid: { $elemMatch: { $gte: 4 } }, results: { answers: { $elemMatch: { q: 2, a: { $gte: 5 } } } } } }),
    );
    const d = await doc(c, 1);
    expect(d!.grid).toEqual([[1, 2]]);
    expect(d!.results).toEqual([{ item: "B", answers: [{ q: 1, a: 8 }] }]);
  });

  it("$addToSet with $each adds only the missing values, once each", async () => {
    const c = await withDocs([{ _id: 1, tags: ["a"], objs: [{ x: 1 }] }]);
    await c.updateOne({ _id: 1 } as Document, ops({ $addToSet: { tags: { $each: ["a", "b", "b", "c"] }, objs: { $each: [{ x: 1 }, { x: 2 }] } } }));
    const d = await doc(c, 1);
    expect(d!.tags).toEqual(["a", "b", "c"]);
    expect(d!.objs).toEqual([{ x: 1 }, { x: 2 }]);
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

  it("$pop on a non-array field fails with TypeMismatch (14); on a missing field it does nothing", async () => {
    const c = await withDocs([{ _id: 1, a: 5, s: { t: "x" } }]);
    const err = await rejectionOf(c.updateOne({ _id: 1 } as Document, ops({ $pop: { a: 1 } })));
    expect(err.code).toBe(14);
    expect(String(err.message)).toContain("Path 'a' contains an element of non-array type 'int'");
    const nested = await rejectionOf(c.updateOne({ _id: 1 } as Document, ops({ $pop: { "s.t": -1 } })));
    expect(nested.code).toBe(14);
    expect(String(nested.message)).toContain("Path 's.t' contains an element of non-array type 'string'");
    const missing = await c.updateOne({ _id: 1 } as Document, ops({ $pop: { none: 1, "s.none": 1 } }));
    expect(missing.matchedCount).toBe(1);
    expect(missing.modifiedCount).toBe(0);
    expect(await doc(c, 1)).toEqual({ _id: 1, a: 5, s: { t: "x" } });
  });

  it("$pop with an argument other than 1 or -1 fails with FailedToParse (9)", async () => {
    const c = await withDocs([{ _id: 1, a: [1, 2] }]);
    const err = await rejectionOf(c.updateOne({ _id: 1 } as Document, ops({ $pop: { a: 2 } })));
    expect(err.code).toBe(9);
    expect(String(err.message)).toContain("$pop expects 1 or -1, found: 2");
    expect((await doc(c, 1))!.a).toEqual([1, 2]);
  });

  it("$pull and $pullAll on a non-array field fail with BadValue (2); on a missing field they do nothing", async () => {
    const c = await withDocs([{ _id: 1, a: "text", n: 3 }]);
    const pull = await rejectionOf(c.updateOne({ _id: 1 } as Document, ops({ $pull: { a: "t" } })));
    expect(pull.code).toBe(2);
    expect(String(pull.message)).toContain("Cannot apply $pull to a non-array value");
    const pullAll = await rejectionOf(c.updateOne({ _id: 1 } as Document, ops({ $pullAll: { n: [3] } })));
    expect(pullAll.code).toBe(2);
    expect(String(pullAll.message)).toContain("Cannot apply $pull to a non-array value");
    const missing = await c.updateOne({ _id: 1 } as Document, ops({ $pull: { none: 1 }, $pullAll: { "x.y": [1] } }));
    expect(missing.modifiedCount).toBe(0);
    expect(await doc(c, 1)).toEqual({ _id: 1, a: "text", n: 3 });
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

  const contacts = () => [
    { _id: 1, name: "a", email: "a@x.nl" },
    { _id: 2, name: "b", email: "b@x.nl" },
  ];

  it("$[identifier] updates several fields of the same elements; arrayFilters match the document before the update", async () => {
    const c = await withDocs([{ _id: 1, contacts: contacts() }]);
    const byId = await c.updateOne(
      { _id: 1 } as Document,
      { $set: { "contacts.$[c].name": "A", "contacts.$[c].email": "X" } },
      { arrayFilters: [{ "c._id": 1 }] },
    );
    expect(byId.modifiedCount).toBe(1);
    // the filter is on a field the update changes: both fields of that element still change
    await c.updateOne(
      { _id: 1 } as Document,
      { $set: { "contacts.$[c].name": "Z", "contacts.$[c].email": "W" } },
      { arrayFilters: [{ "c.name": "b" }] },
    );
    expect((await doc(c, 1))!.contacts).toEqual([
      { _id: 1, name: "A", email: "X" },
      { _id: 2, name: "Z", email: "W" },
    ]);
  });

  it("$ updates several fields of the matched element; the match is made on the document before the update", async () => {
    const c = await withDocs([{ _id: 1, contacts: contacts() }]);
    await c.updateOne({ _id: 1, "contacts._id": 2 } as Document, { $set: { "contacts.$.name": "B", "contacts.$.email": "Y" } });
    await c.updateOne({ "contacts.name": "a" }, { $set: { "contacts.$.name": "A", "contacts.$.email": "X" } });
    expect((await doc(c, 1))!.contacts).toEqual([
      { _id: 1, name: "A", email: "X" },
      { _id: 2, name: "B", email: "Y" },
    ]);
  });

  it("$ finds its element through a top-level $and", async () => {
    const c = await withDocs([{ _id: 1, contacts: contacts() }]);
    await c.updateOne({ _id: 1, $and: [{ "contacts._id": 2 }] } as Document, { $set: { "contacts.$.name": "B", "contacts.$.email": "Y" } });
    expect((await doc(c, 1))!.contacts[1]).toEqual({ _id: 2, name: "B", email: "Y" });
  });

  it("findOneAndUpdate with arrayFilters changes several fields of one element next to other operators", async () => {
    const c = await withDocs([{ _id: 1, version: 1, contacts: contacts() }]);
    const after = await c.findOneAndUpdate(
      { _id: 1, $and: [{ "contacts._id": 2 }] } as Document,
      { $set: { "contacts.$[c].name": "B", "contacts.$[c].email": "Y", "contacts.$[c].phone": null }, $inc: { version: 1 } },
      { arrayFilters: [{ "c._id": 2 }], returnDocument: "after" },
    );
    expect(after).toEqual({
      _id: 1,
      version: 2,
      contacts: [
        { _id: 1, name: "a", email: "a@x.nl" },
        { _id: 2, name: "B", email: "Y", phone: null },
      ],
    });
  });

  it("every operator can target fields of the same elements through $[identifier], $[] and $", async () => {
    const c = await withDocs([
      {
        _id: 1,
        items: [
          { k: "x", n: 1, m: 2, lo: 5, hi: 5, tags: ["a"], list: [1, 2, 3], pull: [1, 2, 1], all: [1, 2], old: true },
          { k: "y", n: 1, m: 2, lo: 5, hi: 5, tags: ["a"], list: [1, 2, 3], pull: [1, 2, 1], all: [1, 2], old: true },
        ],
      },
    ]);
    await c.updateOne(
      { _id: 1 } as Document,
      ops({
        $inc: { "items.$[it].n": 10 },
        $mul: { "items.$[it].m": 3 },
        $min: { "items.$[it].lo": 1 },
        $max: { "items.$[it].hi": 9 },
        $addToSet: { "items.$[it].tags": "b" },
        $push: { "items.$[it].list": 4 },
        $pop: { "items.$[it].list2": 1 },
        $pull: { "items.$[it].pull": 1 },
        $pullAll: { "items.$[it].all": [2] },
        $unset: { "items.$[it].old": "" },
        $set: { "items.$[it].k": "X" },
      }),
      { arrayFilters: [{ "it.k": "x" }] },
    );
    const d = await doc(c, 1);
    expect(d!.items[0]).toEqual({ k: "X", n: 11, m: 6, lo: 1, hi: 9, tags: ["a", "b"], list: [1, 2, 3, 4], pull: [2], all: [1] });
    expect(d!.items[1]).toEqual({ k: "y", n: 1, m: 2, lo: 5, hi: 5, tags: ["a"], list: [1, 2, 3], pull: [1, 2, 1], all: [1, 2], old: true });

    await c.updateOne({ _id: 1 } as Document, ops({ $inc: { "items.$[].n": 1 }, $pop: { "items.$[].list": -1 }, $unset: { "items.$[].tags": "" } }));
    const e = await doc(c, 1);
    expect(e!.items.map((i: Document) => [i.n, i.list, i.tags])).toEqual([
      [12, [2, 3, 4], undefined],
      [2, [2, 3], undefined],
    ]);

    await c.updateOne({ _id: 1, "items.k": "y" } as Document, ops({ $push: { "items.$.list": 9 }, $inc: { "items.$.n": 5 }, $unset: { "items.$.old": "" } }));
    expect((await doc(c, 1))!.items[1]).toEqual({ k: "y", n: 7, m: 2, lo: 5, hi: 5, list: [2, 3, 9], pull: [1, 2, 1], all: [1, 2] });
  });

  it("nested $[i].….$[j] paths update several fields of the matched inner elements", async () => {
    const c = await withDocs([
      {
        _id: 1,
        a: [
          { b: 0, c: [{ d: 0, e: 0 }, { d: 1, e: 0 }] },
          { b: 1, c: [{ d: 0, e: 0 }] },
        ],
        m: [
          [0, 1],
          [1, 0],
        ],
      },
    ]);
    await c.updateOne(
      { _id: 1 } as Document,
      { $set: { "a.$[i].c.$[j].d": 5, "a.$[i].c.$[j].e": 6, "m.$[].$[z]": 9 } },
      { arrayFilters: [{ "i.b": 0 }, { "j.d": 0 }, { z: 0 }] },
    );
    const d = await doc(c, 1);
    expect(d!.a).toEqual([
      { b: 0, c: [{ d: 5, e: 6 }, { d: 1, e: 0 }] },
      { b: 1, c: [{ d: 0, e: 0 }] },
    ]);
    expect(d!.m).toEqual([
      [9, 1],
      [1, 9],
    ]);
  });

  it("two positional paths reaching the same field of one element fail with ConflictingUpdateOperators (40)", async () => {
    const c = await withDocs([
      {
        _id: 0,
        a: [
          { x: 0, b: [{ y: 0, c: 0 }] },
          { x: 1, b: [{ y: 0, c: 0 }, { y: 1, c: 0 }] },
        ],
      },
    ]);
    const err = await rejectionOf(
      c.updateOne(
        { _id: 0 } as Document,
        { $set: { "a.$[i].b.$[k].c": 1, "a.$[j].b.$[m].c": 2 } },
        { arrayFilters: [{ "i.x": 0 }, { "j.x": 0 }, { "k.y": 0 }, { "m.y": 0 }] },
      ),
    );
    expect(err.code).toBe(40);
    expect(String(err.message)).toContain("Update created a conflict at 'a.0.b.0.c'");
    // disjoint elements: no conflict
    await c.updateOne(
      { _id: 0 } as Document,
      { $set: { "a.$[i].b.$[k].c": 1, "a.$[j].b.$[m].c": 2 } },
      { arrayFilters: [{ "i.x": 1 }, { "j.x": 1 }, { "k.y": 0 }, { "m.y": 1 }] },
    );
    expect((await doc(c, 0))!.a).toEqual([
      { x: 0, b: [{ y: 0, c: 0 }] },
      { x: 1, b: [{ y: 0, c: 1 }, { y: 1, c: 2 }] },
    ]);
  });

  it("$[identifier] next to $, an index or a field name of the same array conflicts at the array (40)", async () => {
    const c = await withDocs([{ _id: 0, a: [0, 1] }]);
    for (const [other, message] of [
      ["a.$", "Updating the path 'a.$' would create a conflict at 'a'"],
      ["a.0", "Updating the path 'a.0' would create a conflict at 'a'"],
      ["a.b", "Updating the path 'a.b' would create a conflict at 'a'"],
    ] as const) {
      const err = await rejectionOf(c.updateOne({ _id: 0, a: 0 } as Document, { $set: { "a.$[i]": 0, [other]: 0 } }, { arrayFilters: [{ i: 0 }] }));
      expect(err.code).toBe(40);
      expect(String(err.message)).toContain(message);
    }
  });

  it("bad arrayFilters fail even when no document matches: unused (9), duplicate (9), two identifiers (9), unknown identifier (2)", async () => {
    const c = await withDocs([]);
    const unused = await rejectionOf(c.updateOne({ _id: 0 } as Document, { $set: { "a.$[i]": 5 } }, { arrayFilters: [{ i: 0 }, { j: 0 }] }));
    expect(unused.code).toBe(9);
    expect(String(unused.message)).toContain("The array filter for identifier 'j' was not used in the update");
    const notPositional = await rejectionOf(c.updateMany({}, { $set: { a: 5 } }, { arrayFilters: [{ i: 0 }] }));
    expect(notPositional.code).toBe(9);
    expect(String(notPositional.message)).toContain("The array filter for identifier 'i' was not used in the update");
    const duplicate = await rejectionOf(
      c.updateOne({ _id: 0 } as Document, { $set: { "a.$[i]": 5, "a.$[j]": 6 } }, { arrayFilters: [{ i: 0 }, { j: 0 }, { i: 1 }] }),
    );
    expect(duplicate.code).toBe(9);
    expect(String(duplicate.message)).toContain("Found multiple array filters with the same top-level field name");
    const two = await rejectionOf(c.updateOne({ _id: 0 } as Document, { $set: { "a.$[i]": 5 } }, { arrayFilters: [{ i: 0, j: 0 }] }));
    expect(two.code).toBe(9);
    expect(String(two.message)).toContain("Expected a single top-level field name");
    const unknown = await rejectionOf(c.updateOne({ _id: 0 } as Document, { $set: { "a.$[i]": 0 } }));
    expect(unknown.code).toBe(2);
    expect(String(unknown.message)).toContain("No array filter found for identifier 'i' in path 'a.$[i]'");
    const fam = await rejectionOf(c.findOneAndUpdate({ _id: 0 } as Document, { $set: { "a.$[i]": 5 } }, { arrayFilters: [{ i: 0 }, { j: 0 }] }));
    expect(fam.code).toBe(9);
  });

  it("an array filter may combine conditions on its identifier with $or", async () => {
    const c = await withDocs([{ _id: 0, a: [0, 1, 3] }]);
    await c.updateOne({ _id: 0 } as Document, { $set: { "a.$[i]": 2 } }, { arrayFilters: [{ $or: [{ i: 0 }, { i: 3 }] }] });
    expect((await doc(c, 0))!.a).toEqual([2, 1, 2]);
  });

  it("$[] and $[identifier] on a missing or non-array field fail with BadValue (2)", async () => {
    const c = await withDocs([{ _id: 1, grades: "abc" }]);
    const missing = await rejectionOf(c.updateOne({ _id: 1 } as Document, { $set: { "a.$[].b": 1 } }));
    expect(missing.code).toBe(2);
    expect(String(missing.message)).toContain("The path 'a' must exist in the document in order to apply array updates.");
    const scalar = await rejectionOf(c.updateOne({ _id: 1 } as Document, { $set: { "grades.$[e]": 1 } }, { arrayFilters: [{ e: { $gte: 100 } }] }));
    expect(scalar.code).toBe(2);
    expect(String(scalar.message)).toContain("Cannot apply array updates to non-array element grades: \"abc\"");
  });

  it("positional paths are not allowed in $rename (2)", async () => {
    const c = await withDocs([{ _id: 0, a: [0], b: [1] }]);
    const source = await rejectionOf(c.updateOne({ _id: 0 } as Document, { $rename: { "a.$[]": "b" } }));
    expect(source.code).toBe(2);
    expect(String(source.message)).toContain("The source field for $rename may not be dynamic: a.$[]");
    const target = await rejectionOf(c.updateOne({ _id: 0 } as Document, { $rename: { a: "b.$[]" } }));
    expect(target.code).toBe(2);
    expect(String(target.message)).toContain("The destination field for $rename may not be dynamic: b.$[]");
  });

  it("an upsert applies $[identifier] paths to the document built from the filter", async () => {
    const c = await withDocs([]);
    await c.updateOne({ _id: 0, a: [0] } as Document, { $setOnInsert: { "a.$[i]": 1 } }, { arrayFilters: [{ i: 0 }], upsert: true });
    expect(await doc(c, 0)).toEqual({ _id: 0, a: [1] });
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
