import { Binary, Code, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, serialize, Timestamp, type Document } from "bson";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient, type Document as DriverDocument, type Filter } from "mongodb";
import { afterEach, describe, expect, it } from "vitest";
import { decodeDocument } from "./decode.js";
import { startEmbeddedMongo } from "./index.js";
import { arithmetic, promoteClone, restoreNumberTypes } from "./numbers.js";
import { sameBson } from "./order.js";

/** Every BSON type, numbers in every edge form: the store must send back exactly the bytes it received. */
const EVERYTHING: Document = {
  _id: new ObjectId("65f000000000000000000001"),
  int: new Int32(3),
  intMin: new Int32(-2147483648),
  dblIntegral: new Double(3),
  dblZero: new Double(0),
  dblNegZero: new Double(-0),
  dblFraction: 2.5,
  dblBig: 1e10,
  dblNaN: Number.NaN,
  dblInf: Number.POSITIVE_INFINITY,
  longSmall: Long.fromNumber(5),
  longHuge: Long.fromString("9007199254740993"),
  dec: Decimal128.fromString("1.10"),
  str: "tekst",
  date: new Date("2024-03-01T12:34:56.789Z"),
  bin: new Binary(Buffer.from([0, 1, 255]), 4),
  re: /^ab/i,
  ts: new Timestamp({ t: 1, i: 2 }),
  code: new Code("x()", { n: new Double(1) }),
  min: new MinKey(),
  max: new MaxKey(),
  yes: true,
  nothing: null,
  nested: { list: [new Double(1), 1, [new Long(7), { deep: new Double(-4) }]], empty: {}, none: [] },
};

describe("BSON number representation", () => {
  it("decodes and re-encodes every type byte for byte", () => {
    const bytes = serialize(EVERYTHING);
    expect(Buffer.from(serialize(decodeDocument(bytes)))).toEqual(Buffer.from(bytes));
  });

  it("keeps wrappers only where a plain number would change type", () => {
    const doc = decodeDocument(serialize(EVERYTHING));
    expect(doc.int).toBe(3);
    expect(doc.dblFraction).toBe(2.5);
    expect(doc.dblBig).toBe(1e10);
    expect(doc.dblIntegral).toBeInstanceOf(Double);
    expect(Object.is(doc.dblNegZero, -0)).toBe(true);
    expect(Long.isLong(doc.longSmall)).toBe(true);
    expect((doc.nested.list as unknown[])[0]).toBeInstanceOf(Double);
  });

  it("takes the fast path for documents without int64s or integral doubles", () => {
    const plain = decodeDocument(serialize({ a: 1, b: 2.5, s: "x", d: new Date(0), arr: [1, { c: 2 }] }));
    expect(plain).toEqual({ a: 1, b: 2.5, s: "x", d: new Date(0), arr: [1, { c: 2 }] });
  });

  it("does arithmetic with mongod's result types", () => {
    expect(arithmetic("add", 1, 2)).toBe(3);
    expect(Long.isLong(arithmetic("add", 2147483647, 1))).toBe(true);
    expect(arithmetic("add", 0.5, 0.5)).toEqual(new Double(1));
    expect(arithmetic("add", 1, 0.5)).toBe(1.5);
    expect((arithmetic("add", Long.fromNumber(1), 2) as Long).toString()).toBe("3");
    expect((arithmetic("mul", 65536, 65536) as Long).toString()).toBe("4294967296");
    expect(arithmetic("add", Long.MAX_VALUE, 1)).toBeNull();
    expect(arithmetic("mul", new Double(2), 3)).toEqual(new Double(6));
  });

  it("tells exact identity (types, field order) from comparison equality", () => {
    expect(sameBson({ a: 1, b: 2 }, { a: 1, b: 2 })).toBe(true);
    expect(sameBson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameBson(3, new Double(3))).toBe(false);
    expect(sameBson(new Double(3), new Double(3))).toBe(true);
    expect(sameBson([Long.fromNumber(1)], [Long.fromNumber(1)])).toBe(true);
  });

  it("promotes for mingo and restores the untouched wrappers afterwards", () => {
    const doc = { _id: 1, d: new Double(3), l: Long.fromNumber(4), sub: { d: new Double(1) } };
    const promoted = promoteClone(doc);
    expect(promoted).toEqual({ _id: 1, d: 3, l: 4, sub: { d: 1 } });
    const next = { ...promoted, d: 5, added: 1 };
    expect(restoreNumberTypes(doc, next)).toEqual({ _id: 1, d: 5, l: Long.fromNumber(4), sub: { d: new Double(1) }, added: 1 });
  });
});

interface Nums {
  _id: number;
  d?: Double;
  l?: Long;
  i?: number | Long;
  half?: number | Double;
  sum?: number;
}

describe("BSON number types through the driver", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("keeps types through updates, queries and a restart from the journal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emb-numbers-"));
    dirs.push(dir);
    const raw = { promoteValues: false, promoteLongs: false } as const;
    let store = await startEmbeddedMongo({ dataDir: dir });
    let client = await MongoClient.connect(store.uri);
    let c = client.db("n").collection<Nums>("nums");
    await c.insertOne({ _id: 1, d: new Double(3), l: Long.fromNumber(10), i: 1, half: 0.5 });
    await c.updateOne({ _id: 1 }, { $inc: { half: 0.5, l: 1, i: 2147483647 } });
    expect(await c.countDocuments({ d: 3, half: { $type: "double" }, l: { $gt: 10 }, i: { $type: "long" } } as Filter<DriverDocument> as Filter<Nums>)).toBe(1);
    // An update that leaves a value's number type unchanged is no modification; a type change is one.
    expect((await c.updateOne({ _id: 1 }, { $set: { d: new Double(3) } })).modifiedCount).toBe(0);
    expect((await c.updateOne({ _id: 1 }, { $set: { d: new Double(4) } })).modifiedCount).toBe(1);
    // A pipeline update computes with plain numbers but leaves the other fields' types alone.
    await c.updateOne({ _id: 1 }, [{ $set: { sum: { $add: ["$half", 1] } } }]);
    await client.close();
    await store.close();

    store = await startEmbeddedMongo({ dataDir: dir });
    client = await MongoClient.connect(store.uri);
    c = client.db("n").collection<Nums>("nums");
    const back = await c.findOne({ _id: 1 }, raw);
    expect(back!.d).toEqual(new Double(4));
    expect(back!.half).toEqual(new Double(1));
    expect((back!.l as Long).toString()).toBe("11");
    expect((back!.i as Long).toString()).toBe("2147483648");
    expect(back!.sum).toBeDefined();
    await client.close();
    await store.close();
  });
});
