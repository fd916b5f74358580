/**
 * A tiny time-zone helper on top of `Intl.DateTimeFormat`: wall-clock parts of an instant in a zone, and the
 * instant of a wall-clock time in a zone. Enough for opening hours; correct on DST change days because every
 * conversion asks the runtime's tz database for the offset at that very instant.
 */

/** Wall-clock parts of an instant in a zone. `weekday`: 0 = Monday … 6 = Sunday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock parts of `ms` in `timeZone`. */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const part of formatter(timeZone).formatToParts(ms)) {
    switch (part.type) {
      case "year": out.year = Number(part.value); break;
      case "month": out.month = Number(part.value); break;
      case "day": out.day = Number(part.value); break;
      case "hour": out.hour = Number(part.value); break;
      case "minute": out.minute = Number(part.value); break;
      case "second": out.second = Number(part.value); break;
      case "weekday": out.weekday = WEEKDAY_INDEX[part.value] ?? 0; break;
    }
  }
  return out;
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (Amsterdam: +3,600,000 in winter, +7,200,000 in summer). */
export function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p = zonedParts(whole, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/**
 * The instant of wall-clock `minuteOfDay` (0–1440; 1440 is the next midnight) on local date `date` in
 * `timeZone`. A time skipped by a spring-forward change resolves to the instant one offset-change later (02:30
 * → 03:30 CEST); an ambiguous time at fall-back resolves to its first occurrence.
 */
export function zonedToUtc(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  // The offsets a day before and after cover both sides of any DST change near this wall time.
  const before = asUtc - offsetAt(asUtc - 86_400_000, timeZone);
  const after = asUtc - offsetAt(asUtc + 86_400_000, timeZone);
  const valid = [before, after].filter((t) => t + offsetAt(t, timeZone) === asUtc);
  if (valid.length > 0) return Math.min(...valid);
  // In the gap of a spring-forward change: the old offset puts it just after the jump.
  return before;
}

/** A calendar date without a zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The local date of `ms` in `timeZone`. */
export function localDateOf(ms: number, timeZone: string): LocalDate {
  const p = zonedParts(ms, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

/** `date` plus `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

/** `"YYYY-MM-DD"`. */
export function formatLocalDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** Parses `"YYYY-MM-DD"` (already validated). */
export function parseLocalDate(value: string): LocalDate {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

/** `"HH:MM"` → minutes since midnight (`"24:00"` → 1440). */
export function parseWallTime(value: string): number {
  const [h, m] = value.split(":").map(Number) as [number, number];
  return h * 60 + m;
}
