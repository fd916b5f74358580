import { describe, expect, it } from "vitest";
import { OpeningCalendar, type ClosureSpan } from "./calendar.js";
import { CLOSING_HOLIDAYS, closingHolidayOn, holidaysOfYear } from "./holidays.js";
import { offsetAt, zonedToUtc } from "./tz.js";

const TZ = "Europe/Amsterdam";
/** Instant of an Amsterdam wall-clock time, written with its offset so the test states it explicitly. */
const at = (iso: string) => new Date(iso);
const cal = new OpeningCalendar();

describe("tz", () => {
  it("knows the Amsterdam offset on both sides of the 2026 DST changes", () => {
    expect(offsetAt(Date.parse("2026-03-29T00:59:59Z"), TZ)).toBe(3_600_000);
    expect(offsetAt(Date.parse("2026-03-29T01:00:00Z"), TZ)).toBe(7_200_000);
    expect(offsetAt(Date.parse("2026-10-25T00:59:59Z"), TZ)).toBe(7_200_000);
    expect(offsetAt(Date.parse("2026-10-25T01:00:00Z"), TZ)).toBe(3_600_000);
  });

  it("converts wall-clock times, also in the spring gap and the autumn overlap", () => {
    expect(new Date(zonedToUtc({ year: 2026, month: 3, day: 29 }, 9 * 60, TZ)).toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(new Date(zonedToUtc({ year: 2026, month: 3, day: 28 }, 9 * 60, TZ)).toISOString()).toBe("2026-03-28T08:00:00.000Z");
    expect(new Date(zonedToUtc({ year: 2026, month: 10, day: 25 }, 16 * 60, TZ)).toISOString()).toBe("2026-10-25T15:00:00.000Z");
    // 02:30 does not exist on 29 March: it resolves to 03:30 CEST.
    expect(new Date(zonedToUtc({ year: 2026, month: 3, day: 29 }, 150, TZ)).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // 02:30 happens twice on 25 October: the first (CEST) one.
    expect(new Date(zonedToUtc({ year: 2026, month: 10, day: 25 }, 150, TZ)).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(new Date(zonedToUtc({ year: 2026, month: 10, day: 24 }, 1440, TZ)).toISOString()).toBe("2026-10-24T22:00:00.000Z");
  });
});

describe("holidays", () => {
  it("every allow-listed name still occurs in the library's NL data", () => {
    const names = new Set([2025, 2026, 2027, 2028].flatMap((y) => holidaysOfYear(y).map((h) => h.name)));
    for (const name of CLOSING_HOLIDAYS) expect(names, name).toContain(name);
  });

  it.each([
    ["2026-01-01", "Nieuwjaar"],
    ["2026-04-06", "Tweede paasdag"],
    ["2026-04-27", "Koningsdag"],
    ["2026-05-05", "Bevrijdingsdag"],
    ["2027-05-05", "Bevrijdingsdag"],
    ["2026-05-14", "Hemelvaartsdag"],
    ["2026-05-25", "Tweede pinksterdag"],
    ["2026-12-25", "Kerstmis"],
    ["2026-12-26", "Tweede kerstdag"],
    ["2025-04-26", "Koningsdag"],
  ])("%s closes (%s)", (date, name) => {
    const [year, month, day] = date.split("-").map(Number) as [number, number, number];
    expect(closingHolidayOn({ year, month, day })).toBe(name);
  });

  it.each([
    ["2026-04-03", "Goede Vrijdag (school type, open by decision)"],
    ["2026-05-04", "Nationale Dodenherdenking (observance, a Monday)"],
    ["2026-05-10", "Moederdag"],
    ["2026-09-15", "Prinsjesdag (observance, a Tuesday)"],
    ["2026-11-11", "Sint-Maarten (observance, a Wednesday)"],
    ["2025-12-05", "Sinterklaasavond (observance, a Friday in 2025)"],
    ["2026-12-15", "Koninkrijksdag"],
    ["2026-12-31", "Oudejaarsavond (bank)"],
  ])("%s stays open (%s)", (date) => {
    const [year, month, day] = date.split("-").map(Number) as [number, number, number];
    expect(closingHolidayOn({ year, month, day })).toBeNull();
  });
});

describe(OpeningCalendar.name, () => {
  it.each([
    // A Wednesday in winter (CET, +01:00) and one in summer (CEST, +02:00).
    ["2026-01-14T08:59:59+01:00", false, "closed_hours"],
    ["2026-01-14T09:00:00+01:00", true, "open"],
    ["2026-01-14T15:59:59+01:00", true, "open"],
    ["2026-01-14T16:00:00+01:00", false, "closed_hours"],
    ["2026-06-17T08:59:59+02:00", false, "closed_hours"],
    ["2026-06-17T09:00:00+02:00", true, "open"],
    ["2026-06-17T15:59:59+02:00", true, "open"],
    ["2026-06-17T16:00:00+02:00", false, "closed_hours"],
    // The day after each DST change (the change days themselves are Sundays).
    ["2026-03-30T08:59:59+02:00", false, "closed_hours"],
    ["2026-03-30T09:00:00+02:00", true, "open"],
    ["2026-10-26T15:59:59+01:00", true, "open"],
    ["2026-10-26T16:00:00+01:00", false, "closed_hours"],
    // A Saturday at noon.
    ["2026-01-17T12:00:00+01:00", false, "closed_hours"],
    ["2026-04-27T10:00:00+02:00", false, "holiday"],
    ["2026-04-03T10:00:00+02:00", true, "open"],
    ["2026-05-05T10:00:00+02:00", false, "holiday"],
    ["2026-09-15T10:00:00+02:00", true, "open"],
  ] as const)("%s → open %s (%s)", (iso, open, reason) => {
    expect(cal.statusAt(at(iso))).toMatchObject({ open, reason });
  });

  it("on both DST change days a 7-day schedule opens and closes at local 09:00 and 16:00", () => {
    const everyDay = new OpeningCalendar({
      timeZone: TZ,
      days: Object.fromEntries(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].map((d) => [d, [{ from: "09:00", to: "16:00" }]]),
      ) as never,
    });
    for (const [before, opens, lastOpen, closes] of [
      ["2026-03-29T08:59:59+02:00", "2026-03-29T09:00:00+02:00", "2026-03-29T15:59:59+02:00", "2026-03-29T16:00:00+02:00"],
      ["2026-10-25T08:59:59+01:00", "2026-10-25T09:00:00+01:00", "2026-10-25T15:59:59+01:00", "2026-10-25T16:00:00+01:00"],
    ] as const) {
      expect(everyDay.isOpenAt(at(before))).toBe(false);
      expect(everyDay.isOpenAt(at(opens))).toBe(true);
      expect(everyDay.isOpenAt(at(lastOpen))).toBe(true);
      expect(everyDay.isOpenAt(at(closes))).toBe(false);
      expect(everyDay.nextOpeningAfter(at(before))?.getTime()).toBe(at(opens).getTime());
      expect(everyDay.nextChangeAfter(at(lastOpen))?.getTime()).toBe(at(closes).getTime());
    }
  });

  it("finds the next opening across weekends, holidays and DST", () => {
    // Friday 27 March 2026 after closing → Monday 30 March 09:00 CEST (DST changed on Sunday).
    expect(cal.nextOpeningAfter(at("2026-03-27T16:00:00+01:00"))?.toISOString()).toBe("2026-03-30T07:00:00.000Z");
    // Friday 24 April after closing → Koningsdag Monday 27 April is closed → Tuesday 28 April.
    expect(cal.nextOpeningAfter(at("2026-04-24T17:00:00+02:00"))?.toISOString()).toBe("2026-04-28T07:00:00.000Z");
    // Christmas Eve (Thursday) after closing → 25, 26 (Sat), 27 (Sun) closed → Monday 28 December 09:00 CET.
    expect(cal.nextOpeningAfter(at("2026-12-24T16:30:00+01:00"))?.toISOString()).toBe("2026-12-28T08:00:00.000Z");
    // While open, the next opening is tomorrow's.
    expect(cal.nextOpeningAfter(at("2026-01-14T10:00:00+01:00"))?.toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(cal.nextClosingAfter(at("2026-01-14T10:00:00+01:00"))?.toISOString()).toBe("2026-01-14T15:00:00.000Z");
  });

  it("next change: 16:00, then midnight before a holiday", () => {
    expect(cal.nextChangeAfter(at("2026-04-24T12:00:00+02:00"))?.toISOString()).toBe("2026-04-24T14:00:00.000Z");
    // Sunday 26 April (closed_hours) → Koningsdag begins at midnight (reason becomes holiday).
    expect(cal.nextChangeAfter(at("2026-04-26T12:00:00+02:00"))?.toISOString()).toBe("2026-04-26T22:00:00.000Z");
  });

  it("a closure range closes and reopens within a day; a whole-day closure moves the next opening", () => {
    const closures: ClosureSpan[] = [
      { startsAtMs: Date.parse("2026-01-14T11:00:00+01:00"), endsAtMs: Date.parse("2026-01-14T13:30:00+01:00") },
      { startsAtMs: Date.parse("2026-01-15T00:00:00+01:00"), endsAtMs: Date.parse("2026-01-16T00:00:00+01:00") },
    ];
    const c = new OpeningCalendar(undefined, closures);
    expect(c.statusAt(at("2026-01-14T10:59:59+01:00")).reason).toBe("open");
    expect(c.statusAt(at("2026-01-14T11:00:00+01:00")).reason).toBe("closure");
    expect(c.statusAt(at("2026-01-14T13:29:59+01:00")).reason).toBe("closure");
    expect(c.statusAt(at("2026-01-14T13:30:00+01:00")).reason).toBe("open");
    expect(c.nextChangeAfter(at("2026-01-14T10:00:00+01:00"))?.toISOString()).toBe("2026-01-14T10:00:00.000Z");
    expect(c.nextOpeningAfter(at("2026-01-14T12:00:00+01:00"))?.toISOString()).toBe("2026-01-14T12:30:00.000Z");
    expect(c.nextOpeningAfter(at("2026-01-14T16:00:00+01:00"))?.toISOString()).toBe("2026-01-16T08:00:00.000Z");
  });

  it("an empty schedule never opens", () => {
    const never = new OpeningCalendar({ timeZone: TZ, days: { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] } });
    expect(never.nextOpeningAfter(at("2026-01-14T10:00:00+01:00"))).toBeNull();
  });
});
