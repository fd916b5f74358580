/**
 * The chat's numbers for Prometheus, from its domain events (only those that happened on this node, so sums over
 * nodes are right): chats entering each state, queue wait at assignment, messages persisted and the latency
 * from the store write (the message's `createdAt`) to the fan-out.
 */
import type { EventBus } from "../../events/bus.js";
import { nowMs } from "../../infra/clock.js";
import type { Metrics } from "../../infra/metrics.js";

/** How many conversations' last state to remember (to count transitions, not every update). */
const REMEMBERED = 10_000;

export function observeChat(metrics: Metrics, bus: EventBus): void {
  const lastState = new Map<string, string>();
  bus.on(
    "chat.conversationChanged",
    ({ conversation: c }) => {
      if (lastState.get(c.id) === c.state) return;
      lastState.delete(c.id);
      lastState.set(c.id, c.state);
      if (lastState.size > REMEMBERED) lastState.delete(lastState.keys().next().value!);
      metrics.chats.inc({ state: c.state });
      if (c.state === "assigned" && c.assignedAt) {
        const wait = Date.parse(c.assignedAt) - Date.parse(c.queuedAt);
        if (wait >= 0) metrics.queueWait.observe(wait / 1000);
      }
    },
    { origin: "local" },
  );
  bus.on(
    "chat.messageCreated",
    ({ message }) => {
      metrics.messagesPersisted.inc();
      const latency = nowMs() - Date.parse(message.createdAt);
      if (latency >= 0) metrics.messageFanout.observe(latency / 1000);
    },
    { origin: "local" },
  );
}
