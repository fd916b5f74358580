/** Date, time and size formatting for the history tabs: always in Europe/Amsterdam, in the current language. */
import { getLocale } from "../../shared/i18n/index.js";
import { displayTimeZone } from "../../shared/time-format.js";

const intlLocale = () => (getLocale() === "nl" ? "nl-NL" : "en-GB");

/** "3 maart 2025" for an instant (Amsterdam day). */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { timeZone: displayTimeZone, day: "numeric", month: "long", year: "numeric" }).format(d);
}

/** "3 maart 2025 14:05" for an instant. */
export function formatDayTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), {
    timeZone: displayTimeZone, day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).format(d);
}

/** "14:05" for an instant. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), { timeZone: displayTimeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
}

/** "8 december 2021" for a calendar date `YYYY-MM-DD` (no time zone shift). */
export function formatCalendarDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(intlLocale(), { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(d);
}

/** "12 kB", "1,4 MB". */
export function formatSize(bytes: number): string {
  const nf = (n: number, digits: number) => new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${nf(Math.max(1, Math.round(bytes / 1024)), 0)} kB`;
  return `${nf(bytes / (1024 * 1024), 1)} MB`;
}

/** Short name of a content type for a link text: "PDF", "Word", … */
export function formatKind(contentType: string): string {
  if (contentType === "application/pdf") return "PDF";
  if (contentType.includes("wordprocessingml")) return "Word";
  if (contentType.includes("spreadsheetml")) return "Excel";
  if (contentType === "image/png") return "PNG";
  if (contentType === "image/jpeg") return "JPG";
  if (contentType.startsWith("text/plain")) return "TXT";
  return contentType;
}
