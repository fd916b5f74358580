// Index management and unique-index enforcement: the duplicate key error (E11000, keyPattern, keyValue) on every
// write path, sparse and partial unique indexes, and index build failures over existing duplicates.
import { describe, expect, it } from "vitest";
import { MongoBulkWriteError, MongoServerError, type Collection, type Document } from "mongodb";
import { rejectionOf, useConformanceDatabase } from "./support.js";

const ctx = useConformanceDatabase("indexes");

async function fresh(docs: Document[] = []): Promise<Collection<Document>> {
  const c = ctx.db.collection(ctx.fresh("ix"));
  if (docs.length) await c.insertMany(docs);
  else await ctx.db.createCollection(c.collectionName);
  return c;
}

function expectDuplicateKey(err: Document, keyPattern: Document, keyValue: Document): void {
  expect(err).toBeInstanceOf(MongoServerError);
  expect(err.code).toBe(11000);
  expect(err.keyPattern).toEqual(keyPattern);
  expect(err.keyValue).toEqual(keyValue);
  expect(String(err.errmsg ?? err.message)).toMatch(/^E11000 duplicate key error collection: /);
}

describe("index management", () => {
  it("createIndex returns the generated name; listIndexes shows _id_ and the new index with its options", async () => {
    const c = await fresh();
    expect(await c.createIndex({ email: 1 }, { unique: true })).toBe("email_1");
    expect(await c.createIndex({ board: 1, code: -1 })).toBe("board_1_code_-1");
    const indexes = await c.listIndexes().toArray();
    const byName = Object.fromEntries(indexes.map((ix) => [ix.name, ix]));
    expect(Object.keys(byName).sort()).toEqual(["_id_", "board_1_code_-1", "email_1"]);
    expect(byName["_id_"]).toMatchObject({ v: 2, key: { _id: 1 } });
    expect(byName["email_1"]).toMatchObject({ v: 2, key: { email: 1 }, unique: true });
    expect(byName["board_1_code_-1"]!.key).toEqual({ board: 1, code: -1 });
    expect(Object.keys(byName["board_1_code_-1"]!.key)).toEqual(["board", "code"]);
    expect(byName["board_1_code_-1"]!.unique).toBeUndefined();
  });

  it("creating the same index again is a no-op", async () => {
    const c = await fresh();
    await c.createIndex({ a: 1 });
    expect(await c.createIndex({ a: 1 })).toBe("a_1");
    expect((await c.listIndexes().toArray()).filter((ix) => ix.name === "a_1")).toHaveLength(1);
  });

  it("creating an index with the same key under another name fails with IndexOptionsConflict (85)", async () => {
    const c = await fresh();
    await c.createIndex({ a: 1 });
    const err = await rejectionOf(c.createIndex({ a: 1 }, { name: "other_name" }));
    expect(err.code).toBe(85);
  });

  it("createIndex on a collection that does not exist creates the collection", async () => {
    const name = ctx.fresh("implicit");
    await ctx.db.collection(name).createIndex({ x: 1 });
    const names = (await ctx.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toContain(name);
  });

  it("dropIndex removes the index; dropIndexes removes all but _id_", async () => {
    const c = await fresh();
    await c.createIndex({ a: 1 });
    await c.createIndex({ b: 1 });
    await c.createIndex({ c: 1 });
    await c.dropIndex("a_1");
    expect((await c.listIndexes().toArray()).map((ix) => ix.name).sort()).toEqual(["_id_", "b_1", "c_1"]);
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((ix) => ix.name)).toEqual(["_id_"]);
  });

  it("dropping an index that does not exist fails with IndexNotFound (27)", async () => {
    const c = await fresh();
    const err = await rejectionOf(c.dropIndex("nope_1"));
    expect(err.code).toBe(27);
    expect(err.codeName).toBe("IndexNotFound");
  });

  it("refuses to drop the _id index with InvalidOptions (72)", async () => {
    const c = await fresh();
    const err = await rejectionOf(c.dropIndex("_id_"));
    expect(err.code).toBe(72);
  });

  it("listIndexes on a collection that does not exist fails with NamespaceNotFound (26)", async () => {
    const err = await rejectionOf(ctx.db.collection(ctx.fresh("absent")).listIndexes().toArray());
    expect(err.code).toBe(26);
  });
});

describe("unique indexes", () => {
  it("rejects a second document with the same unique key with E11000, keyPattern and keyValue", async () => {
    const c = await fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: "a@school.nl" });
    const err = await rejectionOf(c.insertOne({ email: "a@school.nl" }));
    expectDuplicateKey(err, { email: 1 }, { email: "a@school.nl" });
    expect(String(err.errmsg ?? err.message)).toContain(`collection: ${ctx.dbName}.${c.collectionName} index: email_1 dup key`);
    expect(await c.countDocuments()).toBe(1);
  });

  it("treats a missing field as null in a non-sparse unique index: only one document may lack it", async () => {
    const c = await fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ name: "first" });
    const err = await rejectionOf(c.insertOne({ name: "second" }));
    expectDuplicateKey(err, { email: 1 }, { email: null });
  });

  it("enforces a compound unique index on the combination of fields", async () => {
    const c = await fresh();
    await c.createIndex({ board: 1, code: 1 }, { unique: true });
    await c.insertMany([
      { board: 1, code: "A" },
      { board: 1, code: "B" },
      { board: 2, code: "A" },
    ]);
    const err = await rejectionOf(c.insertOne({ code: "B", board: 1 }));
    expectDuplicateKey(err, { board: 1, code: 1 }, { board: 1, code: "B" });
  });

  it("indexes each element of an array: two documents may not share an element", async () => {
    const c = await fresh();
    await c.createIndex({ tags: 1 }, { unique: true });
    await c.insertOne({ tags: ["a", "b", "b"] });
    const err = await rejectionOf(c.insertOne({ tags: ["c", "b"] }));
    expectDuplicateKey(err, { tags: 1 }, { tags: "b" });
  });

  it("enforces uniqueness on a dotted path into an embedded document", async () => {
    const c = await fresh();
    await c.createIndex({ "profile.handle": 1 }, { unique: true });
    await c.insertOne({ profile: { handle: "anna" } });
    const err = await rejectionOf(c.insertOne({ profile: { handle: "anna", other: 1 } }));
    expectDuplicateKey(err, { "profile.handle": 1 }, { "profile.handle": "anna" });
  });

  it("sparse unique: any number of documents may lack the field, but present values (even null) must be unique", async () => {
    const c = await fresh();
    await c.createIndex({ email: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }, { email: "x@y.nl" }]);
    expect(await c.countDocuments()).toBe(4);
    expectDuplicateKey(await rejectionOf(c.insertOne({ email: "x@y.nl" })), { email: 1 }, { email: "x@y.nl" });
    await c.insertOne({ email: null });
    expectDuplicateKey(await rejectionOf(c.insertOne({ email: null })), { email: 1 }, { email: null });
  });

  it("partialFilterExpression unique: only documents matching the filter take part", async () => {
    const c = await fresh();
    await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    const ix = (await c.listIndexes().toArray()).find((i) => i.name === "email_1");
    expect(ix!.partialFilterExpression).toEqual({ active: true });
    await c.insertMany([
      { email: "a@x.nl", active: false },
      { email: "a@x.nl", active: false },
      { email: "a@x.nl", active: true },
      { email: "b@x.nl" },
      { email: "b@x.nl" },
    ]);
    const err = await rejectionOf(c.insertOne({ email: "a@x.nl", active: true }));
    expectDuplicateKey(err, { email: 1 }, { email: "a@x.nl" });
    // flipping a non-participating duplicate into the filter violates the index too
    const flip = await rejectionOf(c.updateOne({ email: "a@x.nl", active: false }, { $set: { active: true } }));
    expectDuplicateKey(flip, { email: 1 }, { email: "a@x.nl" });
  });

  it("rejects an update that would duplicate a unique key, leaving the document unchanged", async () => {
    const c = await fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany([
      { _id: 1, email: "a@x.nl" },
      { _id: 2, email: "b@x.nl" },
    ] as Document[]);
    const err = await rejectionOf(c.updateOne({ _id: 2 } as Document, { $set: { email: "a@x.nl" } }));
    expectDuplicateKey(err, { email: 1 }, { email: "a@x.nl" });
    expect((await c.findOne({ _id: 2 } as Document))!.email).toBe("b@x.nl");
  });

  it("rejects an updateMany that would give two documents the same key", async () => {
    const c = await fresh();
    await c.createIndex({ code: 1 }, { unique: true });
    await c.insertMany([
      { code: "A", kind: "x" },
      { code: "B", kind: "x" },
    ]);
    const err = await rejectionOf(c.updateMany({ kind: "x" }, { $set: { code: "Z" } }));
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ code: "Z" });
  });

  it("rejects an upsert that would insert a duplicate unique key", async () => {
    const c = await fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: "a@x.nl", name: "Anna" });
    const err = await rejectionOf(
      c.updateOne({ name: "Someone else" }, { $set: { email: "a@x.nl" } }, { upsert: true }),
    );
    expectDuplicateKey(err, { email: 1 }, { email: "a@x.nl" });
    expect(await c.countDocuments()).toBe(1);
  });

  it("rejects a findOneAndUpdate and a replaceOne that would duplicate a unique key", async () => {
    const c = await fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany([
      { _id: 1, email: "a@x.nl" },
      { _id: 2, email: "b@x.nl" },
    ] as Document[]);
    expectDuplicateKey(
      await rejectionOf(c.findOneAndUpdate({ _id: 2 } as Document, { $set: { email: "a@x.nl" } })),
      { email: 1 },
      { email: "a@x.nl" },
    );
    expectDuplicateKey(
      await rejectionOf(c.replaceOne({ _id: 2 } as Document, { email: "a@x.nl" })),
      { email: 1 },
      { email: "a@x.nl" },
    );
  });

  it("reports the index of every document an unordered insertMany could not insert, and inserts the rest", async () => {
    const c = await fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    const err = await rejectionOf(
      c.insertMany([{ email: "a" }, { email: "a" }, { email: "b" }, { email: "b" }], { ordered: false }),
    );
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const writeErrors = [(err as unknown as MongoBulkWriteError).writeErrors].flat();
    expect(writeErrors.map((e) => e.index)).toEqual([1, 3]);
    expect(writeErrors.every((e) => e.code === 11000)).toBe(true);
    expect(await c.countDocuments()).toBe(2);
  });

  it("a document never conflicts with its own key: updating other fields, or setting the same key, succeeds", async () => {
    const c = await fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ _id: 1, email: "a@x.nl", name: "Anna" } as Document);
    expect((await c.updateOne({ _id: 1 } as Document, { $set: { name: "Anna B" } })).modifiedCount).toBe(1);
    expect((await c.updateOne({ _id: 1 } as Document, { $set: { email: "a@x.nl" } })).matchedCount).toBe(1);
    expect((await c.replaceOne({ _id: 1 } as Document, { email: "a@x.nl", name: "A" })).modifiedCount).toBe(1);
    expect((await c.updateOne({ email: "a@x.nl" }, { $set: { name: "B" } }, { upsert: true })).upsertedCount).toBe(0);
  });

  it("frees a unique key when its document is deleted or changes its key", async () => {
    const c = await fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany([
      { _id: 1, email: "a@x.nl" },
      { _id: 2, email: "b@x.nl" },
    ] as Document[]);
    await c.deleteOne({ _id: 1 } as Document);
    await c.insertOne({ _id: 3, email: "a@x.nl" } as Document);
    await c.updateOne({ _id: 2 } as Document, { $set: { email: "c@x.nl" } });
    await c.insertOne({ _id: 4, email: "b@x.nl" } as Document);
    expect((await c.find().sort({ _id: 1 }).toArray()).map((d) => d.email)).toEqual(["c@x.nl", "a@x.nl", "b@x.nl"]);
  });

  it("creating a unique index over existing duplicates fails with 11000 and creates no index", async () => {
    const c = await fresh([{ email: "dup@x.nl" }, { email: "dup@x.nl" }, { email: "ok@x.nl" }]);
    const err = await rejectionOf(c.createIndex({ email: 1 }, { unique: true }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(11000);
    expect((await c.listIndexes().toArray()).map((ix) => ix.name)).toEqual(["_id_"]);
    // without the index, duplicates are still accepted
    await c.insertOne({ email: "dup@x.nl" });
    expect(await c.countDocuments({ email: "dup@x.nl" })).toBe(3);
  });

  it("dropping a unique index lifts the constraint", async () => {
    const c = await fresh();
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertOne({ k: 1 });
    await c.dropIndex("k_1");
    await c.insertOne({ k: 1 });
    expect(await c.countDocuments({ k: 1 })).toBe(2);
  });

  it("finds documents by an indexed field exactly as without the index", async () => {
    const c = await fresh(Array.from({ length: 500 }, (_, i) => ({ _id: i, code: `c${i}`, n: i % 10 })));
    await c.createIndex({ code: 1 }, { unique: true });
    await c.createIndex({ n: 1 });
    expect(await c.findOne({ code: "c123" })).toEqual({ _id: 123, code: "c123", n: 3 });
    expect(await c.countDocuments({ n: 3 })).toBe(50);
    await c.updateOne({ code: "c123" }, { $set: { code: "renamed" } });
    expect(await c.findOne({ code: "c123" })).toBeNull();
    expect((await c.findOne({ code: "renamed" }))!._id).toBe(123);
    await c.deleteOne({ code: "renamed" });
    expect(await c.findOne({ code: "renamed" })).toBeNull();
    await c.insertOne({ code: "c123" });
  });
});
