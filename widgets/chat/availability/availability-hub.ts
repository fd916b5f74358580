/**
 * The "chat open" signal for idle pages, over the light SSE channel (`GET /api/v1/availability/stream`), shared
 * by all tabs of one browser:
 *
 * - One tab per origin is the leader: it holds a Web Lock (`navigator.locks`), opens the one EventSource and
 *   re-broadcasts every `availability` event on a BroadcastChannel. The other tabs only listen on the channel and
 *   ask the leader for the last state when they start. When the leader tab closes, its lock is released and the
 *   next tab waiting for it opens the stream (the server sends the current state on connect).
 * - Without Web Locks or BroadcastChannel: one EventSource per tab.
 *
 * Why not a SharedWorker: a worker script must come from the page's origin, and the widget is embedded on
 * schools' own sites from Balie's origin; leader election works on any page and needs no extra file.
 *
 * Hubs live on `globalThis`, so a second copy of the loader on the same page (the portal bundle plus an embed
 * script) shares the same subscription.
 */
import type { Availability as AvailabilitySignal, AVAILABILITY_STREAM } from "../../../server/src/contracts/api/availability.js";

export type { AvailabilitySignal };

type Listener = (state: AvailabilitySignal) => void;
type ChannelMessage = { type: "ask" } | { type: "state"; state: AvailabilitySignal };

/**
 * SSE path and event name. Typed with the contract's literal types (a drift is a compile error) without importing
 * its runtime, which would bundle zod into the embed script.
 */
const streamPath: (typeof AVAILABILITY_STREAM)["path"] = "/api/v1/availability/stream";
const streamEvent: (typeof AVAILABILITY_STREAM)["event"] = "availability";

class AvailabilityHub {
  private readonly listeners = new Set<Listener>();
  private last: AvailabilitySignal | undefined;
  private source: EventSource | undefined;
  private channel: BroadcastChannel | undefined;
  private stopLeading: (() => void) | undefined;
  private abort: AbortController | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private leading = false;

  constructor(private readonly base: string) {}

  get state(): AvailabilitySignal | undefined {
    return this.last;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.last) listener(this.last);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private emit(state: AvailabilitySignal): void {
    this.last = state;
    for (const listener of this.listeners) listener(state);
  }

  private start(): void {
    const name = `balie-availability:${this.base}`;
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    if (typeof BroadcastChannel !== "function" || !locks) {
      this.open();
      return;
    }
    const channel = (this.channel = new BroadcastChannel(name));
    channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
      const message = event.data;
      if (message.type === "state") this.emit(message.state);
      else if (message.type === "ask" && this.leading && this.last) channel.postMessage({ type: "state", state: this.last });
    };
    channel.postMessage({ type: "ask" } satisfies ChannelMessage);
    this.abort = new AbortController();
    locks
      .request(name, { signal: this.abort.signal }, () => {
        this.leading = true;
        this.open();
        return new Promise<void>((resolve) => (this.stopLeading = resolve));
      })
      .catch(() => {
        // Aborted by stop(): this tab no longer needs the signal.
      });
  }

  private open(): void {
    const source = (this.source = new EventSource(this.base + streamPath));
    source.addEventListener(streamEvent, (event) => {
      let state: AvailabilitySignal;
      try {
        state = JSON.parse((event as MessageEvent<string>).data) as AvailabilitySignal;
      } catch {
        return;
      }
      this.emit(state);
      this.channel?.postMessage({ type: "state", state } satisfies ChannelMessage);
    });
    source.onerror = () => {
      // EventSource retries by itself after a network error; after an HTTP error it gives up (CLOSED): retry later.
      if (source.readyState !== EventSource.CLOSED || this.source !== source) return;
      this.retry = setTimeout(() => this.source === source && this.open(), 5_000 + Math.random() * 5_000);
    };
  }

  private stop(): void {
    clearTimeout(this.retry);
    this.source?.close();
    this.source = undefined;
    this.abort?.abort();
    this.stopLeading?.();
    this.stopLeading = undefined;
    this.leading = false;
    this.channel?.close();
    this.channel = undefined;
  }
}

const registry = ((globalThis as { [k: symbol]: Map<string, AvailabilityHub> | undefined })[Symbol.for("balie.availability")] ??=
  new Map<string, AvailabilityHub>());

/** The hub for Balie at `base` (an origin, e.g. `https://balie.example`); one per page. */
export function availabilityHub(base: string): AvailabilityHub {
  let hub = registry.get(base);
  if (!hub) registry.set(base, (hub = new AvailabilityHub(base)));
  return hub;
}
export type { AvailabilityHub };
