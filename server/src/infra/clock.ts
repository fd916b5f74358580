/**
 * The one source of time for Balie. Opening hours, lockouts, code expiry and session timeouts all read
 * `clock.now()`, so tests can set an exact moment (08:59:59, 16:00:00, 24 h + 1 s) without sleeping.
 *
 * Production uses the system clock. Tests (and only tests) may swap in a {@link ManualClock} with
 * {@link setClock}; a test server can also expose it over a test-only route.
 */
export interface Clock {
  /** Current time in milliseconds since the epoch. */
  nowMs(): number;
}

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: Date | number) {
    this.ms = typeof start === "number" ? start : start.getTime();
  }
  nowMs(): number {
    return this.ms;
  }
  set(to: Date | number): void {
    this.ms = typeof to === "number" ? to : to.getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

const systemClock: Clock = { nowMs: () => Date.now() };
let current: Clock = systemClock;

/** Current time as a Date. */
export function now(): Date {
  return new Date(current.nowMs());
}

/** Current time in ms since the epoch. */
export function nowMs(): number {
  return current.nowMs();
}

/** Replace the clock (tests only). Returns the previous one so it can be restored. */
export function setClock(clock: Clock): Clock {
  const previous = current;
  current = clock;
  return previous;
}

/** Back to the system clock. */
export function resetClock(): void {
  current = systemClock;
}
