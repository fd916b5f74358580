/**
 * The pure opening-hours calculator: given a weekly schedule, the closures and the holiday decision, is the chat
 * open at an instant, when does it next open, and when does that answer next change? No I/O, no clock: every
 * function takes the instant it is asked about, so tests pin 08:59:59 / 16:00:00 / DST days exactly.
 */
import { WEEKDAYS, type OpeningPeriod, type Weekday } from "../../contracts/api/availability.js";
import { closingHolidayOn } from "./holidays.js";
import { addDays, localDateOf, parseWallTime, weekdayOf, zonedParts, zonedToUtc, type LocalDate } from "./tz.js";

/** The weekly part of a schedule. */
export interface ScheduleRules {
  /** IANA zone the wall-clock times are in (Europe/Amsterdam). */
  timeZone: string;
  days: Record<Weekday, readonly OpeningPeriod[]>;
}

/** A closure as the calculator needs it: `[startsAtMs, endsAtMs)`. */
export interface ClosureSpan {
  startsAtMs: number;
  endsAtMs: number;
  /** Why the helpdesk is closed ("Teamdag"), told to schools. */
  reason?: string | undefined;
}

/** Why the schedule says open or closed at an instant. */
export type OpeningReason = "open" | "closure" | "holiday" | "closed_hours";

/** The opening state at one instant. */
export interface OpeningStatus {
  open: boolean;
  reason: OpeningReason;
  /** Name of the closing holiday of that local day, when `reason` is `holiday`. */
  holiday: string | null;
  /** The supervisor's reason for the closure, when `reason` is `closure`. */
  closureReason?: string | null;
}

/** Monday–Friday 09:00–16:00, Europe/Amsterdam (source: MijnHelpdeskPO "Chatfunctie"). */
export const DEFAULT_SCHEDULE_RULES: ScheduleRules = Object.freeze({
  timeZone: "Europe/Amsterdam",
  days: Object.freeze({
    monday: [{ from: "09:00", to: "16:00" }],
    tuesday: [{ from: "09:00", to: "16:00" }],
    wednesday: [{ from: "09:00", to: "16:00" }],
    thursday: [{ from: "09:00", to: "16:00" }],
    friday: [{ from: "09:00", to: "16:00" }],
    saturday: [],
    sunday: [],
  }),
});

/** How far ahead the searches look; beyond this the answer is "not within a year" (null). */
const HORIZON_DAYS = 400;

/**
 * Opening hours for one schedule and set of closures. Immutable: build a new one when the schedule or the
 * closures change (the store does).
 */
export class OpeningCalendar {
  private readonly tz: string;
  /** Per weekday (0 = Monday), periods as [fromMinute, toMinute). */
  private readonly periods: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  private readonly closures: readonly ClosureSpan[];

  constructor(rules: ScheduleRules = DEFAULT_SCHEDULE_RULES, closures: readonly ClosureSpan[] = []) {
    this.tz = rules.timeZone;
    this.periods = WEEKDAYS.map((d) => rules.days[d].map((p) => [parseWallTime(p.from), parseWallTime(p.to)] as const));
    this.closures = [...closures].filter((c) => c.startsAtMs < c.endsAtMs).sort((a, b) => a.startsAtMs - b.startsAtMs);
  }

  /** The time zone of the schedule. */
  get timeZone(): string {
    return this.tz;
  }

  /** Open or closed at `at`, and why. Precedence: closure, then holiday, then the weekly schedule. */
  statusAt(at: Date | number): OpeningStatus {
    const ms = +at;
    const closure = this.closures.find((c) => c.startsAtMs <= ms && ms < c.endsAtMs);
    if (closure) return { open: false, reason: "closure", holiday: null, closureReason: closure.reason ?? null };
    const p = zonedParts(ms, this.tz);
    const holiday = closingHolidayOn(p);
    if (holiday) return { open: false, reason: "holiday", holiday };
    // Wall-clock comparison in seconds; [from, to) so 16:00:00 itself is closed.
    const second = p.hour * 3600 + p.minute * 60 + p.second;
    const open = this.periods[p.weekday]!.some(([from, to]) => from * 60 <= second && second < to * 60);
    return open ? { open: true, reason: "open", holiday: null } : { open: false, reason: "closed_hours", holiday: null };
  }

  /** True when the chat is within opening hours at `at`. */
  isOpenAt(at: Date | number): boolean {
    return this.statusAt(at).open;
  }

  /** The first instant after `at` at which the chat opens (a closed → open edge), or null within the horizon. */
  nextOpeningAfter(at: Date | number): Date | null {
    let wasOpen = this.isOpenAt(at);
    for (const b of this.boundariesAfter(+at)) {
      const open = this.isOpenAt(b);
      if (open && !wasOpen) return new Date(b);
      wasOpen = open;
    }
    return null;
  }

  /** The first instant after `at` at which the chat closes (an open → closed edge), or null within the horizon. */
  nextClosingAfter(at: Date | number): Date | null {
    let wasOpen = this.isOpenAt(at);
    for (const b of this.boundariesAfter(+at)) {
      const open = this.isOpenAt(b);
      if (!open && wasOpen) return new Date(b);
      wasOpen = open;
    }
    return null;
  }

  /**
   * The first instant after `at` at which {@link statusAt} changes (opening, closing, a closure starting or
   * ending, a holiday beginning at midnight), or null within the horizon. The availability service arms its
   * timer here.
   */
  nextChangeAfter(at: Date | number): Date | null {
    const key = statusKey(this.statusAt(at));
    for (const b of this.boundariesAfter(+at)) {
      if (statusKey(this.statusAt(b)) !== key) return new Date(b);
    }
    return null;
  }

  /**
   * Every instant after `ms` where the status may change, ascending: local midnights, period starts and ends,
   * closure starts and ends. Day by day, so a search stops as soon as it has its answer.
   */
  private *boundariesAfter(ms: number): Generator<number> {
    let day: LocalDate = localDateOf(ms, this.tz);
    let dayStart = zonedToUtc(day, 0, this.tz);
    for (let i = 0; i < HORIZON_DAYS; i++) {
      const next = addDays(day, 1);
      const nextStart = zonedToUtc(next, 0, this.tz);
      const points = [dayStart];
      for (const [from, to] of this.periods[weekdayOf(day)]!) points.push(zonedToUtc(day, from, this.tz), zonedToUtc(day, to, this.tz));
      for (const c of this.closures) {
        if (c.startsAtMs >= dayStart && c.startsAtMs < nextStart) points.push(c.startsAtMs);
        if (c.endsAtMs >= dayStart && c.endsAtMs < nextStart) points.push(c.endsAtMs);
      }
      points.sort((a, b) => a - b);
      let last = -Infinity;
      for (const p of points) {
        if (p > ms && p !== last) yield p;
        last = p;
      }
      day = next;
      dayStart = nextStart;
    }
  }
}

function statusKey(s: OpeningStatus): string {
  return `${s.reason}|${s.holiday ?? ""}`;
}
