import { describe, expect, it } from "vitest";
import { mulberry32, Random } from "./random.js";

describe(mulberry32.name, () => {
  it("gives the same sequence for the same seed", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seqA = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("gives a different sequence for another seed", () => {
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it("is pinned: the first values for seed 1 never change", () => {
    // The reference mulberry32 starts 0.6270739405881613 for seed 1. Changing the generator would silently
    // change every demo id; this makes it loud.
    const next = mulberry32(1);
    expect([next(), next(), next()].map((x) => x.toFixed(10))).toEqual(["0.6270739406", "0.0027357212", "0.5274470400"]);
  });
});

describe(Random.name, () => {
  it("keeps int() within bounds, both inclusive", () => {
    const rng = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("samples distinct elements and shuffles without losing any", () => {
    const rng = new Random(7);
    const items = ["a", "b", "c", "d", "e"];
    expect(rng.shuffle(items).sort()).toEqual(items);
    const sample = rng.sample(items, 3);
    expect(new Set(sample).size).toBe(3);
  });

  it("picks weighted keys roughly in proportion", () => {
    const rng = new Random(99);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) counts[rng.weighted({ a: 3, b: 1 })]++;
    expect(counts.a / 10_000).toBeGreaterThan(0.7);
    expect(counts.a / 10_000).toBeLessThan(0.8);
  });
});
