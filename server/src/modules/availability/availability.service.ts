/**
 * The one server-side "chat open" signal: open now (schedule, holidays, closures) AND an agent with a free
 * chat slot. Recomputed when presence changes (any process), when the opening hours change (any process), when
 * the clock reaches the next boundary (16:00, a closure start, …) and every `reconcileMs` as a safety net; the
 * listeners (the SSE hub) hear about it only when the public state actually changed.
 *
 * A burst of triggers (ten agents logging in at 09:00) is coalesced: the first trigger schedules one
 * recompute `debounceMs` (default 50 ms) later, later triggers ride along. So a change is pushed at most
 * `debounceMs` + one capacity query after it happened.
 */
import type { Availability } from "../../contracts/api/availability.js";
import { AVAILABILITY_STREAM } from "../../contracts/api/availability.js";
import type { AvailabilityChanged } from "../../contracts/realtime.js";
import type { EventBus } from "../../events/bus.js";
import { nowMs } from "../../infra/clock.js";
import type { Logger } from "../../infra/logger.js";
import { onOpeningHoursChanged, openingHours } from "../opening-hours/store.js";
import { ClockAlarm } from "./clock-alarm.js";

/** Where the service learns whether anyone can take a chat. */
export interface AvailabilityDeps {
  /**
   * Total free chat slots of agents online (not on a break), across all processes: Σ max(0, max − active).
   * The chat module's `agentsWithFreeCapacity()` in production.
   */
  freeCapacity(): Promise<number>;
}

/** Options of {@link AvailabilityService}. */
export interface AvailabilityServiceOptions {
  deps: AvailabilityDeps;
  bus: EventBus;
  logger: Logger;
  /** Coalescing delay of a burst of triggers; default 50 ms (≤ 100 ms keeps the 1 s push budget). */
  debounceMs?: number;
  /** Recompute this often even without a trigger (a lost pub/sub message heals); default 15 s. */
  reconcileMs?: number;
}

type ChangeListener = (state: Availability, frame: string) => void;

export class AvailabilityService {
  private state: Availability | null = null;
  private json = "";
  private sseFrame = "";
  private readonly listeners = new Set<ChangeListener>();
  private readonly alarm: ClockAlarm;
  private readonly log: Logger;
  private debounce: NodeJS.Timeout | undefined;
  private reconcile: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private dirty = false;
  private readonly unsubscribe: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly options: AvailabilityServiceOptions) {
    this.log = options.logger.child({ module: "availability" });
    this.alarm = new ClockAlarm(() => this.trigger());
  }

  /** Computes the first state and starts listening. */
  async start(): Promise<void> {
    this.unsubscribe.push(
      this.options.bus.on("presence.changed", () => this.trigger(), { origin: "any" }),
      // Opening-hours reloads (local commands and `schedule.changed` from other processes) end up here. Rare,
      // so no debounce: the reload awaits this, and a supervisor's next read already sees the new state.
      onOpeningHoursChanged(() => this.recompute()),
    );
    await this.recompute();
    this.reconcile = setInterval(() => this.trigger(), this.options.reconcileMs ?? 15_000);
    this.reconcile.unref();
  }

  /** Stops timers and listeners; the last state stays readable. */
  stop(): void {
    this.stopped = true;
    for (const off of this.unsubscribe.splice(0)) off();
    this.alarm.cancel();
    clearTimeout(this.debounce);
    clearInterval(this.reconcile);
    this.listeners.clear();
  }

  /** The current state (computed by {@link start}). */
  current(): Availability {
    if (!this.state) throw new Error("availability service not started");
    return this.state;
  }

  /** The current state as JSON (the snapshot body). */
  currentJson(): string {
    return this.json;
  }

  /** The current state as one SSE event (`event: availability\ndata: …\n\n`), shared by every stream. */
  currentFrame(): string {
    return this.sseFrame;
  }

  /** Runs `listener` after every change of the public state. Returns an unsubscribe. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Schedules a recompute within `debounceMs` (coalescing bursts). */
  trigger(): void {
    if (this.stopped || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.recompute();
    }, this.options.debounceMs ?? 50);
    this.debounce.unref();
  }

  /**
   * Recomputes now (no debounce) and resolves when done, listeners included. Tests call it after moving a
   * `ManualClock` backwards or far ahead; production never needs it.
   */
  async tick(): Promise<void> {
    await this.recompute();
  }

  private recompute(): Promise<void> {
    if (this.running) {
      this.dirty = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.dirty = false;
        await this.computeOnce();
      } while (this.dirty && !this.stopped);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async computeOnce(): Promise<void> {
    const t = nowMs();
    const hours = openingHours();
    const status = hours.calendar.statusAt(t);
    let capacity = 0;
    if (status.open) {
      try {
        capacity = await this.options.deps.freeCapacity();
      } catch (err) {
        // Fail closed: never show a button nobody can answer. The next trigger or reconcile tries again.
        this.log.warn({ err }, "free capacity unknown; treating as no agent");
      }
    }
    const next: Availability = {
      available: status.open && capacity > 0,
      open: status.open,
      reason: status.open ? (capacity > 0 ? "open" : "no_agent") : status.reason,
      nextOpening: status.open ? null : toIso(hours.calendar.nextOpeningAfter(t)),
      closesAt: status.open ? toIso(hours.calendar.nextClosingAfter(t)) : null,
      holiday: status.holiday,
      closureReason: status.open ? null : (status.closureReason ?? null),
      phone: hours.phone,
      email: hours.email,
    };
    if (!this.stopped) this.alarm.arm(hours.calendar.nextChangeAfter(t)?.getTime() ?? null);
    const json = JSON.stringify(next);
    if (json === this.json) return;
    this.state = next;
    this.json = json;
    this.sseFrame = `event: ${AVAILABILITY_STREAM.event}\ndata: ${json}\n\n`;
    this.log.debug({ reason: next.reason, available: next.available }, "availability changed");
    // Sockets (a widget with a running chat) hear it through the real-time broadcaster; every process computes
    // and emits its own, and its broadcaster serves only its own sockets (realtime/broadcasters/availability.ts).
    this.options.bus.emit("availability.changed", presentAvailabilityChanged(next, t));
    for (const listener of this.listeners) {
      try {
        listener(next, this.sseFrame);
      } catch (err) {
        this.log.error({ err }, "availability listener failed");
      }
    }
  }
}

/** The Socket.IO `availability.changed` payload for a state computed at `atMs`. */
export function presentAvailabilityChanged(state: Availability, atMs: number): AvailabilityChanged {
  return { available: state.available, open: state.open, nextOpeningAt: state.nextOpening, at: new Date(atMs).toISOString() };
}

function toIso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
