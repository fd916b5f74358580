import { Binary, MaxKey, MinKey, ObjectId } from "bson";
import { describe, expect, it } from "vitest";
import { Engine } from "./engine.js";
import { Index } from "./indexes.js";
import { compareBson } from "./order.js";
import { planCandidates } from "./planner.js";
import { SortedList } from "./sorted-list.js";

describe("BSON comparison order", () => {
  it("orders mixed types like mongod: MinKey < null < numbers < strings < objects < arrays < binData < ObjectId < bool < date < MaxKey", () => {
    const values = [new MaxKey(), new Date(0), true, new ObjectId(), new Binary(Buffer.from([1])), [1], { a: 1 }, "a", 1, null, new MinKey()];
    const sorted = [...values].sort(compareBson);
    expect(sorted).toEqual([...values].reverse());
  });

  it("treats numbers of any BSON type as one type and sorts NaN first", () => {
    expect(compareBson(1, 1.0)).toBe(0);
    expect([3, Number.NaN, -1].sort(compareBson)).toEqual([Number.NaN, -1, 3]);
  });
});

describe("SortedList", () => {
  it("keeps order across chunk splits and supports removal and walks in both directions", () => {
    const list = new SortedList<number>((a, b) => a - b);
    const input = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    for (const n of input) list.insert(n);
    expect([...list.forward()]).toEqual([...input].sort((a, b) => a - b));
    for (let i = 0; i < 5000; i += 2) expect(list.remove(i)).toBe(true);
    expect(list.size).toBe(2500);
    const back = [...list.backward()];
    expect(back[0]).toBe(4999);
    expect(back.at(-1)).toBe(1);
  });
});

describe("Index", () => {
  const make = () => {
    const idx = new Index({ v: 2, key: { org: 1, at: 1 }, name: "org_1_at_1" });
    const docs = Array.from({ length: 300 }, (_, i) => ({ _id: i, org: `o${i % 3}`, at: new Date(1000 * (i % 50)) }));
    for (const d of docs) idx.add(d, d._id);
    return { idx, docs };
  };

  it("walks equality prefix + range in index order, forward and backward, with _id as tie-break", () => {
    const { idx, docs } = make();
    const expected = docs
      .filter((d) => d.org === "o1" && d.at.getTime() < 20_000)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a._id - b._id);
    const fwd = [...idx.range(["o1"], { hi: new Date(20_000), hiInclusive: false }, false)].map((e) => e.id);
    expect(fwd).toEqual(expected.map((d) => d._id));
    const rev = [...idx.range(["o1"], { hi: new Date(20_000), hiInclusive: false }, true)].map((e) => e.id);
    expect(rev).toEqual(expected.map((d) => d._id).reverse());
    const incl = [...idx.range(["o1"], { lo: new Date(5_000), loInclusive: true, hi: new Date(6_000), hiInclusive: true }, false)];
    expect(incl.every((e) => [5_000, 6_000].includes((e.key[1] as Date).getTime()))).toBe(true);
    expect(incl.length).toBe(expected.filter((d) => [5_000, 6_000].includes(d.at.getTime())).length);
  });

  it("finds duplicates in a unique index, treating a missing field as null unless sparse", () => {
    const unique = new Index({ v: 2, key: { email: 1 }, name: "email_1", unique: true });
    unique.add({ _id: 1, email: "a" }, 1);
    unique.add({ _id: 2 }, 2);
    expect(unique.findDuplicate({ _id: 3, email: "a" }, 3)).toEqual(["a"]);
    expect(unique.findDuplicate({ _id: 1, email: "a" }, 1)).toBeNull();
    expect(unique.findDuplicate({ _id: 4 }, 4)).toEqual([null]);
    const sparse = new Index({ v: 2, key: { email: 1 }, name: "email_1", unique: true, sparse: true });
    sparse.add({ _id: 2 }, 2);
    expect(sparse.findDuplicate({ _id: 4 }, 4)).toBeNull();
  });

  it("indexes every element of an array (multikey) and only documents matching a partial filter", () => {
    const multi = new Index({ v: 2, key: { tags: 1 }, name: "tags_1", unique: true });
    multi.add({ _id: 1, tags: ["a", "b"] }, 1);
    expect(multi.multikey).toBe(true);
    expect(multi.findDuplicate({ _id: 2, tags: ["c", "b"] }, 2)).toEqual(["b"]);
    const partial = new Index({ v: 2, key: { email: 1 }, name: "e", unique: true, partialFilterExpression: { active: true } });
    partial.add({ _id: 1, email: "x", active: true }, 1);
    expect(partial.findDuplicate({ _id: 2, email: "x", active: false }, 2)).toBeNull();
    expect(partial.findDuplicate({ _id: 3, email: "x", active: true }, 3)).toEqual(["x"]);
  });
});

describe("query planner", () => {
  const engine = new Engine();
  const coll = engine.ensureCollection("db", "events");
  coll.createIndex({ v: 2, key: { email: 1 }, name: "email_1", unique: true });
  coll.createIndex({ v: 2, key: { org: 1, at: 1 }, name: "org_1_at_1" });
  for (let i = 0; i < 2000; i++) coll.insert({ _id: new ObjectId(), email: `u${i}`, org: `o${i % 4}`, at: new Date(1_000_000 + (i % 500) * 1000) });

  it("uses the _id map and the unique index for equality lookups", () => {
    const some = [...coll.docs.values()][42]!;
    expect(planCandidates(coll, { _id: some._id }, []).kind).toBe("id");
    const plan = planCandidates(coll, { email: "u42" }, []);
    expect(plan.kind).toBe("index");
    expect([...plan.docs]).toHaveLength(1);
  });

  it("walks {org, at} backwards for equality + range sorted {at: -1, _id: -1} and matches a scan-and-sort", () => {
    const filter = { org: "o2", at: { $lt: new Date(1_200_000) } };
    const sort = { at: -1, _id: -1 };
    const plan = planCandidates(coll, filter, [["at", -1], ["_id", -1]]);
    expect(plan).toMatchObject({ kind: "index", index: "org_1_at_1", sorted: true });
    const page = coll.select(filter, { sort, limit: 25 });
    const brute = [...coll.docs.values()]
      .filter((d) => d.org === "o2" && (d.at as Date).getTime() < 1_200_000)
      .sort((a, b) => compareBson(b.at, a.at) || compareBson(b._id, a._id))
      .slice(0, 25);
    expect(page.map((d) => d._id)).toEqual(brute.map((d) => d._id));
  });

  it("falls back to a scan (in insertion order) when no index applies", () => {
    const plan = planCandidates(coll, { at: { $gt: new Date(0) } }, []);
    expect(plan.kind).toBe("scan");
  });
});
