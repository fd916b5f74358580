// Aggregation pipelines as mongod 7 runs them: stages, accumulators, $lookup across collections, $facet, and
// aggregate cursors larger than one batch.
import { beforeAll, describe, expect, it } from "vitest";
import { MongoServerError, type Collection, type Document } from "mongodb";
import { rejectionOf, useConformanceDatabase } from "./support.js";

const ctx = useConformanceDatabase("aggregation");
let orders: Collection<Document>;
let customers: Collection<Document>;

beforeAll(async () => {
  orders = ctx.db.collection("orders");
  customers = ctx.db.collection("customers");
  await orders.insertMany([
    { _id: 1, customer: "c1", item: "pen", qty: 2, price: 1.5, tags: ["office", "blue"], date: new Date("2024-01-05T10:00:00Z") },
    { _id: 2, customer: "c2", item: "ink", qty: 5, price: 3, tags: ["office"], date: new Date("2024-02-10T10:00:00Z") },
    { _id: 3, customer: "c1", item: "pad", qty: 1, price: 4, tags: [], date: new Date("2024-02-11T10:00:00Z") },
    { _id: 4, customer: "c3", item: "pen", qty: 10, price: 1.5, date: new Date("2024-03-01T10:00:00Z") },
    { _id: 5, customer: "c2", item: "pen", qty: 3, price: 1.5, tags: null, date: new Date("2024-03-02T10:00:00Z") },
  ] as Document[]);
  await customers.insertMany([
    { _id: "c1", name: "Anna", city: "Utrecht" },
    { _id: "c2", name: "Bram", city: "Amsterdam" },
    { _id: "c4", name: "Dirk" },
  ] as Document[]);
});

describe("basic stages", () => {
  it("$match then $project with computed fields", async () => {
    const out = await orders
      .aggregate([
        { $match: { item: "pen", qty: { $gte: 3 } } },
        { $sort: { _id: 1 } },
        { $project: { _id: 0, id: "$_id", total: { $multiply: ["$qty", "$price"] } } },
      ])
      .toArray();
    expect(out).toEqual([
      { id: 4, total: 15 },
      { id: 5, total: 4.5 },
    ]);
  });

  it("$addFields and $set keep all other fields; $unset removes fields", async () => {
    const [doc] = await orders
      .aggregate([
        { $match: { _id: 2 } },
        { $addFields: { total: { $multiply: ["$qty", "$price"] } } },
        { $set: { "extra.flag": true } },
        { $unset: ["tags", "date"] },
      ])
      .toArray();
    expect(doc).toEqual({ _id: 2, customer: "c2", item: "ink", qty: 5, price: 3, total: 15, extra: { flag: true } });
  });

  it("$sort, $skip and $limit", async () => {
    const out = await orders.aggregate([{ $sort: { qty: -1 } }, { $skip: 1 }, { $limit: 2 }, { $project: { _id: 1 } }]).toArray();
    expect(out).toEqual([{ _id: 2 }, { _id: 5 }]);
  });

  it("$count outputs one document with the count, and no document for empty input", async () => {
    expect(await orders.aggregate([{ $match: { item: "pen" } }, { $count: "pens" }]).toArray()).toEqual([{ pens: 3 }]);
    expect(await orders.aggregate([{ $match: { item: "nothing" } }, { $count: "n" }]).toArray()).toEqual([]);
  });

  it("$replaceRoot promotes an expression (here $mergeObjects with defaults) to the document", async () => {
    const out = await customers
      .aggregate([{ $sort: { _id: 1 } }, { $replaceRoot: { newRoot: { $mergeObjects: [{ city: "onbekend" }, "$$ROOT"] } } }])
      .toArray();
    expect(out.map((d) => [d._id, d.city])).toEqual([
      ["c1", "Utrecht"],
      ["c2", "Amsterdam"],
      ["c4", "onbekend"],
    ]);
  });

  it("$sortByCount groups by an expression and sorts by descending count", async () => {
    const out = await orders.aggregate([{ $sortByCount: "$item" }]).toArray();
    expect(out[0]).toEqual({ _id: "pen", count: 3 });
    expect(out.slice(1).map((d) => d._id).sort()).toEqual(["ink", "pad"]);
    expect(out.slice(1).every((d) => d.count === 1)).toBe(true);
  });

  it("evaluates common expression operators ($cond, $ifNull, $concat, $toUpper, $size, $filter, $map, $dateToString)", async () => {
    const [doc] = await orders
      .aggregate([
        { $match: { _id: 1 } },
        {
          $project: {
            _id: 0,
            size: { $cond: { if: { $gte: ["$qty", 2] }, then: "multi", else: "single" } },
            note: { $ifNull: ["$note", "geen"] },
            label: { $concat: [{ $toUpper: "$item" }, "-", "$customer"] },
            tagCount: { $size: "$tags" },
            oTags: { $filter: { input: "$tags", as: "t", cond: { $eq: [{ $substrCP: ["$$t", 0, 1] }, "o"] } } },
            lens: { $map: { input: "$tags", as: "t", in: { $strLenCP: "$$t" } } },
            day: { $dateToString: { format: "%Y-%m-%d", date: "$date" } },
          },
        },
      ])
      .toArray();
    expect(doc).toEqual({
      size: "multi",
      note: "geen",
      label: "PEN-c1",
      tagCount: 2,
      oTags: ["office"],
      lens: [6, 4],
      day: "2024-01-05",
    });
  });

  it("an aggregate on a collection that does not exist returns no documents", async () => {
    expect(await ctx.db.collection("nope").aggregate([{ $match: {} }]).toArray()).toEqual([]);
  });

  it("rejects an unknown stage with error 40324", async () => {
    const err = await rejectionOf(orders.aggregate([{ $frobnicate: {} }]).toArray());
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(40324);
  });
});

describe("$group", () => {
  it("computes $sum, $avg, $min, $max, $push, $addToSet, $first, $last and $count per group", async () => {
    const out = await orders
      .aggregate([
        { $sort: { _id: 1 } },
        {
          $group: {
            _id: "$customer",
            qty: { $sum: "$qty" },
            orders: { $sum: 1 },
            avgPrice: { $avg: "$price" },
            minQty: { $min: "$qty" },
            maxQty: { $max: "$qty" },
            items: { $push: "$item" },
            itemSet: { $addToSet: "$item" },
            first: { $first: "$item" },
            last: { $last: "$item" },
            n: { $count: {} },
          },
        },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(out.map((g) => ({ ...g, itemSet: [...(g.itemSet as string[])].sort() }))).toEqual([
      {
        _id: "c1",
        qty: 3,
        orders: 2,
        avgPrice: 2.75,
        minQty: 1,
        maxQty: 2,
        items: ["pen", "pad"],
        itemSet: ["pad", "pen"],
        first: "pen",
        last: "pad",
        n: 2,
      },
      {
        _id: "c2",
        qty: 8,
        orders: 2,
        avgPrice: 2.25,
        minQty: 3,
        maxQty: 5,
        items: ["ink", "pen"],
        itemSet: ["ink", "pen"],
        first: "ink",
        last: "pen",
        n: 2,
      },
      {
        _id: "c3",
        qty: 10,
        orders: 1,
        avgPrice: 1.5,
        minQty: 10,
        maxQty: 10,
        items: ["pen"],
        itemSet: ["pen"],
        first: "pen",
        last: "pen",
        n: 1,
      },
    ]);
  });

  it("groups everything with _id null and sums an expression", async () => {
    const out = await orders.aggregate([{ $group: { _id: null, revenue: { $sum: { $multiply: ["$qty", "$price"] } } } }]).toArray();
    expect(out).toEqual([{ _id: null, revenue: 41.5 }]);
  });

  it("groups by a compound _id and by a date expression", async () => {
    const out = await orders
      .aggregate([
        { $group: { _id: { month: { $month: "$date" }, item: "$item" }, n: { $sum: 1 } } },
        { $sort: { "_id.month": 1, "_id.item": 1 } },
      ])
      .toArray();
    expect(out).toEqual([
      { _id: { month: 1, item: "pen" }, n: 1 },
      { _id: { month: 2, item: "ink" }, n: 1 },
      { _id: { month: 2, item: "pad" }, n: 1 },
      { _id: { month: 3, item: "pen" }, n: 2 },
    ]);
  });

  it("puts documents with a null or missing group key into one group with _id null", async () => {
    const c = ctx.db.collection("nulls");
    await c.insertMany([{ k: "a" }, { k: null }, {}, { k: "a" }]);
    const out = await c.aggregate([{ $group: { _id: "$k", n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(out).toEqual([
      { _id: null, n: 2 },
      { _id: "a", n: 2 },
    ]);
  });

  it("$sum ignores non-numeric values and $avg of no numbers is null", async () => {
    const out = await customers.aggregate([{ $group: { _id: null, s: { $sum: "$name" }, a: { $avg: "$city" } } }]).toArray();
    expect(out).toEqual([{ _id: null, s: 0, a: null }]);
  });
});

describe("$unwind", () => {
  it("outputs one document per element and drops documents whose array is empty, null or missing", async () => {
    const out = await orders.aggregate([{ $unwind: "$tags" }, { $sort: { _id: 1, tags: 1 } }, { $project: { tags: 1 } }]).toArray();
    expect(out).toEqual([
      { _id: 1, tags: "blue" },
      { _id: 1, tags: "office" },
      { _id: 2, tags: "office" },
    ]);
  });

  it("with preserveNullAndEmptyArrays keeps those documents (empty array and missing: field absent; null: null)", async () => {
    const out = await orders
      .aggregate([
        { $unwind: { path: "$tags", preserveNullAndEmptyArrays: true, includeArrayIndex: "idx" } },
        { $project: { tags: 1, idx: 1 } },
        { $sort: { _id: 1, idx: 1 } },
      ])
      .toArray();
    expect(out).toEqual([
      { _id: 1, tags: "office", idx: 0 },
      { _id: 1, tags: "blue", idx: 1 },
      { _id: 2, tags: "office", idx: 0 },
      { _id: 3, idx: null },
      { _id: 4, idx: null },
      { _id: 5, tags: null, idx: null },
    ]);
  });
});

describe("$lookup", () => {
  it("joins with localField/foreignField; no match gives an empty array", async () => {
    const out = await orders
      .aggregate([
        { $sort: { _id: 1 } },
        { $lookup: { from: "customers", localField: "customer", foreignField: "_id", as: "cust" } },
        { $project: { cust: 1 } },
      ])
      .toArray();
    expect(out).toEqual([
      { _id: 1, cust: [{ _id: "c1", name: "Anna", city: "Utrecht" }] },
      { _id: 2, cust: [{ _id: "c2", name: "Bram", city: "Amsterdam" }] },
      { _id: 3, cust: [{ _id: "c1", name: "Anna", city: "Utrecht" }] },
      { _id: 4, cust: [] },
      { _id: 5, cust: [{ _id: "c2", name: "Bram", city: "Amsterdam" }] },
    ]);
  });

  it("joins with a correlated pipeline (let + $expr) from the other side", async () => {
    const out = await customers
      .aggregate([
        { $sort: { _id: 1 } },
        {
          $lookup: {
            from: "orders",
            let: { cid: "$_id" },
            pipeline: [{ $match: { $expr: { $eq: ["$customer", "$$cid"] } } }, { $sort: { _id: 1 } }, { $project: { _id: 0, item: 1 } }],
            as: "orders",
          },
        },
        { $project: { orders: 1 } },
      ])
      .toArray();
    expect(out).toEqual([
      { _id: "c1", orders: [{ item: "pen" }, { item: "pad" }] },
      { _id: "c2", orders: [{ item: "ink" }, { item: "pen" }] },
      { _id: "c4", orders: [] },
    ]);
  });

  it("combines localField/foreignField with a pipeline (concise correlated syntax)", async () => {
    const out = await customers
      .aggregate([
        { $match: { _id: "c2" } },
        {
          $lookup: {
            from: "orders",
            localField: "_id",
            foreignField: "customer",
            pipeline: [{ $match: { qty: { $gte: 4 } } }, { $project: { _id: 1 } }],
            as: "bigOrders",
          },
        },
      ])
      .toArray();
    expect(out).toEqual([{ _id: "c2", name: "Bram", city: "Amsterdam", bigOrders: [{ _id: 2 }] }]);
  });

  it("joins an array localField against each of its elements, then $unwind the result", async () => {
    const tagsColl = ctx.db.collection("tagInfo");
    await tagsColl.insertMany([
      { _id: "office", label: "Kantoor" },
      { _id: "blue", label: "Blauw" },
    ] as Document[]);
    const out = await orders
      .aggregate([
        { $match: { _id: 1 } },
        { $lookup: { from: "tagInfo", localField: "tags", foreignField: "_id", as: "info" } },
        { $unwind: "$info" },
        { $sort: { "info._id": 1 } },
        { $project: { _id: 0, label: "$info.label" } },
      ])
      .toArray();
    expect(out).toEqual([{ label: "Blauw" }, { label: "Kantoor" }]);
  });
});

describe("$facet", () => {
  it("runs several sub-pipelines over the same input and returns one document", async () => {
    const out = await orders
      .aggregate([
        {
          $facet: {
            byItem: [{ $group: { _id: "$item", n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
            total: [{ $count: "n" }],
            none: [{ $match: { qty: { $gt: 1000 } } }],
          },
        },
      ])
      .toArray();
    expect(out).toEqual([
      {
        byItem: [
          { _id: "ink", n: 1 },
          { _id: "pad", n: 1 },
          { _id: "pen", n: 3 },
        ],
        total: [{ n: 5 }],
        none: [],
      },
    ]);
  });
});

describe("aggregate cursors", () => {
  it("returns results larger than one batch in full (1,050 documents, batchSize 100 and default)", async () => {
    const big = ctx.db.collection("big");
    await big.insertMany(Array.from({ length: 1050 }, (_, i) => ({ _id: i, g: i % 3 })) as Document[]);
    const withBatch = await big.aggregate([{ $match: {} }, { $sort: { _id: 1 } }], { batchSize: 100 }).toArray();
    expect(withBatch).toHaveLength(1050);
    expect(withBatch.map((d) => d._id)).toEqual(Array.from({ length: 1050 }, (_, i) => i));
    const byDefault = await big.aggregate([{ $project: { g: 1 } }]).toArray();
    expect(byDefault).toHaveLength(1050);
    const groups = await big.aggregate([{ $group: { _id: "$_id", g: { $first: "$g" } } }]).toArray();
    expect(groups).toHaveLength(1050);
  });

  it("the aggregate command returns a cursor whose first batch honours cursor.batchSize", async () => {
    const session = ctx.client.startSession();
    try {
      const reply = await ctx.db.command(
        { aggregate: "big", pipeline: [{ $sort: { _id: 1 } }], cursor: { batchSize: 10 } },
        // keep the 64-bit cursor id a Long: getMore requires a long
        { session, promoteLongs: false },
      );
      expect(reply.cursor.firstBatch).toHaveLength(10);
      expect(reply.cursor.ns).toBe(`${ctx.dbName}.big`);
      const more = await ctx.db.command({ getMore: reply.cursor.id, collection: "big", batchSize: 1000 }, { session, promoteLongs: false });
      expect(more.cursor.nextBatch).toHaveLength(1000);
      expect(more.cursor.nextBatch[0]._id).toBe(10);
    } finally {
      await session.endSession();
    }
  });
});
