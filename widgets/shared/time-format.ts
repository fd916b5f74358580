/** Balie shows every time in the Netherlands' zone, whatever the visitor's computer says. */
export const displayTimeZone = "Europe/Amsterdam";

/**
 * "HH:MM" (24-hour) in Europe/Amsterdam for an ISO timestamp or Date, e.g. a lockout's `blockedUntil`.
 * Returns undefined for an unparsable value so callers can fall back to a sentence without a time.
 */
export function formatClockTime(value: string | Date | number | undefined | null): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  const parts = new Intl.DateTimeFormat("nl-NL", {
    timeZone: displayTimeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const hour = parts.find((p) => p.type === "hour")?.value ?? "00";
  const minute = parts.find((p) => p.type === "minute")?.value ?? "00";
  return `${hour}:${minute}`;
}

/**
 * "HH:MM" when `value` falls on the same Amsterdam calendar day as `now`, else "D MMMM HH:MM" in the given
 * language ("3 maart 14:05" / "3 March 14:05"), so a lock that crosses midnight is still unambiguous.
 */
export function formatBlockedUntil(
  value: string | Date | number | undefined | null,
  locale: "nl" | "en",
  now: Date = new Date(),
): string | undefined {
  const time = formatClockTime(value);
  if (time === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value as string | number);
  const day = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: displayTimeZone }).format(d);
  if (day(date) === day(now)) return time;
  const dayMonth = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", {
    timeZone: displayTimeZone,
    day: "numeric",
    month: "long",
  }).format(date);
  return `${dayMonth} ${time}`;
}
