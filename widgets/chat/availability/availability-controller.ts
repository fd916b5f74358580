import type { ReactiveController, ReactiveControllerHost } from "lit";
import { availabilityHub, type AvailabilitySignal } from "./availability-hub.js";

/**
 * Keeps `value` equal to the latest availability signal of Balie at `base()` and re-renders the host on each
 * change. Subscribes while the host is connected; the hub shares one stream between elements and tabs.
 */
export class AvailabilityController implements ReactiveController {
  value: AvailabilitySignal | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly base: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = availabilityHub(this.base()).subscribe((state) => {
      this.value = state;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

/** Balie's origin: the element's `server` attribute, else where this script was loaded from. */
export function balieOrigin(server: string | null | undefined): string {
  return new URL(server || import.meta.url).origin;
}
