import { describe, expect, it } from "vitest";
import { formatBlockedUntil, formatClockTime } from "./time-format.js";

describe(formatClockTime.name, () => {
  it("shows Amsterdam time in winter (UTC+1) and summer (UTC+2)", () => {
    expect(formatClockTime("2025-01-15T13:05:00.000Z")).toBe("14:05");
    expect(formatClockTime("2025-07-15T13:05:00.000Z")).toBe("15:05");
  });

  it("handles the DST switch and midnight", () => {
    // 30 March 2025, 01:00 UTC = 03:00 CEST (clocks jumped from 02:00 to 03:00).
    expect(formatClockTime("2025-03-30T01:00:00.000Z")).toBe("03:00");
    expect(formatClockTime("2025-01-15T23:10:00.000Z")).toBe("00:10");
  });

  it("returns undefined for missing or invalid input", () => {
    expect(formatClockTime(undefined)).toBeUndefined();
    expect(formatClockTime("")).toBeUndefined();
    expect(formatClockTime("not a date")).toBeUndefined();
  });
});

describe(formatBlockedUntil.name, () => {
  it("gives only the time on the same Amsterdam day, else day and month too", () => {
    const now = new Date("2025-01-15T13:00:00.000Z");
    expect(formatBlockedUntil("2025-01-15T13:15:00.000Z", "nl", now)).toBe("14:15");
    // 22:55 UTC on the 15th is already 16 January in Amsterdam.
    expect(formatBlockedUntil("2025-01-15T23:10:00.000Z", "nl", new Date("2025-01-15T22:55:00.000Z"))).toBe("16 januari 00:10");
    expect(formatBlockedUntil("2025-01-15T23:10:00.000Z", "en", new Date("2025-01-15T22:55:00.000Z"))).toBe("16 January 00:10");
  });
});
