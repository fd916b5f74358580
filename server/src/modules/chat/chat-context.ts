/**
 * What chat commands need besides their Props: the event bus, the presence store, the rate limiter, opening
 * hours and a way to ask for routing. Built once per process by `installChat` (`chat-runtime.ts`) and handed to
 * commands as `ctx`; REST routes (declared statically) reach it through {@link chatContext}.
 */
import type { EventBus } from "../../events/bus.js";
import type { Logger } from "../../infra/logger.js";
import type { PresenceStore } from "./presence.js";
import type { RateLimiter } from "./rate-limiter.js";

export interface ChatContext {
  bus: EventBus;
  presence: PresenceStore;
  rateLimiter: RateLimiter;
  logger: Logger;
  /** HMAC key for chat tokens (SESSION_SECRET). */
  tokenSecret: string;
  /** Opening hours (+ holidays + closures): new chats only when true. Running chats go on regardless. */
  isOpenAt(at: Date): boolean | Promise<boolean>;
  /** The next moment the helpdesk opens after `at` (for callback requests); null when unknown. */
  nextOpeningAt(at: Date): Date | null | Promise<Date | null>;
  /** Ask routing to run soon (coalesced; safe to call often). */
  requestDispatch(): void;
}

let current: ChatContext | undefined;

/** Installs the process's chat context (chat-runtime.ts). */
export function setChatContext(ctx: ChatContext | undefined): void {
  current = ctx;
}

/** The process's chat context; throws before `installChat`. */
export function chatContext(): ChatContext {
  if (!current) throw new Error("chat is not installed (installChat)");
  return current;
}
