/**
 * Balie's real-time contract: every Socket.IO event between the server, the `<hd-chat>` widget and the agent
 * console, with a zod schema per payload and the four Socket.IO type parameters. Imported by server, widget and
 * console; never re-declared on a client (`realtime.test.ts` makes drift break the build).
 *
 * Conventions
 * - Server → client events are facts, `noun.pastVerb` ({@link serverEventSchemas}). Client → server events are
 *   commands, `noun.verb` ({@link commandSchemas}); each takes one payload and an ack callback that always
 *   receives an {@link Ack}: `{ ok: true, data }` or `{ ok: false, error: { id, message, fields? } }` with an id
 *   from the error catalogue (`contracts/errors.ts`; chat ids in `contracts/chat-errors.ts`).
 * - Connecting: same-origin pages authenticate with the portal/console session cookie; other pages pass
 *   `auth: { token }` from `POST /api/v1/chat/token` (see {@link handshakeAuthSchema}). Nothing else identifies
 *   the socket: never a bare organisation or person id.
 * - Never lose a message: on every (re)connect a client calls `conversation.resume` with its watermark `lastSeq`;
 *   the ack carries everything after it, from MongoDB. The watermark is the highest seq up to which the client
 *   holds every message: after a start/resume ack, the highest seq in it; while connected, raise it only while
 *   the next seq (watermark + 1) has arrived. Do NOT raise it with the seq of your own send acks or of events
 *   that arrive out of order: seqs may skip numbers (notes, interrupted writes), so a stalled watermark only costs
 *   a few messages replayed twice, while a watermark that jumps can skip a message for good. Also resume when a
 *   `message.created` shows a seq beyond watermark + 1 after a reconnect of the other side.
 *   `message.send` is idempotent on `clientMessageId` (retry with the same id after a timeout or reconnect; the
 *   ack returns the original message). Messages are stored before the ack and before anyone else sees them.
 *   Order by `seq`, drop duplicates by `id`.
 * - Delivery: a client acknowledges each `message.created` it receives by calling the ack callback (no
 *   arguments). The first ack from the other side marks the message delivered and yields `message.statusChanged`.
 * - Text is plain text: render it as text, never as HTML.
 * - Times are ISO 8601 strings in UTC.
 *
 * This module is a contract: zod, types and constants only; no server-only imports.
 */
import { z } from "zod";
import type { ErrorBody } from "./errors.js";
import { noControlCharacters } from "./api/single-line.js";

// ---- limits ----------------------------------------------------------------------------------------------------

/** Limits the widget and console may show and check before sending (the server checks them again). */
export const CHAT_LIMITS = {
  /** Characters of one message or internal note; longer is refused with `message_too_long`. */
  messageMaxLength: 2000,
  /** Characters of the agent's summary at `conversation.close`. */
  summaryMaxLength: 500,
  /** Characters of the comment with a rating. */
  ratingCommentMaxLength: 1000,
  /** Messages per sender: bucket size (a burst) … */
  rateBurst: 10,
  /** … refilled at this many messages per second. Beyond: `rate_limited` with `details.retryAfterMs`. */
  ratePerSecond: 1,
  /** Send `typing.set {typing: true}` at most this often while the person keeps typing. */
  typingThrottleMs: 2_000,
  /** A `typing.changed {typing: true}` not renewed within this long means "stopped typing". */
  typingExpiresMs: 6_000,
  /** An assigned agent without a connected console for this long loses the chat to the front of the queue. */
  agentGoneMs: 60_000,
  /** Lifetime of a chat token from `POST /api/v1/chat/token`. */
  chatTokenTtlMs: 5 * 60_000,
  /** Most messages one `conversation.resume` ack carries; when `hasMore`, resume again from the last seq. */
  replayPageSize: 500,
} as const;

// ---- shared pieces -------------------------------------------------------------------------------------------

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, { message: "invalid_id" });
const isoDate = z.string();

/** Conversation states. `left_message`: queued at closing time, turned into a callback request. */
export const CONVERSATION_STATES = ["queued", "assigned", "ended", "left_message"] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

/** Agent presence: `pause` keeps the console open but takes no new chats. */
export const PRESENCE_STATUSES = ["online", "pause", "offline"] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** Who wrote a message. `system` lines are written by Balie ("Medewerker X neemt het gesprek over"). */
export const SENDER_KINDS = ["contact", "agent", "system"] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

/** The two sides of a conversation. */
export const PARTY_KINDS = ["contact", "agent"] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** One chat message (or internal note, agents only). */
export const messageViewSchema = z.object({
  id: objectId,
  conversationId: objectId,
  /**
   * Increasing per conversation, allocated by the server. May skip numbers (internal notes, which the school never
   * sees, and interrupted writes), so never wait for a "missing" seq: ask `conversation.resume` instead.
   */
  seq: z.number().int().positive(),
  /** The sender's idempotency key; null for system lines. */
  clientMessageId: z.string().nullable(),
  sender: z.object({
    kind: z.enum(SENDER_KINDS),
    /** Agent id for agents; null for the contact person and system lines (no personal ids on the wire). */
    id: z.string().nullable(),
    name: z.string(),
  }),
  /** Plain text. */
  text: z.string(),
  createdAt: isoDate,
  /** When a socket of the other side acknowledged it. */
  deliveredAt: isoDate.nullable(),
  /** When the other side reported it read (`message.markRead`). */
  readAt: isoDate.nullable(),
  /** An internal note: only agents and supervisors ever receive these. */
  internal: z.boolean(),
});
export type MessageView = z.infer<typeof messageViewSchema>;

/** The organisation a conversation is with. */
export const chatOrganisationSchema = z.object({
  id: objectId,
  code: z.string(),
  name: z.string(),
  /** A school or a school board: the console addresses them as such ("Bericht aan het bestuur"). */
  kind: z.enum(["school", "board"]),
});
export type ChatOrganisation = z.infer<typeof chatOrganisationSchema>;

/** A conversation as both sides see it (agent-only fields are null for the school). */
export const conversationViewSchema = z.object({
  id: objectId,
  organisation: chatOrganisationSchema,
  contact: z.object({ name: z.string() }),
  state: z.enum(CONVERSATION_STATES),
  assignedAgent: z.object({ id: objectId, name: z.string() }).nullable(),
  /** 1 = next in line; null when not queued. */
  queuePosition: z.number().int().positive().nullable(),
  queuedAt: isoDate,
  assignedAt: isoDate.nullable(),
  endedAt: isoDate.nullable(),
  /** Who ended it: the school (`conversation.end`), the agent (`conversation.close`) or Balie (closing time). */
  endedBy: z.enum(["contact", "agent", "system"]).nullable(),
  /** The agent's summary (also on the organisation's contact moment). */
  summary: z.string().nullable(),
  /**
   * Queued at or after closing time (or waiting long): the widget offers "laat een bericht achter"
   * (`conversation.leaveMessage`). The chat stays queued until then and may still be picked up.
   */
  offerLeaveMessage: z.boolean(),
  rating: z.object({ score: z.number().int().min(1).max(5), comment: z.string().nullable() }).nullable(),
  /** Highest seq allocated so far (internal notes included); resume from the highest seq you hold. */
  lastSeq: z.number().int().nonnegative(),
  /**
   * Read watermarks: `contact` = the school person has read everything up to this seq, `agent` = the agent has.
   * Show "gelezen" on own messages with seq ≤ the other side's watermark.
   */
  readUpTo: z.object({ contact: z.number().int().nonnegative(), agent: z.number().int().nonnegative() }),
});
export type ConversationView = z.infer<typeof conversationViewSchema>;

/** One waiting chat, as agents see the queue. */
export const queueEntrySchema = z.object({
  conversationId: objectId,
  organisation: chatOrganisationSchema,
  contactName: z.string(),
  /** 1 = next in line. */
  position: z.number().int().positive(),
  queuedAt: isoDate,
  /** Waiting time at `at` of the enclosing event. */
  waitingMs: z.number().int().nonnegative(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

/** One agent's presence and load. */
export const agentPresenceSchema = z.object({
  agentId: objectId,
  name: z.string(),
  status: z.enum(PRESENCE_STATUSES),
  activeChats: z.number().int().nonnegative(),
  maxChats: z.number().int().positive(),
});
export type AgentPresence = z.infer<typeof agentPresenceSchema>;

// ---- server → client facts -----------------------------------------------------------------------------------

/** `message.created`: a new message in a conversation the socket takes part in. Ack it (no arguments). */
export const messageCreatedSchema = messageViewSchema;

/**
 * `message.statusChanged`: every message of `ofSender` with seq ≤ `upToSeq` is now delivered / read. Cumulative,
 * so a client just raises its watermark.
 */
export const messageStatusChangedSchema = z.object({
  conversationId: objectId,
  status: z.enum(["delivered", "read"]),
  /** Whose messages changed status (the other side did the delivering/reading). */
  ofSender: z.enum(PARTY_KINDS),
  upToSeq: z.number().int().nonnegative(),
  at: isoDate,
});
export type MessageStatusChanged = z.infer<typeof messageStatusChangedSchema>;

/** `typing.changed`: the other side started or stopped typing (`typing: true` expires after typingExpiresMs). */
export const typingChangedSchema = z.object({
  conversationId: objectId,
  who: z.enum(PARTY_KINDS),
  name: z.string(),
  typing: z.boolean(),
});
export type TypingChanged = z.infer<typeof typingChangedSchema>;

/** `conversation.updated`: state, assignment, summary or rating changed. The whole view, replace yours. */
export const conversationUpdatedSchema = conversationViewSchema;

/**
 * `queue.updated`:
 * - `kind: "position"` to a waiting school person: its place in line (1 = next) and the queue length;
 * - `kind: "queue"` to agents: the whole queue, oldest first, with waiting times at `at`.
 */
export const queueUpdatedSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("position"),
    conversationId: objectId,
    position: z.number().int().positive(),
    queueLength: z.number().int().nonnegative(),
  }),
  z.object({ kind: z.literal("queue"), at: isoDate, entries: z.array(queueEntrySchema) }),
]);
export type QueueUpdated = z.infer<typeof queueUpdatedSchema>;

/** `presence.changed` (agents only): an agent's presence or load changed. */
export const presenceChangedSchema = agentPresenceSchema;

/**
 * `availability.changed`: the one "chat open" signal (opening hours + closures + an agent with free capacity),
 * for clients that already have a socket. Idle pages get the same payload over the light SSE channel.
 */
export const availabilityChangedSchema = z.object({
  available: z.boolean(),
  /** Within opening hours and no closure. */
  open: z.boolean(),
  /** Next moment the chat opens, when closed now. */
  nextOpeningAt: isoDate.nullable(),
  at: isoDate,
});
export type AvailabilityChanged = z.infer<typeof availabilityChangedSchema>;

/** Every server → client event and its payload schema. */
export const serverEventSchemas = {
  "message.created": messageCreatedSchema,
  "message.statusChanged": messageStatusChangedSchema,
  "typing.changed": typingChangedSchema,
  "conversation.updated": conversationUpdatedSchema,
  "queue.updated": queueUpdatedSchema,
  "presence.changed": presenceChangedSchema,
  "availability.changed": availabilityChangedSchema,
} as const;
export type ServerEventName = keyof typeof serverEventSchemas;

// ---- client → server commands --------------------------------------------------------------------------------

const conversationRef = { conversationId: objectId };
/** A UUID made by the client per message, reused on every retry of that message. */
const clientMessageId = z.uuid();
const messageText = z.string().trim().min(1).max(CHAT_LIMITS.messageMaxLength);

/** `conversation.start` (school person): a new chat, or the running one when there is one. */
export const conversationStartSchema = z.object({
  /** Optional first message, stored with seq 1. */
  text: messageText.optional(),
  clientMessageId: clientMessageId.optional(),
});
/** `conversation.resume` (both): (re)join a conversation and get every message after `lastSeq` (the watermark). */
export const conversationResumeSchema = z.object({ ...conversationRef, lastSeq: z.number().int().nonnegative() });
/** `message.send` (both): one message; idempotent on `clientMessageId`. */
export const messageSendSchema = z.object({ ...conversationRef, clientMessageId, text: messageText });
/** `message.markRead` (both): everything of the other side up to `upToSeq` was read. */
export const messageMarkReadSchema = z.object({ ...conversationRef, upToSeq: z.number().int().nonnegative() });
/** `typing.set` (both): throttle to one `true` per typingThrottleMs; send `false` when the input is cleared. */
export const typingSetSchema = z.object({ ...conversationRef, typing: z.boolean() });
/** `conversation.end` (school person): ends the chat (also cancels a queued one). */
export const conversationEndSchema = z.object(conversationRef);
/** `conversation.close` (assigned agent or supervisor): ends the chat with a short summary. */
export const conversationCloseSchema = z.object({
  ...conversationRef,
  summary: z.string().trim().min(1).max(CHAT_LIMITS.summaryMaxLength),
});
/** `conversation.rate` (school person, after the end): 1–5 and an optional comment; once. */
export const conversationRateSchema = z.object({
  ...conversationRef,
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(CHAT_LIMITS.ratingCommentMaxLength).optional(),
});
/**
 * `conversation.leaveMessage` (school person, queued chat at or after closing time, or when nobody picks it
 * up): "laat een bericht achter" → a contact moment with a callback request for the next working day.
 */
export const conversationLeaveMessageSchema = z.object({
  ...conversationRef,
  text: messageText,
  /** Where the helpdesk can call back; optional. */
  phone: noControlCharacters(z.string().trim().max(30)).optional(),
});
/** `presence.set` (agent). */
export const presenceSetSchema = z.object({ status: z.enum(PRESENCE_STATUSES) });
/** `agent.sync` (agent): presence, own conversations and the queue, on every (re)connect of the console. */
export const agentSyncSchema = z.object({});
/** `queue.pick` (agent): take a specific waiting chat (capacity still applies). */
export const queuePickSchema = z.object(conversationRef);
/** `conversation.transfer` (assigned agent or supervisor): hand over to a colleague who is online with room. */
export const conversationTransferSchema = z.object({ ...conversationRef, toAgentId: objectId });
/** `note.add` (agent): an internal note; the school never receives it. */
export const noteAddSchema = z.object({ ...conversationRef, clientMessageId, text: messageText });

/** Every client → server command and its payload schema. */
export const commandSchemas = {
  "conversation.start": conversationStartSchema,
  "conversation.resume": conversationResumeSchema,
  "message.send": messageSendSchema,
  "message.markRead": messageMarkReadSchema,
  "typing.set": typingSetSchema,
  "conversation.end": conversationEndSchema,
  "conversation.close": conversationCloseSchema,
  "conversation.rate": conversationRateSchema,
  "conversation.leaveMessage": conversationLeaveMessageSchema,
  "presence.set": presenceSetSchema,
  "agent.sync": agentSyncSchema,
  "queue.pick": queuePickSchema,
  "conversation.transfer": conversationTransferSchema,
  "note.add": noteAddSchema,
} as const;
export type CommandName = keyof typeof commandSchemas;
/** The payload a client sends for command `K`. */
export type CommandPayload<K extends CommandName> = z.input<(typeof commandSchemas)[K]>;

/** Commands only agents (and supervisors) may send; a school person gets `forbidden`. */
export const AGENT_COMMANDS = [
  "conversation.close",
  "presence.set",
  "agent.sync",
  "queue.pick",
  "conversation.transfer",
  "note.add",
] as const satisfies readonly CommandName[];
/** Commands only school persons may send; an agent gets `forbidden`. */
export const CONTACT_COMMANDS = [
  "conversation.start",
  "conversation.end",
  "conversation.rate",
  "conversation.leaveMessage",
] as const satisfies readonly CommandName[];

/** What the ack of a successful command carries. */
export interface CommandResults {
  "conversation.start": { conversation: ConversationView; messages: MessageView[] };
  "conversation.resume": { conversation: ConversationView; messages: MessageView[]; hasMore: boolean };
  "message.send": { message: MessageView };
  "message.markRead": { upToSeq: number };
  "typing.set": Record<string, never>;
  "conversation.end": { conversation: ConversationView };
  "conversation.close": { conversation: ConversationView };
  "conversation.rate": { conversation: ConversationView };
  "conversation.leaveMessage": { conversation: ConversationView; contactMomentId: string };
  "presence.set": { presence: AgentPresence };
  "agent.sync": { presence: AgentPresence; conversations: ConversationView[]; queue: QueueEntry[] };
  "queue.pick": { conversation: ConversationView };
  "conversation.transfer": { conversation: ConversationView };
  "note.add": { message: MessageView };
}

/** The error half of an ack: the same body as HTTP errors. */
export type AckError = Pick<ErrorBody, "id" | "message" | "fields" | "details">;

/** Every ack. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

// ---- handshake -------------------------------------------------------------------------------------------------

/**
 * `io(url, { auth })`: empty on same-origin pages (the session cookie is used), `{ token }` elsewhere.
 * `locale` picks the language of error messages in acks (default: the Accept-Language of the handshake).
 */
export const handshakeAuthSchema = z.object({
  token: z.string().max(2000).optional(),
  locale: z.enum(["nl", "en"]).optional(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/** Socket.IO path and the connect error messages a client may see (`connect_error` → `err.message`). */
export const REALTIME_PATH = "/socket.io";
export const HANDSHAKE_ERRORS = ["unauthenticated", "invalid_chat_token"] as const;

// ---- Socket.IO type parameters ----------------------------------------------------------------------------------

type Payload<K extends ServerEventName> = z.output<(typeof serverEventSchemas)[K]>;

/** Events the server emits. `message.created` expects an ack (delivery receipt). */
export interface ServerToClientEvents {
  "message.created": (message: Payload<"message.created">, ack: () => void) => void;
  "message.statusChanged": (payload: Payload<"message.statusChanged">) => void;
  "typing.changed": (payload: Payload<"typing.changed">) => void;
  "conversation.updated": (payload: Payload<"conversation.updated">) => void;
  "queue.updated": (payload: Payload<"queue.updated">) => void;
  "presence.changed": (payload: Payload<"presence.changed">) => void;
  "availability.changed": (payload: Payload<"availability.changed">) => void;
}

/** Commands a client emits: `socket.emit(name, payload, (ack) => …)`. */
export type ClientToServerEvents = {
  [K in CommandName]: (payload: CommandPayload<K>, ack: (result: Ack<CommandResults[K]>) => void) => void;
};

/**
 * Events between Balie processes over the adapter. None: cross-process facts travel on the domain event bus
 * (`events/bus.ts`), rooms and emits through the Redis adapter.
 */
export type InterServerEvents = Record<never, never>;

/** Who a socket is, set once at the handshake. */
export type RealtimePrincipal =
  | {
      kind: "contact";
      /** The organisation the person acts for (portal: the effective organisation; token: the one named). */
      organisationId: string;
      /** eHerkenning pseudonym: a conversation belongs to (organisation, pseudonym). */
      pseudonym: string;
      name: string;
    }
  | { kind: "agent"; agentId: string; role: "agent" | "supervisor"; name: string };

/** `socket.data`. */
export interface SocketData {
  principal: RealtimePrincipal;
  locale: "nl" | "en";
  /**
   * Store key (sha256 of the id) of the session this socket is bound to: the cookie's session, or the session
   * that minted the chat token. Absent only for tokens minted without a session (benchmarks).
   */
  sessionKey?: string | undefined;
  /** Token sockets without a session: ms since the epoch after which the socket is refused (8 h cap). */
  notAfterMs?: number | undefined;
  /** When the session was last confirmed live (ms, clock); commands re-check it at most every minute. */
  sessionCheckedAtMs?: number | undefined;
}
