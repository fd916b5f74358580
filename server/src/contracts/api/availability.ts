/**
 * HTTP contract of chat availability ("is the Chat button shown?") and of the opening hours supervisors manage.
 * Zod schemas, types and constants only (no server imports): the widget, portal and agent console import it.
 *
 * ## Public (no session, CORS for the allowed origins, so the widget loader on a school's website can use it)
 * - `GET /api/v1/availability` → {@link Availability} (JSON snapshot, `Cache-Control: no-store`).
 * - `GET /api/v1/availability/stream` → Server-Sent Events (`text/event-stream`), the light idle channel:
 *   - first a `retry: <ms>` line ({@link AVAILABILITY_STREAM.retryMs}), then at once one
 *     `event: availability` whose `data:` is the JSON of {@link Availability};
 *   - another `event: availability` on every change, and only on a change (same JSON shape; the whole state,
 *     never a diff), within 1 s of it;
 *   - a comment line `: hb` about every {@link AVAILABILITY_STREAM.heartbeatMs} to keep proxies from closing it;
 *   - no `id:` lines: a reconnecting client simply gets the current state again as its first event.
 *   Browser use: `new EventSource(url)` (no `withCredentials`), `es.addEventListener("availability", e =>
 *   parseAvailability(JSON.parse(e.data)))`. One connection per browser is enough (share it between tabs).
 *
 * ## Supervisors only (session + CSRF header; 401 `unauthenticated`, 403 `forbidden` otherwise)
 * - `GET /api/v1/opening-hours/schedule` → {@link WeeklySchedule}
 * - `PUT /api/v1/opening-hours/schedule` body {@link WeeklyScheduleInput} → {@link WeeklySchedule}
 * - `GET /api/v1/opening-hours/closures` (query `includePast=true` for ended ones too) → {@link ClosureList}
 * - `POST /api/v1/opening-hours/closures` body {@link ClosureInput} → 201 {@link Closure}
 * - `DELETE /api/v1/opening-hours/closures/:closureId` → 204 (404 `not_found`)
 * - `GET /api/v1/opening-hours/holidays?year=2026` → {@link HolidayList}: every Dutch entry of that year and
 *   whether it closes the chat (the decision is fixed in code, see `modules/opening-hours/holidays.ts`).
 * Every change is pushed to all availability streams (all processes) within 1 s.
 *
 * Times: instants are ISO 8601 strings in UTC (`2026-04-27T07:00:00.000Z`); wall-clock times (`"09:00"`) and
 * dates (`"2026-04-27"`) are in the schedule's time zone, Europe/Amsterdam.
 */
import { z } from "zod";
import { noControlCharacters, singleLine } from "./single-line.js";

/**
 * Why the chat is (not) available; exactly one applies. When closed, precedence is closure > holiday >
 * closed_hours; `no_agent` only occurs within opening hours.
 */
export const AVAILABILITY_REASONS = [
  /** Open and at least one agent online with free capacity: the Chat button is shown. */
  "open",
  /** A closure added by a supervisor covers this moment. */
  "closure",
  /** A Dutch public holiday on which the helpdesk is closed (today, all day). */
  "holiday",
  /** Outside the weekly schedule (evening, night, weekend). */
  "closed_hours",
  /** Within opening hours, but no agent is online with a free chat slot (all offline, on a break or full). */
  "no_agent",
] as const;
export type AvailabilityReason = (typeof AVAILABILITY_REASONS)[number];

const instant = z.iso.datetime({ offset: true });

/** The one "chat open" signal, as served by the snapshot and the stream. */
export const availabilitySchema = z.object({
  /** Show the Chat button: `open` and an agent has room. */
  available: z.boolean(),
  /** Within opening hours (schedule, no holiday, no closure), whatever the agents do. */
  open: z.boolean(),
  reason: z.enum(AVAILABILITY_REASONS),
  /** When closed: the next moment the chat opens by schedule (null if none within a year). Null while open. */
  nextOpening: instant.nullable(),
  /** While open: when this opening period ends (e.g. today 16:00). Null while closed. */
  closesAt: instant.nullable(),
  /** Dutch name of the holiday when `reason` is `holiday` (`"Koningsdag"`), else null. */
  holiday: z.string().nullable(),
  /** The supervisors' reason for a closure (`"Teamdag"`) when `reason` is `closure`, else null. */
  closureReason: z.string().nullable(),
  /** Helpdesk phone number to show instead of the button (display form, e.g. `"050 123 4567"`). */
  phone: z.string(),
  /** Helpdesk e-mail address to show instead of the button. */
  email: z.string(),
});
export type Availability = z.infer<typeof availabilitySchema>;

/** Validates a message from the snapshot or the stream (throws on a mismatch). */
export function parseAvailability(value: unknown): Availability {
  return availabilitySchema.parse(value);
}

/** Constants of the SSE channel. */
export const AVAILABILITY_STREAM = {
  path: "/api/v1/availability/stream",
  snapshotPath: "/api/v1/availability",
  /** SSE event name of every state message. */
  event: "availability",
  /** Reconnect delay hinted to EventSource with `retry:`. */
  retryMs: 5_000,
  /** A `: hb` comment is written about this often. */
  heartbeatMs: 25_000,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Opening hours (supervisors)

/** `"HH:MM"`, 00:00–24:00 (24:00 only as an end). */
export const wallTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: "invalid_time" });

/** One opening period on a weekday, `from` < `to`, both wall-clock times in the schedule's zone. */
export const openingPeriodSchema = z
  .object({ from: wallTimeSchema, to: wallTimeSchema })
  .strict()
  .refine((p) => p.from < p.to && p.from !== "24:00", { message: "invalid_period", path: ["to"] });
export type OpeningPeriod = z.infer<typeof openingPeriodSchema>;

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Periods of one day, sorted, not overlapping; `[]` means closed all day. */
const dayPeriodsSchema = z
  .array(openingPeriodSchema)
  .max(6, { message: "too_long" })
  .refine((ps) => ps.every((p, i) => i === 0 || ps[i - 1]!.to <= p.from), { message: "overlapping_periods" });

/** Only zones the runtime knows. */
const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "invalid_time_zone" },
);

/** The weekly schedule as a supervisor sends it. Missing days are closed. */
export const weeklyScheduleInputSchema = z
  .object({
    timeZone: timeZoneSchema.default("Europe/Amsterdam"),
    days: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayPeriodsSchema.default([])])) as Record<Weekday, z.ZodDefault<typeof dayPeriodsSchema>>).strict(),
    /** Shown instead of the Chat button. */
    phone: noControlCharacters(z.string().trim().min(3, { message: "invalid_phone" }).max(40, { message: "too_long" })),
    email: z.email({ message: "invalid_email" }).max(254, { message: "too_long" }),
  })
  .strict();
export type WeeklyScheduleInput = z.input<typeof weeklyScheduleInputSchema>;

/** The weekly schedule as stored and returned. */
export const weeklyScheduleSchema = z.object({
  timeZone: z.string(),
  days: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(openingPeriodSchema)])) as Record<Weekday, z.ZodArray<typeof openingPeriodSchema>>),
  phone: z.string(),
  email: z.string(),
  /** Null while the built-in default is in use (never saved). */
  updatedAt: instant.nullable(),
});
export type WeeklySchedule = z.infer<typeof weeklyScheduleSchema>;

/** `"YYYY-MM-DD"`. */
export const localDateSchema = z.iso.date();

/**
 * A closure as a supervisor sends it: a whole day (`{ date, reason }`, midnight to midnight in the schedule's
 * zone) or a time range (`{ startsAt, endsAt, reason }`, instants with offset, `startsAt` < `endsAt`).
 */
export const closureInputSchema = z.union([
  z.object({ date: localDateSchema, reason: singleLine(200) }).strict(),
  z
    .object({ startsAt: instant, endsAt: instant, reason: singleLine(200) })
    .strict()
    .refine((c) => Date.parse(c.startsAt) < Date.parse(c.endsAt), { message: "invalid_period", path: ["endsAt"] }),
]);
export type ClosureInput = z.input<typeof closureInputSchema>;

/** A closure as returned. */
export const closureSchema = z.object({
  id: z.string(),
  /** Set for a whole-day closure. */
  date: localDateSchema.nullable(),
  startsAt: instant,
  endsAt: instant,
  reason: z.string(),
  /** Agent id of the supervisor who added it. */
  createdBy: z.string(),
  createdAt: instant,
});
export type Closure = z.infer<typeof closureSchema>;

export const closureListSchema = z.object({ closures: z.array(closureSchema) });
export type ClosureList = z.infer<typeof closureListSchema>;

/** One entry of the Dutch holiday calendar (`date-holidays`) and Balie's decision about it. */
export const holidaySchema = z.object({
  date: localDateSchema,
  name: z.string(),
  /** The library's classification: `public`, `bank`, `school`, `optional` or `observance`. */
  type: z.string(),
  closesChat: z.boolean(),
});
export const holidayListSchema = z.object({ year: z.number().int(), holidays: z.array(holidaySchema) });
export type HolidayList = z.infer<typeof holidayListSchema>;

/** Query of `GET /opening-hours/closures`. */
export const closureListQuerySchema = z.object({
  /** Also list closures that have ended (newest 500). */
  includePast: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});
/** Params of `DELETE /opening-hours/closures/:closureId`. */
export const closureParamsSchema = z.object({ closureId: z.string().min(1).max(64) });
/** Query of `GET /opening-hours/holidays`. */
export const holidayQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
