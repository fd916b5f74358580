/**
 * Calendar days in Europe/Amsterdam (the helpdesk's and the schools' day) as UTC instants, for period filters:
 * `from=2025-03-01&to=2025-03-31` means from 1 March 00:00 up to (not including) 1 April 00:00 Amsterdam time.
 */
import type { TimeRange } from "./keyset.js";

const ZONE = "Europe/Amsterdam";
const formatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Offset of Amsterdam from UTC at `ms`, in ms (3600000 in winter, 7200000 in summer). */
function offsetAt(ms: number): number {
  const parts = Object.fromEntries(formatter.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant of 00:00 Amsterdam time on `date` (`YYYY-MM-DD`). */
export function amsterdamMidnight(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const wall = Date.UTC(y!, m! - 1, d!);
  // Two passes settle the offset also on the days the clocks change (midnight never falls in the gap).
  let guess = wall - offsetAt(wall);
  guess = wall - offsetAt(guess);
  return new Date(guess);
}

/** `YYYY-MM-DD` of the day after `date`. */
function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

/** The range covering the days `from` to `to`, both inclusive; open at an end that is not given. */
export function dayRange(from: string | undefined, to: string | undefined): TimeRange {
  return {
    ...(from ? { from: amsterdamMidnight(from) } : {}),
    ...(to ? { before: amsterdamMidnight(nextDay(to)) } : {}),
  };
}

/** A UTC Date at midnight (calendar dates are stored that way) as `YYYY-MM-DD`. */
export function calendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
