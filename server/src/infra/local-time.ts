/**
 * Moments written for people in mails: Amsterdam wall-clock time in words, in the mail's language, never a raw
 * UTC timestamp ("tot 2026-12-03T07:34:39Z" means nothing to a school secretary).
 */
const ZONE = "Europe/Amsterdam";

const formats = {
  nl: new Intl.DateTimeFormat("nl-NL", { timeZone: ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
} as const;

/** "woensdag 3 december 2026 om 08:34" / "Wednesday 3 December 2026 at 08:34" (Amsterdam time). */
export function localDateTimeInWords(at: Date, locale: "nl" | "en"): string {
  const parts = Object.fromEntries(formats[locale].formatToParts(at).map((p) => [p.type, p.value]));
  const day = `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
  const time = `${parts.hour}:${parts.minute}`;
  return locale === "nl" ? `${day} om ${time}` : `${day} at ${time}`;
}
