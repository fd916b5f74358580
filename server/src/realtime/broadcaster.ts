/**
 * The broadcaster: the only code that calls `io.to(…).emit`. It turns domain events raised in THIS process
 * (`origin: "local"`) into wire events; the Redis adapter fans them out to sockets on every other process, so
 * listening to remote events too would deliver twice. Split per domain in `broadcasters/`.
 */
import type { EventBus } from "../events/bus.js";
import type { Logger } from "../infra/logger.js";
import type { ChatContext } from "../modules/chat/chat-context.js";
import { installAvailabilityBroadcaster } from "./broadcasters/availability.js";
import { installChatBroadcaster } from "./broadcasters/chat.js";
import { installPresenceBroadcaster } from "./broadcasters/presence.js";
import type { BalieIo } from "./io.js";

/** Options of {@link installBroadcaster}. */
export interface BroadcasterOptions {
  io: BalieIo;
  bus: EventBus;
  chat: ChatContext;
  logger: Logger;
}

/** Subscribes every domain broadcaster; returns the unsubscribe. */
export function installBroadcaster(options: BroadcasterOptions): () => void {
  const offs = [installChatBroadcaster(options), installPresenceBroadcaster(options), installAvailabilityBroadcaster(options)];
  return () => {
    for (const off of offs) off();
  };
}
