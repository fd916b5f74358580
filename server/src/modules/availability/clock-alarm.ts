/**
 * A one-shot alarm at an instant of `clock` time, not after a duration: it fires once `clock.nowMs()` has
 * reached the instant. A real timer waits for the remaining time (at most {@link ClockAlarmOptions.maxWaitMs},
 * so system clock jumps and long-timer drift are corrected) and then asks the clock again. With a
 * `ManualClock` in tests this means: set the clock past the instant and the alarm fires within the remaining
 * real wait, or at once after `check()`; no test ever sleeps until 16:00.
 */
import { nowMs } from "../../infra/clock.js";

/** Options of {@link ClockAlarm}. */
export interface ClockAlarmOptions {
  /** Longest single real wait before asking the clock again; default 60 s. */
  maxWaitMs?: number;
}

export class ClockAlarm {
  private at: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly maxWaitMs: number;

  /** `fire` runs once per {@link arm}, when the clock reaches the instant. */
  constructor(
    private readonly fire: () => void,
    options: ClockAlarmOptions = {},
  ) {
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** The instant it is armed for (ms since the epoch), or null. */
  get armedAt(): number | null {
    return this.at;
  }

  /** Arms for `at` (replacing any earlier instant); null disarms. */
  arm(at: number | null): void {
    this.cancel();
    this.at = at;
    if (at !== null) this.check();
  }

  /** Fires now if the clock has reached the instant, otherwise waits again. */
  check = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const at = this.at;
    if (at === null) return;
    const remaining = at - nowMs();
    if (remaining <= 0) {
      this.at = null;
      this.fire();
      return;
    }
    this.timer = setTimeout(this.check, Math.min(remaining, this.maxWaitMs));
    this.timer.unref();
  };

  /** Disarms. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.at = null;
  }
}
