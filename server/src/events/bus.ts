/**
 * The in-process domain event bus, optionally spanning processes over Redis pub/sub.
 *
 * Commands emit facts (`bus.emit("presence.changed", …)`); listeners react (the Socket.IO broadcaster, the
 * availability service). With Redis every event is also published on one channel and re-emitted on the other
 * processes, so a listener can choose:
 * - `origin: "local"` — only events raised in this process. The Socket.IO broadcaster uses this: the Redis
 *   adapter already fans `io.to(room).emit` out to every node, so handling remote events too would send twice.
 * - `origin: "any"` (default) — every event, wherever it was raised. Availability uses this: an agent going
 *   offline on node B must change the chat button on pages connected to node A.
 *
 * Event names and payloads are declared once in {@link DomainEvents}; payloads must be JSON-safe.
 */
import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { AvailabilityChanged, ConversationView, MessageStatusChanged, MessageView, TypingChanged } from "../contracts/realtime.js";
import { redisKeys } from "../infra/redis/keys.js";

/**
 * Every domain event and its payload. Modules add their events here (one line each, with a comment saying who
 * emits it).
 */
export interface DomainEvents {
  /** An agent's presence or load changed (emitted by chat presence). */
  "presence.changed": { agentId: string };
  /** Opening hours, closures or capacities were edited (emitted by the opening-hours commands). */
  "schedule.changed": { reason: string };
  /** A chat message or internal note was stored (emitted by chat's messageSender, after the MongoDB write). */
  "chat.messageCreated": { message: MessageView };
  /** Messages became delivered or read (emitted by chat's receipts). */
  "chat.messageStatusChanged": MessageStatusChanged;
  /** Someone started or stopped typing in a chat (emitted by chat's typing handler; never stored). */
  "chat.typingChanged": TypingChanged;
  /** A conversation's state, assignment, summary or rating changed (emitted by chat commands). */
  "chat.conversationChanged": { conversation: ConversationView; previousAgentId: string | null };
  /** The chat queue changed: a chat was queued, assigned, requeued or left it (emitted by chat commands). */
  "chat.queueChanged": { reason: string };
  /** This process's availability service computed a new chat availability (each process emits its own). */
  "availability.changed": AvailabilityChanged;
  /** Sessions ended: one by key hash (logout, expiry) or all of a principal (link revoked) (emitted by realtime for identity). */
  "session.ended": { keyHash?: string; ehPseudonym?: string; agentId?: string; reason: "logout" | "expired" | "revoked" };
}

export type DomainEventName = keyof DomainEvents;

type Handler<K extends DomainEventName> = (payload: DomainEvents[K], meta: { local: boolean }) => void;

/** Options of {@link createEventBus}. */
export interface EventBusOptions {
  /** Two Redis connections (a subscriber cannot publish); omit for a single process. */
  redis?: { publisher: Redis; subscriber: Redis };
  /** Called when a remote message cannot be parsed or a handler throws; the bus keeps going. */
  onError?: (err: unknown) => void;
}

export interface EventBus {
  emit<K extends DomainEventName>(name: K, payload: DomainEvents[K]): void;
  on<K extends DomainEventName>(name: K, handler: Handler<K>, options?: { origin?: "local" | "any" }): () => void;
  close(): Promise<void>;
}

interface WireMessage {
  node: string;
  name: DomainEventName;
  payload: unknown;
}

export function createEventBus(options: EventBusOptions = {}): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const node = randomUUID();
  const channel = redisKeys.eventsChannel();
  const onError = options.onError ?? (() => undefined);

  function dispatch(name: DomainEventName, payload: unknown, local: boolean): void {
    try {
      emitter.emit(name, payload, { local });
    } catch (err) {
      onError(err);
    }
  }

  const redis = options.redis;
  if (redis) {
    redis.subscriber.subscribe(channel).catch(onError);
    redis.subscriber.on("message", (ch: string, raw: string) => {
      if (ch !== channel) return;
      try {
        const message = JSON.parse(raw) as WireMessage;
        if (message.node !== node) dispatch(message.name, message.payload, false);
      } catch (err) {
        onError(err);
      }
    });
  }

  return {
    emit(name, payload) {
      dispatch(name, payload, true);
      if (redis) {
        const message: WireMessage = { node, name, payload };
        redis.publisher.publish(channel, JSON.stringify(message)).catch(onError);
      }
    },
    on(name, handler, { origin = "any" } = {}) {
      const listener = (payload: DomainEvents[typeof name], meta: { local: boolean }) => {
        if (origin === "local" && !meta.local) return;
        handler(payload, meta);
      };
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    async close() {
      emitter.removeAllListeners();
      if (redis) await redis.subscriber.unsubscribe(channel).catch(() => undefined);
    },
  };
}
