import { describe, expect, it } from "vitest";
import { readPeriods } from "./periods.js";

describe(readPeriods.name, () => {
  it("reads one or more periods, sorted; empty is closed", () => {
    expect(readPeriods("13:00-16:00, 9:00 – 12:00")).toEqual({ periods: [{ from: "09:00", to: "12:00" }, { from: "13:00", to: "16:00" }] });
    expect(readPeriods("  ")).toEqual({ periods: [] });
  });

  it("names the hour that does not exist", () => {
    expect(readPeriods("25:00-26:00")).toEqual({ problem: { kind: "time", detail: "25:00" } });
    expect(readPeriods("09:00-16:60")).toEqual({ problem: { kind: "time", detail: "16:60" } });
  });

  it("refuses an end before the start, overlaps and text that is not a period", () => {
    expect(readPeriods("16:00-09:00")).toEqual({ problem: { kind: "order", from: "16:00", to: "09:00" } });
    expect(readPeriods("09:00-13:00, 12:00-16:00")).toEqual({ problem: { kind: "overlap", first: "09:00-13:00", second: "12:00-16:00" } });
    expect(readPeriods("van negen tot vier")).toEqual({ problem: { kind: "format", detail: "van negen tot vier" } });
  });
});
