/**
 * Opening hours of the chat: weekly schedule (default Mon–Fri 09:00–16:00 Europe/Amsterdam), Dutch holidays
 * (decision in `holidays.ts`) and supervisor closures.
 *
 * For other modules (the chat engine refuses new chats when `!isOpenAt()`):
 * - {@link isOpenAt}, {@link nextOpeningAfter}, {@link nextChangeAfter}, {@link openingStatusAt}: synchronous,
 *   against the opening hours in force in this process (kept current across processes via `schedule.changed`);
 *   the instant defaults to `clock.now()`.
 * - {@link OpeningCalendar}: the pure calculator, for tests with an explicit schedule.
 */
import { now } from "../../infra/clock.js";
import type { OpeningStatus } from "./calendar.js";
import { openingHours } from "./store.js";

export { OpeningCalendar, DEFAULT_SCHEDULE_RULES, type OpeningStatus, type ScheduleRules, type ClosureSpan } from "./calendar.js";
export { CLOSING_HOLIDAYS, closingHolidayOn, holidaysOfYear } from "./holidays.js";
export { installOpeningHours, onOpeningHoursChanged, openingHours, reloadOpeningHours, type OpeningHoursState } from "./store.js";
export { openingHoursRoutes } from "./opening-hours.routes.js";

/** True when the chat is within opening hours at `at` (schedule, holidays, closures). */
export function isOpenAt(at: Date | number = now()): boolean {
  return openingHours().calendar.isOpenAt(at);
}

/** Open or closed at `at`, and why (`open`, `closure`, `holiday`, `closed_hours`). */
export function openingStatusAt(at: Date | number = now()): OpeningStatus {
  return openingHours().calendar.statusAt(at);
}

/** The next moment after `at` the chat opens, or null when not within a year. */
export function nextOpeningAfter(at: Date | number = now()): Date | null {
  return openingHours().calendar.nextOpeningAfter(at);
}

/** The next moment after `at` the opening status changes (opening, closing, closure start/end, holiday). */
export function nextChangeAfter(at: Date | number = now()): Date | null {
  return openingHours().calendar.nextChangeAfter(at);
}
