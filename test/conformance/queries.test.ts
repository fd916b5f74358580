// Query filters and projections, as find() evaluates them in MongoDB 7.
import { beforeAll, describe, expect, it } from "vitest";
import { Double, Long, MongoServerError, type Collection, type Document, type Filter } from "mongodb";
import { rejectionOf, useConformanceDatabase } from "./support.js";

const ctx = useConformanceDatabase("queries");
let people: Collection<Document>;

const PEOPLE: Document[] = [
  {
    _id: 1,
    name: "anna",
    age: 31,
    city: "Utrecht",
    tags: ["a", "b"],
    scores: [80, 95],
    address: { city: "Utrecht", zip: "3511" },
    items: [
      { sku: "x", qty: 2 },
      { sku: "y", qty: 10 },
    ],
  },
  {
    _id: 2,
    name: "bram",
    age: 25,
    city: "Amsterdam",
    tags: ["b", "c", "d"],
    scores: [60, 70],
    address: { city: "Amsterdam", zip: "1011" },
    items: [{ sku: "x", qty: 12 }],
  },
  { _id: 3, name: "Cees", age: 40, tags: [], scores: [], address: { city: "Utrecht" }, items: [] },
  { _id: 4, name: "dirk", age: null, city: "Utrecht", tags: ["a"], scores: [100], nickname: "D" },
  { _id: 5, name: "eva", age: "unknown", city: "Den Haag", tags: ["a", "b", "c"], scores: [55, 85, 99] },
];

beforeAll(async () => {
  people = ctx.db.collection("people");
  await people.insertMany(PEOPLE);
});

async function ids(filter: Filter<Document>): Promise<unknown[]> {
  const docs = await people.find(filter, { projection: { _id: 1 } }).sort({ _id: 1 }).toArray();
  return docs.map((d) => d._id);
}

describe("comparison operators", () => {
  it("matches an implicit equality, and $eq, exactly", async () => {
    expect(await ids({ city: "Utrecht" })).toEqual([1, 4]);
    expect(await ids({ age: { $eq: 31 } })).toEqual([1]);
    expect(await ids({ name: "Anna" })).toEqual([]);
  });

  it("$ne also matches documents where the field is missing", async () => {
    expect(await ids({ city: { $ne: "Utrecht" } })).toEqual([2, 3, 5]);
  });

  it("$gt/$gte/$lt/$lte compare only within the same type bracket (null and strings never match a number)", async () => {
    expect(await ids({ age: { $gt: 30 } })).toEqual([1, 3]);
    expect(await ids({ age: { $gte: 31 } })).toEqual([1, 3]);
    expect(await ids({ age: { $lt: 31 } })).toEqual([2]);
    expect(await ids({ age: { $lte: 31 } })).toEqual([1, 2]);
    expect(await ids({ age: { $gt: "a" } })).toEqual([5]);
  });

  it("compares int, long and double numerically", async () => {
    expect(await ids({ age: { $gt: 30.5, $lt: 31.5 } })).toEqual([1]);
    expect(await ids({ age: new Double(31) })).toEqual([1]);
    expect(await ids({ age: Long.fromNumber(25) })).toEqual([2]);
  });

  it("$in matches any listed value, accepts regular expressions, and null in $in matches missing fields", async () => {
    expect(await ids({ city: { $in: ["Utrecht", "Den Haag"] } })).toEqual([1, 4, 5]);
    expect(await ids({ name: { $in: [/^a/, "eva"] } })).toEqual([1, 5]);
    expect(await ids({ city: { $in: [null, "Amsterdam"] } })).toEqual([2, 3]);
  });

  it("$nin matches documents whose field is none of the values, including documents without the field", async () => {
    expect(await ids({ city: { $nin: ["Utrecht", "Amsterdam"] } })).toEqual([3, 5]);
  });

  it("{field: null} matches both explicit null and a missing field", async () => {
    expect(await ids({ age: null })).toEqual([4]);
    expect(await ids({ nickname: null })).toEqual([1, 2, 3, 5]);
    expect(await ids({ city: null })).toEqual([3]);
  });
});

describe("logical operators", () => {
  it("$and requires every clause", async () => {
    expect(await ids({ $and: [{ city: "Utrecht" }, { age: { $gte: 30 } }] })).toEqual([1]);
  });

  it("$or requires at least one clause", async () => {
    expect(await ids({ $or: [{ age: { $lt: 30 } }, { city: "Den Haag" }] })).toEqual([2, 5]);
  });

  it("$nor requires that no clause matches", async () => {
    expect(await ids({ $nor: [{ city: "Utrecht" }, { tags: "c" }] })).toEqual([3]);
  });

  it("$not inverts an operator expression and also matches documents where the field is not comparable", async () => {
    expect(await ids({ age: { $not: { $gt: 30 } } })).toEqual([2, 4, 5]);
    expect(await ids({ name: { $not: /^[a-c]/ } })).toEqual([3, 4, 5]);
  });

  it("combines several operators on one field as an implicit AND", async () => {
    expect(await ids({ age: { $gte: 25, $lt: 40 } })).toEqual([1, 2]);
  });
});

describe("element operators", () => {
  it("$exists distinguishes present (even null) from missing", async () => {
    expect(await ids({ nickname: { $exists: true } })).toEqual([4]);
    expect(await ids({ nickname: { $exists: false } })).toEqual([1, 2, 3, 5]);
    expect(await ids({ age: { $exists: true } })).toEqual([1, 2, 3, 4, 5]);
  });

  it("$type matches by BSON type alias, by number, by 'number', and 'array' matches arrays (even empty ones)", async () => {
    expect(await ids({ age: { $type: "string" } })).toEqual([5]);
    expect(await ids({ age: { $type: 2 } })).toEqual([5]);
    expect(await ids({ age: { $type: "number" } })).toEqual([1, 2, 3]);
    expect(await ids({ age: { $type: "null" } })).toEqual([4]);
    expect(await ids({ age: { $type: ["string", "null"] } })).toEqual([4, 5]);
    expect(await ids({ items: { $type: "array" } })).toEqual([1, 2, 3]);
    expect(await ids({ address: { $type: "object" } })).toEqual([1, 2, 3]);
  });
});

describe("evaluation operators", () => {
  it("$regex matches strings only, with and without $options", async () => {
    expect(await ids({ name: { $regex: "^b" } })).toEqual([2]);
    expect(await ids({ name: { $regex: "^c", $options: "i" } })).toEqual([3]);
    expect(await ids({ name: /A$/i })).toEqual([1, 5]);
    expect(await ids({ age: { $regex: "1" } })).toEqual([]);
  });

  it("$expr evaluates aggregation expressions per document ($gt over $size)", async () => {
    expect(await ids({ $expr: { $gt: [{ $size: "$tags" }, 2] } })).toEqual([2, 5]);
    expect(await ids({ $expr: { $eq: ["$city", "$address.city"] } })).toEqual([1, 2]);
  });

  it("rejects an unknown query operator with BadValue (2)", async () => {
    const err = await rejectionOf(people.find({ age: { $frobnicate: 1 } } as Filter<Document>).toArray());
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(2);
    expect(String(err.message)).toMatch(/unknown operator: \$frobnicate/);
  });
});

describe("arrays", () => {
  it("a scalar condition on an array field matches when any element matches", async () => {
    expect(await ids({ tags: "a" })).toEqual([1, 4, 5]);
    expect(await ids({ scores: { $gte: 99 } })).toEqual([4, 5]);
  });

  it("a regular expression on an array field matches when any string element matches", async () => {
    expect(await ids({ tags: /^[cd]$/ })).toEqual([2, 5]);
  });

  it("an array value matches the whole array exactly, in order", async () => {
    expect(await ids({ tags: ["a", "b"] })).toEqual([1]);
    expect(await ids({ tags: ["b", "a"] })).toEqual([]);
    expect(await ids({ tags: [] })).toEqual([3]);
  });

  it("$all requires every listed element, in any order", async () => {
    expect(await ids({ tags: { $all: ["b", "a"] } })).toEqual([1, 5]);
  });

  it("$size matches the exact array length", async () => {
    expect(await ids({ tags: { $size: 2 } })).toEqual([1]);
    expect(await ids({ tags: { $size: 0 } })).toEqual([3]);
  });

  it("$elemMatch needs a single element to satisfy all conditions, unlike separate conditions on the array", async () => {
    // without $elemMatch each condition may be satisfied by a different element
    expect(await ids({ scores: { $gt: 80, $lt: 60 } })).toEqual([5]);
    expect(await ids({ scores: { $elemMatch: { $gt: 80, $lt: 60 } } })).toEqual([]);
    expect(await ids({ scores: { $elemMatch: { $gte: 90, $lt: 100 } } })).toEqual([1, 5]);
  });

  it("$elemMatch on an array of subdocuments vs. dotted paths that may match different elements", async () => {
    expect(await ids({ items: { $elemMatch: { sku: "x", qty: { $gt: 5 } } } })).toEqual([2]);
    expect(await ids({ "items.sku": "x", "items.qty": { $gt: 5 } })).toEqual([1, 2]);
  });

  it("dotted paths reach into subdocuments, into arrays of subdocuments and into array positions", async () => {
    expect(await ids({ "address.city": "Utrecht" })).toEqual([1, 3]);
    expect(await ids({ "items.sku": "y" })).toEqual([1]);
    expect(await ids({ "scores.0": { $gte: 80 } })).toEqual([1, 4]);
    expect(await ids({ "tags.1": "b" })).toEqual([1, 5]);
    expect(await ids({ "address.zip": { $exists: false } })).toEqual([3, 4, 5]);
  });

  it("an embedded document matches only with identical fields in identical order", async () => {
    expect(await ids({ address: { city: "Utrecht", zip: "3511" } })).toEqual([1]);
    expect(await ids({ address: { zip: "3511", city: "Utrecht" } })).toEqual([]);
    expect(await ids({ address: { city: "Utrecht" } })).toEqual([3]);
  });
});

describe("projection", () => {
  const one = (id: number, projection: Document) => people.findOne({ _id: id } as unknown as Filter<Document>, { projection });

  it("an inclusion projection returns only the listed fields plus _id", async () => {
    expect(await one(1, { name: 1, age: 1 })).toEqual({ _id: 1, name: "anna", age: 31 });
  });

  it("_id: 0 suppresses _id in an inclusion projection", async () => {
    const doc = await one(1, { name: 1, _id: 0 });
    expect(doc).toEqual({ name: "anna" });
  });

  it("an exclusion projection returns every other field", async () => {
    const doc = await one(1, { tags: 0, scores: 0, items: 0, address: 0 });
    expect(doc).toEqual({ _id: 1, name: "anna", age: 31, city: "Utrecht" });
  });

  it("projects nested paths into subdocuments and into arrays of subdocuments", async () => {
    expect(await one(1, { "address.city": 1, _id: 0 })).toEqual({ address: { city: "Utrecht" } });
    expect(await one(1, { "items.sku": 1, _id: 0 })).toEqual({ items: [{ sku: "x" }, { sku: "y" }] });
    expect(await one(1, { "address.zip": 0, items: 0, scores: 0, tags: 0 })).toEqual({
      _id: 1,
      name: "anna",
      age: 31,
      city: "Utrecht",
      address: { city: "Utrecht" },
    });
  });

  it("leaves out included fields the document does not have", async () => {
    expect(await one(4, { nickname: 1, address: 1 })).toEqual({ _id: 4, nickname: "D" });
  });

  it("rejects mixing inclusion and exclusion (other than _id) with error 31254", async () => {
    const err = await rejectionOf(one(1, { name: 1, age: 0 }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(31254);
  });

  it("$slice returns the first N array elements and keeps all other fields", async () => {
    const doc = await one(5, { scores: { $slice: 2 } });
    expect(doc).toMatchObject({ _id: 5, name: "eva", scores: [55, 85], tags: ["a", "b", "c"] });
  });

  it("the positional $ projection returns the first array element that matched the query", async () => {
    const doc = await people.findOne({ "items.sku": "y" }, { projection: { "items.$": 1 } });
    expect(doc).toEqual({ _id: 1, items: [{ sku: "y", qty: 10 }] });
  });

  it("accepts aggregation expressions in a find projection", async () => {
    const doc = await one(2, { _id: 0, upper: { $toUpper: "$name" }, tagCount: { $size: "$tags" } });
    expect(doc).toEqual({ upper: "BRAM", tagCount: 3 });
  });
});
