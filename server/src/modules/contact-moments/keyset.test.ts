import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { AppError } from "../../contracts/errors.js";
import { decodeCursor, encodeCursor, keysetFilter } from "./keyset.js";
import { amsterdamMidnight, dayRange } from "./period.js";

describe(decodeCursor.name, () => {
  it("round-trips and refuses anything it did not make", () => {
    const key = { at: new Date("2025-03-01T10:00:00Z"), id: new Types.ObjectId() };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
    for (const bad of ["", "abc", "eyJ0Ijox", "e30", Buffer.from('{"t":1,"i":"zz"}').toString("base64url"), Buffer.from('{"t":-1,"i":"000000000000000000000000"}').toString("base64url")]) {
      expect(() => decodeCursor(bad), bad).toThrow(AppError);
    }
  });
});

describe(keysetFilter.name, () => {
  it("uses a plain range on the time field plus an $or for the boundary", () => {
    const after = { at: new Date("2025-03-01T10:00:00Z"), id: new Types.ObjectId() };
    expect(keysetFilter("startedAt", {}, after)).toEqual({ startedAt: { $lte: after.at }, $or: [{ startedAt: { $lt: after.at } }, { _id: { $lt: after.id } }] });
    const before = new Date("2025-02-01T00:00:00Z");
    expect(keysetFilter("startedAt", { before }, after)).toEqual({ startedAt: { $lt: before } });
    expect(keysetFilter("startedAt", {}, null)).toEqual({});
  });
});

describe(amsterdamMidnight.name, () => {
  it("knows winter and summer time", () => {
    expect(amsterdamMidnight("2025-01-15").toISOString()).toBe("2025-01-14T23:00:00.000Z");
    expect(amsterdamMidnight("2025-07-15").toISOString()).toBe("2025-07-14T22:00:00.000Z");
    expect(amsterdamMidnight("2025-03-30").toISOString()).toBe("2025-03-29T23:00:00.000Z");
    expect(amsterdamMidnight("2025-03-31").toISOString()).toBe("2025-03-30T22:00:00.000Z");
    expect(dayRange("2025-10-26", "2025-10-26")).toEqual({ from: new Date("2025-10-25T22:00:00Z"), before: new Date("2025-10-26T23:00:00Z") });
  });
});
