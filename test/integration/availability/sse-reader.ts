/**
 * Reads a Server-Sent Events stream with `fetch`, the way EventSource does (same parsing rules for `event:`,
 * `data:`, `retry:` and `:` comments), recording when each event arrived.
 */
import { parseAvailability, type Availability } from "../../../server/src/contracts/api/availability.js";

export interface SseEvent {
  event: string;
  data: string;
  /** `performance.now()` when the event was complete. */
  at: number;
}

export class SseReader {
  readonly events: SseEvent[] = [];
  comments = 0;
  retry: number | null = null;
  response!: Response;
  private readonly controller = new AbortController();
  private waiters: Array<() => void> = [];
  private done: Promise<void> | undefined;

  private constructor(readonly url: string) {}

  /** Connects and resolves once the response headers arrived. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader(url);
    reader.response = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: reader.controller.signal });
    if (reader.response.body && reader.response.status === 200) reader.done = reader.pump(reader.response.body);
    return reader;
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    let event = "message";
    let data: string[] = [];
    try {
      const reader = body.getReader();
      for (;;) {
        const { value: chunk, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = buffer.indexOf("\n")) !== -1) {
          const line = buffer.slice(0, nl).replace(/\r$/, "");
          buffer = buffer.slice(nl + 1);
          if (line === "") {
            if (data.length > 0) this.events.push({ event, data: data.join("\n"), at: performance.now() });
            event = "message";
            data = [];
            for (const w of this.waiters.splice(0)) w();
            continue;
          }
          if (line.startsWith(":")) {
            this.comments++;
            continue;
          }
          const colon = line.indexOf(":");
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
          if (field === "event") event = value;
          else if (field === "data") data.push(value);
          else if (field === "retry") this.retry = Number(value);
        }
      }
    } catch {
      // aborted
    }
  }

  /** Availability messages received so far. */
  availability(): Availability[] {
    return this.events.filter((e) => e.event === "availability").map((e) => parseAvailability(JSON.parse(e.data)));
  }

  /** Waits until `count` availability events have arrived; returns the last one and when it came. */
  async waitForCount(count: number, timeoutMs = 2_000): Promise<{ state: Availability; at: number }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const list = this.events.filter((e) => e.event === "availability");
      if (list.length >= count) {
        const e = list[count - 1]!;
        return { state: parseAvailability(JSON.parse(e.data)), at: e.at };
      }
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`expected ${count} availability events within ${timeoutMs} ms, got ${list.length}: ${JSON.stringify(list)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Aborts the request. */
  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}
