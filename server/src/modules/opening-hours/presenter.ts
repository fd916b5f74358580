/** Stored opening hours → the contract's shapes (`contracts/api/availability.ts`). */
import type { Closure, WeeklySchedule } from "../../contracts/api/availability.js";
import type { ChatClosure } from "./opening-hours.model.js";
import type { OpeningHoursState } from "./store.js";

export function presentSchedule(state: OpeningHoursState): WeeklySchedule {
  return {
    timeZone: state.rules.timeZone,
    days: Object.fromEntries(Object.entries(state.rules.days).map(([d, ps]) => [d, ps.map((p) => ({ from: p.from, to: p.to }))])) as WeeklySchedule["days"],
    phone: state.phone,
    email: state.email,
    updatedAt: state.saved ? state.saved.updatedAt.toISOString() : null,
  };
}

export function presentClosure(c: Pick<ChatClosure, "_id" | "date" | "startsAt" | "endsAt" | "reason" | "createdBy" | "createdAt">): Closure {
  return {
    id: String(c._id),
    date: c.date ?? null,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    reason: c.reason,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
  };
}
