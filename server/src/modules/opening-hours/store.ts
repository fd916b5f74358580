/**
 * The opening hours in force, kept in memory so `isOpenAt` is synchronous and cheap (the chat engine asks it
 * for every new conversation; the availability service on every recompute).
 *
 * {@link installOpeningHours} loads the schedule and the closures from MongoDB and reloads them when another
 * process announces `schedule.changed` on the bus. Local commands call {@link scheduleChanged}, which reloads
 * before it returns (so the HTTP answer and the next availability push already see the change) and then tells
 * the other processes.
 */
import type { EventBus } from "../../events/bus.js";
import { nowMs } from "../../infra/clock.js";
import type { Logger } from "../../infra/logger.js";
import { DEFAULT_SCHEDULE_RULES, OpeningCalendar, type ScheduleRules } from "./calendar.js";
import { ChatClosureModel, WeeklyScheduleModel, type WeeklyScheduleDoc } from "./opening-hours.model.js";

/**
 * Shown instead of the Chat button until a supervisor saves the real ones with the schedule. Placeholders
 * (`.example` is reserved; 050 123 4567 is the project's sample number format), never real contact data.
 */
export const DEFAULT_HELPDESK_CONTACT = Object.freeze({ phone: "050 123 4567", email: "helpdesk@balie.example" });

/** Closures that ended longer ago than this are not loaded (they can no longer matter). */
const CLOSURE_LOOKBACK_MS = 7 * 86_400_000;

/** What is in force: the calculator plus the contact details shown when the chat is not available. */
export interface OpeningHoursState {
  calendar: OpeningCalendar;
  rules: ScheduleRules;
  phone: string;
  email: string;
  /** The saved schedule document, or null while the default applies. */
  saved: WeeklyScheduleDoc | null;
}

let state: OpeningHoursState = {
  calendar: new OpeningCalendar(DEFAULT_SCHEDULE_RULES),
  rules: DEFAULT_SCHEDULE_RULES,
  ...DEFAULT_HELPDESK_CONTACT,
  saved: null,
};
const listeners = new Set<(s: OpeningHoursState) => void | Promise<void>>();
let bus: EventBus | undefined;

/** The opening hours in force in this process. */
export function openingHours(): OpeningHoursState {
  return state;
}

/** Reads schedule and closures from MongoDB and makes them current; listeners run afterwards. */
export async function reloadOpeningHours(): Promise<OpeningHoursState> {
  const [saved, closures] = await Promise.all([
    WeeklyScheduleModel.findById("weekly").lean<WeeklyScheduleDoc>().exec(),
    ChatClosureModel.find({ endsAt: { $gt: new Date(nowMs() - CLOSURE_LOOKBACK_MS) } })
      .select({ startsAt: 1, endsAt: 1, reason: 1 })
      .lean()
      .exec(),
  ]);
  const rules: ScheduleRules = saved ? { timeZone: saved.timeZone, days: saved.days } : DEFAULT_SCHEDULE_RULES;
  state = {
    calendar: new OpeningCalendar(
      rules,
      closures.map((c) => ({ startsAtMs: c.startsAt.getTime(), endsAtMs: c.endsAt.getTime(), reason: c.reason })),
    ),
    rules,
    phone: saved?.phone ?? DEFAULT_HELPDESK_CONTACT.phone,
    email: saved?.email ?? DEFAULT_HELPDESK_CONTACT.email,
    saved,
  };
  // Awaited, so a command's HTTP answer comes after the availability snapshot already reflects the change.
  await Promise.all([...listeners].map(async (listener) => listener(state)));
  return state;
}

/**
 * Runs `listener` after every reload (local or caused by another process); a returned promise is awaited by
 * the reload. Returns an unsubscribe.
 */
export function onOpeningHoursChanged(listener: (s: OpeningHoursState) => void | Promise<void>): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by the opening-hours commands after a write: reload here, then tell the other processes. */
export async function scheduleChanged(reason: string): Promise<void> {
  await reloadOpeningHours();
  bus?.emit("schedule.changed", { reason });
}

/** Options of {@link installOpeningHours}. */
export interface InstallOpeningHoursOptions {
  bus: EventBus;
  logger: Logger;
}

/**
 * Loads the opening hours and keeps them current when another process changes them. Call once at startup,
 * after mongoose is connected. Returns an uninstall function.
 */
export async function installOpeningHours(options: InstallOpeningHoursOptions): Promise<() => void> {
  const log = options.logger.child({ module: "opening-hours" });
  bus = options.bus;
  const off = options.bus.on(
    "schedule.changed",
    (_payload, meta) => {
      // Local changes were reloaded by the command before it emitted.
      if (meta.local) return;
      reloadOpeningHours().catch((err: unknown) => log.error({ err }, "reloading opening hours failed"));
    },
    { origin: "any" },
  );
  await reloadOpeningHours();
  return () => {
    off();
    if (bus === options.bus) bus = undefined;
  };
}
