/**
 * Date helpers for the demo seed: calendar days relative to an anchor, and wall-clock times in
 * Europe/Amsterdam (so a "10:15" phone call is 10:15 in the Netherlands, in summer and in winter).
 */

const DAY_MS = 86_400_000;
const amsterdam = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Amsterdam",
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** A calendar day (no time zone). `month` is 1-12. */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/** Minutes Europe/Amsterdam is ahead of UTC at instant `ms` (60 or 120). */
function amsterdamOffsetMinutes(ms: number): number {
  const parts = Object.fromEntries(amsterdam.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The calendar day in Amsterdam at instant `date`. */
export function amsterdamDay(date: Date): Day {
  const local = new Date(date.getTime() + amsterdamOffsetMinutes(date.getTime()) * 60_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** `days` calendar days before `day` (negative: after). */
export function addDays(day: Day, days: number): Day {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}

/** The same day, or the Friday before it when it falls in a weekend. */
export function workday(day: Day): Day {
  const wd = weekday(day);
  return wd === 6 ? addDays(day, -1) : wd === 0 ? addDays(day, -2) : day;
}

/** The instant of wall-clock `hour:minute` on `day` in Europe/Amsterdam. */
export function atAmsterdam(day: Day, hour: number, minute = 0): Date {
  const guess = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
  let ms = guess - amsterdamOffsetMinutes(guess) * 60_000;
  const corrected = guess - amsterdamOffsetMinutes(ms) * 60_000;
  if (corrected !== ms) ms = corrected;
  return new Date(ms);
}

/** A date-only value: UTC midnight of the given day (how Balie stores peildata and periods). */
export function dateOnly(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}
