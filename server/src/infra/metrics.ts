/**
 * Prometheus metrics (`prom-client`), one registry per server process. What an operator watches at night:
 * process and event loop, HTTP latency by route template (never the raw URL: ids would explode the series),
 * live connections, the chat's queue/assign/end counts, queue wait and message fan-out latency, messages
 * persisted, mails sent/failed, login failures and blocks.
 *
 * Counters count what happened on this node (events that originated here), so summing over nodes is right.
 * Served only on `METRICS_PORT` (a separate listener) and/or with `Authorization: Bearer METRICS_TOKEN`; with
 * neither set there is no `/metrics` at all — never public by accident (see `http/metrics-routes.ts`).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Error ids that mean a failed login attempt, and the one that means a block. */
const LOGIN_FAILURES = new Set(["invalid_credentials", "invalid_activation_code", "invalid_pin"]);
const LOGIN_BLOCKS = new Set(["account_blocked"]);

export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<"method" | "route" | "status">;
  readonly chats: Counter<"state">;
  readonly queueWait: Histogram;
  readonly messageFanout: Histogram;
  readonly messagesPersisted: Counter;
  /** Embedded store journal fsync durations (only when Balie runs its own store with a data folder). */
  readonly storeFsync: Histogram;
  readonly mails: Counter<"result">;
  readonly logins: Counter<"result">;
  /** Counts a refused request by its error id (login failures and blocks). */
  onErrorId(id: string): void;
  /** Live values read at scrape time. */
  gauge(name: string, help: string, read: () => number): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "balie_" });
  const logins = new Counter({ name: "balie_logins_refused_total", help: "Refused logins: failed attempts and blocked accounts", labelNames: ["result"] as const, registers: [registry] });
  return {
    registry,
    httpDuration: new Histogram({
      name: "balie_http_request_duration_seconds",
      help: "HTTP request duration by route template and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    chats: new Counter({ name: "balie_chats_total", help: "Chats entering a state: queued, assigned, ended, left_message", labelNames: ["state"] as const, registers: [registry] }),
    queueWait: new Histogram({
      name: "balie_chat_queue_wait_seconds",
      help: "Time from queued to assigned",
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers: [registry],
    }),
    messageFanout: new Histogram({
      name: "balie_chat_message_fanout_seconds",
      help: "Chat message latency from the store write to the fan-out to sockets",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    storeFsync: new Histogram({
      name: "balie_store_journal_fsync_seconds",
      help: "Embedded store: duration of each journal fsync (group commit); absent with a real MongoDB",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    messagesPersisted: new Counter({ name: "balie_chat_messages_persisted_total", help: "Chat messages written to the store", registers: [registry] }),
    mails: new Counter({ name: "balie_mails_total", help: "Mails handed to the mail server, by result", labelNames: ["result"] as const, registers: [registry] }),
    logins,
    onErrorId(id) {
      if (LOGIN_FAILURES.has(id)) logins.inc({ result: "failed" });
      else if (LOGIN_BLOCKS.has(id)) logins.inc({ result: "blocked" });
    },
    gauge(name, help, read) {
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read());
        },
      });
    },
  };
}
