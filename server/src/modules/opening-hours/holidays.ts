/**
 * Dutch holidays that close the chat.
 *
 * The calendar comes from `date-holidays` (country NL, Dutch names). Its NL data holds much more than days off:
 * observances (Moederdag, Vaderdag, Dodenherdenking, Prinsjesdag, Sint-Maarten, Sinterklaasavond,
 * Koninkrijksdag), a bank entry (Oudejaarsavond) and two entries typed `school` (Goede Vrijdag,
 * Bevrijdingsdag). So Balie does not go by type; it closes only on the names in {@link CLOSING_HOLIDAYS}.
 *
 * The decision (Balie's helpdesk works like a central-government helpdesk such as DUO's):
 * - Closed: the official public holidays — Nieuwjaarsdag, Eerste en Tweede Paasdag, Koningsdag,
 *   Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag.
 * - Closed: Bevrijdingsdag (5 May), every year, not only in lustrum years: under the CAO Rijk it is a day off
 *   for central-government staff every year, and "every year" is simpler to explain to schools.
 * - Open: Goede Vrijdag. It is a working day for central government; many schools are closed, so a quiet
 *   day, but the helpdesk answers.
 * - Open: every observance and Oudejaarsavond (the chat follows the weekly schedule on those days).
 * Supervisors handle exceptions (an early close on 31 December, a bridge day) with closures.
 *
 * A unit test checks that every allow-listed name still occurs in the library's data, so a renamed entry
 * after an upgrade fails the build instead of silently opening the chat on a holiday.
 */
import Holidays from "date-holidays";
import { formatLocalDate, type LocalDate } from "./tz.js";

/** Names (as `date-holidays` spells them in Dutch) of the entries that close the chat all day. */
export const CLOSING_HOLIDAYS: ReadonlySet<string> = new Set([
  "Nieuwjaar", // Nieuwjaarsdag, 1 January
  "Pasen", // Eerste Paasdag (a Sunday)
  "Tweede paasdag",
  "Koningsdag", // 27 April, or 26 April when the 27th is a Sunday
  "Bevrijdingsdag", // 5 May, every year (decision above); typed `school` by the library
  "Hemelvaartsdag",
  "Pinksteren", // Eerste Pinksterdag (a Sunday)
  "Tweede pinksterdag",
  "Kerstmis", // Eerste Kerstdag
  "Tweede kerstdag",
]);

/** One entry of the library's NL calendar and Balie's decision about it. */
export interface HolidayEntry {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  name: string;
  /** The library's type: public, bank, school, optional, observance. */
  type: string;
  closesChat: boolean;
}

let calendar: Holidays | undefined;
const byYear = new Map<number, { all: HolidayEntry[]; closing: Map<string, string> }>();

function year(y: number): { all: HolidayEntry[]; closing: Map<string, string> } {
  let entry = byYear.get(y);
  if (!entry) {
    calendar ??= new Holidays("NL", { languages: ["nl"], types: ["public", "bank", "school", "optional", "observance"] });
    const all = calendar.getHolidays(y, "nl").map((h) => ({
      date: h.date.slice(0, 10),
      name: h.name,
      type: h.type,
      closesChat: CLOSING_HOLIDAYS.has(h.name),
    }));
    const closing = new Map<string, string>();
    for (const h of all) if (h.closesChat && !closing.has(h.date)) closing.set(h.date, h.name);
    entry = { all, closing };
    byYear.set(y, entry);
  }
  return entry;
}

/** Every NL entry of `y` with Balie's decision, in date order. */
export function holidaysOfYear(y: number): readonly HolidayEntry[] {
  return year(y).all;
}

/** Name of the holiday that closes the chat on `date` (a local date in the Netherlands), or null. */
export function closingHolidayOn(date: LocalDate): string | null {
  return year(date.year).closing.get(formatLocalDate(date)) ?? null;
}
