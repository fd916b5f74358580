import { describe, expect, it } from "vitest";
import { localDateTimeInWords } from "./local-time.js";

describe(localDateTimeInWords.name, () => {
  it("writes Amsterdam wall-clock time in words, winter and summer", () => {
    expect(localDateTimeInWords(new Date("2026-12-03T07:34:39Z"), "nl")).toBe("donderdag 3 december 2026 om 08:34");
    expect(localDateTimeInWords(new Date("2026-12-03T07:34:39Z"), "en")).toBe("Thursday 3 December 2026 at 08:34");
    expect(localDateTimeInWords(new Date("2026-06-30T22:05:00Z"), "nl")).toBe("woensdag 1 juli 2026 om 00:05");
  });
});
