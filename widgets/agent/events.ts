/**
 * Events the console's elements send up to the console app, which owns the connection. Commands that can fail
 * carry a `response`: the handler sets it to the command's promise, and the element awaits it (dispatch is
 * synchronous) to show progress and errors where the person acted.
 */
import type { PresenceStatus } from "../../server/src/contracts/realtime.js";

abstract class CommandEvent extends Event {
  /** Set by the handler. */
  response: Promise<void> | undefined;
  constructor(name: string) {
    super(name, { bubbles: true, composed: true });
  }
}

/** Presence switch. */
export class HdPresenceSetEvent extends CommandEvent {
  static readonly eventName = "hd-presence-set";
  constructor(readonly status: PresenceStatus) {
    super(HdPresenceSetEvent.eventName);
  }
}

/** "Oppakken" in the queue. */
export class HdQueuePickEvent extends CommandEvent {
  static readonly eventName = "hd-queue-pick";
  constructor(readonly conversationId: string) {
    super(HdQueuePickEvent.eventName);
  }
}

/** A message to the school, or an internal note. */
export class HdChatSendEvent extends Event {
  static readonly eventName = "hd-chat-send";
  constructor(
    readonly conversationId: string,
    readonly text: string,
    readonly internal: boolean,
  ) {
    super(HdChatSendEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Send a failed line again. */
export class HdChatRetryEvent extends Event {
  static readonly eventName = "hd-chat-retry";
  constructor(
    readonly conversationId: string,
    readonly key: string,
  ) {
    super(HdChatRetryEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The agent is (not) typing a message to the school. */
export class HdChatTypingEvent extends Event {
  static readonly eventName = "hd-chat-typing";
  constructor(
    readonly conversationId: string,
    readonly typing: boolean,
  ) {
    super(HdChatTypingEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The chat is in view: mark the school's messages read. */
export class HdChatSeenEvent extends Event {
  static readonly eventName = "hd-chat-seen";
  constructor(readonly conversationId: string) {
    super(HdChatSeenEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Close the chat with a summary. */
export class HdChatFinishEvent extends CommandEvent {
  static readonly eventName = "hd-chat-finish";
  constructor(
    readonly conversationId: string,
    readonly summary: string,
  ) {
    super(HdChatFinishEvent.eventName);
  }
}

/** Hand the chat to a colleague. */
export class HdChatTransferEvent extends CommandEvent {
  static readonly eventName = "hd-chat-transfer";
  constructor(
    readonly conversationId: string,
    readonly toAgentId: string,
  ) {
    super(HdChatTransferEvent.eventName);
  }
}

/** Remove a finished chat from the console. */
export class HdChatDismissEvent extends Event {
  static readonly eventName = "hd-chat-dismiss";
  constructor(readonly conversationId: string) {
    super(HdChatDismissEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The chat got focus: show its school's context. */
export class HdChatActivateEvent extends Event {
  static readonly eventName = "hd-chat-activate";
  constructor(readonly conversationId: string) {
    super(HdChatActivateEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    "hd-presence-set": HdPresenceSetEvent;
    "hd-queue-pick": HdQueuePickEvent;
    "hd-chat-send": HdChatSendEvent;
    "hd-chat-retry": HdChatRetryEvent;
    "hd-chat-typing": HdChatTypingEvent;
    "hd-chat-seen": HdChatSeenEvent;
    "hd-chat-finish": HdChatFinishEvent;
    "hd-chat-transfer": HdChatTransferEvent;
    "hd-chat-dismiss": HdChatDismissEvent;
    "hd-chat-activate": HdChatActivateEvent;
  }
}
