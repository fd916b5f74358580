/**
 * One school person's chat, as the widget keeps it: the Socket.IO connection (opened only when a chat starts or
 * is resumed), the conversation, its messages with a pending/sent/failed state, delivery and read watermarks,
 * the agent's typing and the queue position. Components never touch the socket: they read this object and call
 * its methods; {@link ChatSessionController} re-renders them on every change.
 *
 * Never lose or duplicate a message (see `contracts/realtime.ts`):
 * - the last seen `seq` per conversation is kept in sessionStorage; on every (re)connect `conversation.resume`
 *   replays what is missing, page by page while `hasMore`;
 * - each message gets a client UUID before it is sent; retries (manual, or automatic after a reconnect) reuse it,
 *   so the server stores it once;
 * - lines are merged by server id or client id and ordered by `seq`.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { io, type Socket } from "socket.io-client";
import type {
  Ack,
  CHAT_LIMITS,
  ClientToServerEvents,
  CommandName,
  CommandPayload,
  CommandResults,
  ConversationView,
  HandshakeAuth,
  MessageView,
  SenderKind,
  ServerToClientEvents,
} from "../../../server/src/contracts/realtime.js";
import { chatLocale } from "../i18n.js";
import { conversationStorageKey } from "./storage.js";

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Limits from the contract. Typed with its literal types, so a change there is a compile error here, without
 * bundling the contract's zod schemas into the widget.
 */
export const limits: Pick<typeof CHAT_LIMITS, "messageMaxLength" | "typingThrottleMs" | "typingExpiresMs" | "ratingCommentMaxLength"> = {
  messageMaxLength: 2000,
  typingThrottleMs: 2_000,
  typingExpiresMs: 6_000,
  ratingCommentMaxLength: 1000,
};

/** Delivery state of one of the school person's own lines. */
export type LineStatus = "pending" | "sent" | "failed";

/** One line of the transcript. */
export interface ChatLine {
  /** Stable render key: the client id for own messages, else the server id. */
  key: string;
  id: string | null;
  seq: number | null;
  clientMessageId: string | null;
  kind: SenderKind;
  name: string;
  text: string;
  createdAt: string;
  status: LineStatus;
  /** Why sending failed (text from the server's error, in the handshake language). */
  error: string | null;
  /** A `message.send` for this line is on its way (so `start` does not send it a second time). */
  sending?: boolean;
}

/** An error from an ack, a timeout (`timeout`) or no connection (`offline`). */
export class ChatError extends Error {
  constructor(
    readonly id: string,
    message = "",
  ) {
    super(message);
  }
}

/** Options of {@link ChatSession}. */
export interface ChatSessionOptions {
  /** Balie's origin (`https://balie.example`). */
  base: string;
  /** The signed chat token for pages outside the portal; read on every (re)connect so a fresh one is used. */
  token: () => string | undefined;
}

function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Non-secure contexts have no randomUUID; build a v4 UUID from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The conversation this tab takes part in, if any (for the launcher's "resume on load"). */
export function storedConversation(base: string): { conversationId: string; lastSeq: number } | null {
  try {
    const raw = sessionStorage.getItem(conversationStorageKey(base));
    return raw ? (JSON.parse(raw) as { conversationId: string; lastSeq: number }) : null;
  } catch {
    return null;
  }
}

/**
 * Fired on a {@link ChatSession}: `change` (anything), `incoming` (a new line from the helpdesk, live),
 * `timeline` (the conversation ended or changed after it ended, live).
 */
export class ChatSession extends EventTarget {
  conversation: ConversationView | null = null;
  lines: ChatLine[] = [];
  connected = false;
  /** Waiting for the first connect. */
  connecting = false;
  /** Was connected before and lost the connection. */
  reconnecting = false;
  /** Name of the agent who is typing, or null. */
  typing: string | null = null;
  /** Own messages with seq ≤ these are delivered / read by the helpdesk. */
  deliveredUpTo = 0;
  readUpTo = 0;
  /** What this person has marked read. */
  myReadUpTo = 0;
  queuePosition: number | null = null;
  /** False once the server says the chat closed (closing time) while this tab has a socket. */
  open = true;
  /** A connection or start problem to show. */
  error: string | null = null;

  private socket: ChatSocket | undefined;
  private lastSeq = 0;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private typingSentAt = 0;

  constructor(private readonly options: ChatSessionOptions) {
    super();
    const stored = storedConversation(options.base);
    if (stored) this.lastSeq = stored.lastSeq;
  }

  /** A conversation that still needs the person (waiting or running). */
  get active(): boolean {
    const state = this.conversation?.state;
    return state === "queued" || state === "assigned";
  }

  /** Messages from the helpdesk not yet marked read. */
  get unread(): number {
    return this.lines.filter((l) => l.kind === "agent" && (l.seq ?? 0) > this.myReadUpTo).length;
  }

  private changed(): void {
    this.dispatchEvent(new Event("change"));
  }

  private persist(): void {
    try {
      const key = conversationStorageKey(this.options.base);
      if (this.conversation) sessionStorage.setItem(key, JSON.stringify({ conversationId: this.conversation.id, lastSeq: this.lastSeq }));
      else sessionStorage.removeItem(key);
    } catch {
      // No storage (sandboxed iframe): resume works within this page only.
    }
  }

  /** Opens the socket (once) and resolves when it is connected. */
  connect(): Promise<void> {
    const socket = (this.socket ??= this.createSocket());
    if (socket.connected) return Promise.resolve();
    this.connecting = !this.reconnecting;
    this.changed();
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        socket.off("connect", onConnect);
        socket.off("connect_error", onError);
        if (error) reject(error);
        else resolve();
      };
      const onConnect = () => done();
      const onError = (error: Error) => (socket.active ? undefined : done(new ChatError(error.message)));
      socket.on("connect", onConnect);
      socket.on("connect_error", onError);
      // Refused or ended by the server earlier (not retrying by itself): a new attempt (e.g. a fresh token).
      if (!socket.active) socket.connect();
    });
  }

  private createSocket(): ChatSocket {
    const socket: ChatSocket = io(this.options.base, {
      path: "/socket.io",
      withCredentials: true,
      reconnectionDelayMax: 5_000,
      auth: (cb) => {
        const token = this.options.token();
        const auth: HandshakeAuth = { locale: chatLocale(), ...(token ? { token } : {}) };
        cb(auth);
      },
    });
    socket.on("connect", () => {
      this.connected = true;
      this.connecting = this.reconnecting = false;
      this.error = null;
      this.changed();
      if (this.conversation || storedConversation(this.options.base)) void this.resume();
    });
    socket.on("disconnect", (reason) => {
      this.connected = false;
      if (reason === "io server disconnect") {
        // The server ended this socket: the session it was bound to ended (logout, expiry, link revoked).
        // Socket.IO does not reconnect by itself then, and a new handshake would be refused anyway.
        this.reconnecting = false;
        this.error = "unauthenticated";
        this.typing = null;
        this.changed();
        return;
      }
      this.reconnecting = true;
      this.typing = null;
      this.changed();
    });
    socket.on("connect_error", (error) => {
      // Refused at the handshake (no session, expired token): Socket.IO does not retry those by itself.
      if (!socket.active) {
        this.connecting = false;
        this.error = error.message;
        this.changed();
      }
    });
    socket.on("message.created", (message, ack) => {
      ack();
      this.merge(message, true);
    });
    socket.on("message.statusChanged", (p) => {
      if (p.conversationId !== this.conversation?.id || p.ofSender !== "contact") return;
      if (p.status === "read") this.readUpTo = Math.max(this.readUpTo, p.upToSeq);
      this.deliveredUpTo = Math.max(this.deliveredUpTo, p.upToSeq);
      this.changed();
    });
    socket.on("typing.changed", (p) => {
      if (p.conversationId !== this.conversation?.id || p.who !== "agent") return;
      clearTimeout(this.typingTimer);
      this.typing = p.typing ? p.name : null;
      if (p.typing) this.typingTimer = setTimeout(() => ((this.typing = null), this.changed()), limits.typingExpiresMs);
      this.changed();
    });
    socket.on("conversation.updated", (c) => {
      this.setConversation(c);
      // Ended, turned into a message, or given its summary: the organisation's timeline has a new or changed moment.
      if (c.id === this.conversation?.id && (c.state === "ended" || c.state === "left_message")) this.dispatchEvent(new Event("timeline"));
    });
    socket.on("queue.updated", (p) => {
      if (p.kind !== "position" || p.conversationId !== this.conversation?.id) return;
      this.queuePosition = p.position;
      this.changed();
    });
    socket.on("availability.changed", (p) => {
      this.open = p.open;
      this.changed();
    });
    return socket;
  }

  /** Sends a command and resolves with its ack's data; rejects with a {@link ChatError}. */
  private call<K extends CommandName>(name: K, payload: CommandPayload<K>, timeoutMs = 10_000): Promise<CommandResults[K]> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(new ChatError("offline"));
    return new Promise((resolve, reject) => {
      // The generic K defeats Socket.IO's overloads; the signature is the contract's (`ClientToServerEvents[K]`).
      const emit = socket.timeout(timeoutMs).emit as unknown as (n: K, p: CommandPayload<K>, cb: (err: Error | null, ack: Ack<CommandResults[K]>) => void) => void;
      emit.call(socket.timeout(timeoutMs), name, payload, (err, ack) => {
        if (err) reject(new ChatError("timeout"));
        else if (ack.ok) resolve(ack.data);
        else reject(new ChatError(ack.error.id, ack.error.message));
      });
    });
  }

  private setConversation(c: ConversationView): void {
    if (this.conversation && c.id !== this.conversation.id) return;
    this.conversation = c;
    this.queuePosition = c.state === "queued" ? c.queuePosition : null;
    this.readUpTo = Math.max(this.readUpTo, c.readUpTo.agent);
    this.myReadUpTo = Math.max(this.myReadUpTo, c.readUpTo.contact);
    if (c.state !== "assigned") this.typing = null;
    this.persist();
    this.changed();
  }

  private merge(m: MessageView, live: boolean): void {
    if (m.internal || (this.conversation && m.conversationId !== this.conversation.id)) return;
    const index = this.lines.findIndex((l) => l.id === m.id || (m.clientMessageId !== null && l.clientMessageId === m.clientMessageId));
    const line: ChatLine = {
      key: index >= 0 ? this.lines[index]!.key : (m.clientMessageId ?? m.id),
      id: m.id,
      seq: m.seq,
      clientMessageId: m.clientMessageId,
      kind: m.sender.kind,
      name: m.sender.name,
      text: m.text,
      createdAt: m.createdAt,
      status: "sent",
      error: null,
    };
    const isNew = index < 0;
    if (isNew) this.lines.push(line);
    else this.lines[index] = line;
    this.lines.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
    this.lastSeq = Math.max(this.lastSeq, m.seq);
    if (m.sender.kind === "contact") {
      if (m.deliveredAt) this.deliveredUpTo = Math.max(this.deliveredUpTo, m.seq);
      if (m.readAt) this.readUpTo = Math.max(this.readUpTo, m.seq);
    }
    if (m.sender.kind === "agent") this.typing = null;
    this.persist();
    this.changed();
    if (isNew && live && m.sender.kind !== "contact") this.dispatchEvent(new CustomEvent<ChatLine>("incoming", { detail: line }));
  }

  /** Starts a chat (or gets the running one), optionally with a first message. */
  async start(text?: string): Promise<void> {
    this.error = null;
    await this.connect();
    const first = text?.trim();
    let result: CommandResults["conversation.start"];
    try {
      result = await this.call("conversation.start", first ? { text: first, clientMessageId: uuid() } : {});
    } catch (error) {
      this.failUnsent(error as ChatError);
      throw error;
    }
    // `conversation.updated` may have arrived before this ack and the person may already have typed: keep their
    // own lines that the server has not confirmed yet (queued while there was no conversation, or in flight).
    const unsent = this.lines.filter((l) => l.kind === "contact" && l.id === null);
    if (this.conversation?.id !== result.conversation.id) {
      this.lines = [...unsent];
      this.conversation = null;
    }
    this.setConversation(result.conversation);
    for (const m of result.messages) this.merge(m, false);
    for (const line of unsent) if (line.status !== "sent" && !line.sending) void this.deliver(line);
  }

  /** Rejoins the stored (or current) conversation and replays what this tab missed. */
  async resume(): Promise<void> {
    const conversationId = this.conversation?.id ?? storedConversation(this.options.base)?.conversationId;
    if (!conversationId) return;
    // A page that holds no lines yet (a reload, a new tab) asks for the whole transcript; after a lost connection
    // only for what it missed. The stored `lastSeq` says what an earlier page saw, not what this one shows.
    if (this.lines.length === 0) this.lastSeq = 0;
    try {
      await this.connect();
      for (let more = true; more; ) {
        const r = await this.call("conversation.resume", { conversationId, lastSeq: this.lastSeq });
        this.setConversation(r.conversation);
        for (const m of r.messages) this.merge(m, false);
        more = r.hasMore && r.messages.length > 0;
      }
      for (const line of this.lines) if (line.status !== "sent") void this.deliver(line);
    } catch (error) {
      const id = (error as ChatError).id;
      if (id === "conversation_not_found" || id === "not_your_conversation") this.reset();
    }
  }

  /** Sends a message; it shows at once as pending. */
  send(text: string): void {
    const clientMessageId = uuid();
    const line: ChatLine = {
      key: clientMessageId,
      id: null,
      seq: null,
      clientMessageId,
      kind: "contact",
      name: "",
      text,
      createdAt: new Date().toISOString(),
      status: "pending",
      error: null,
    };
    this.lines.push(line);
    this.changed();
    this.setTyping(false);
    void this.deliver(line);
  }

  /** Sends a pending or failed line again with the same client id. */
  retry(key: string): void {
    const line = this.lines.find((l) => l.key === key);
    if (!line || line.status === "sent") return;
    if (this.conversation) void this.deliver(line);
    else this.start().catch((error: unknown) => this.failUnsent(error as ChatError));
  }

  private async deliver(line: ChatLine): Promise<void> {
    line.status = "pending";
    line.error = null;
    this.changed();
    const conversationId = this.conversation?.id;
    // No conversation yet (typed while "Chat starten" is still on its way): stays pending, `start` sends it.
    // Offline: sent again after the reconnect's resume. Either way, with the same client id.
    if (!conversationId || !line.clientMessageId || !this.connected) return;
    line.sending = true;
    try {
      const { message } = await this.call("message.send", { conversationId, clientMessageId: line.clientMessageId, text: line.text });
      this.merge(message, false);
    } catch (error) {
      const e = error as ChatError;
      // Lost connection mid-send: stays pending and goes again after the resume. Anything else: failed, retry.
      if (e.id === "offline") return;
      line.status = "failed";
      line.error = e.message || null;
      this.changed();
    } finally {
      line.sending = false;
    }
  }

  /** Marks own lines that never reached a conversation as failed, so they stay visible with a retry. */
  failUnsent(error: ChatError): void {
    for (const line of this.lines) {
      if (line.kind !== "contact" || line.id !== null || line.sending) continue;
      line.status = "failed";
      line.error = error.message || null;
    }
    this.changed();
  }

  /** Call on input: `true` while there is text (throttled), `false` when cleared or sent. */
  setTyping(typing: boolean): void {
    const conversationId = this.conversation?.id;
    if (!conversationId || this.conversation?.state !== "assigned" || !this.connected) return;
    const now = Date.now();
    if (typing && now - this.typingSentAt < limits.typingThrottleMs) return;
    if (!typing && this.typingSentAt === 0) return;
    this.typingSentAt = typing ? now : 0;
    this.call("typing.set", { conversationId, typing }).catch(() => undefined);
  }

  /** Marks everything from the helpdesk as read (call while the window is open and the page visible). */
  markRead(): void {
    const conversationId = this.conversation?.id;
    const upToSeq = Math.max(0, ...this.lines.filter((l) => l.kind !== "contact").map((l) => l.seq ?? 0));
    if (!conversationId || upToSeq <= this.myReadUpTo || !this.connected) return;
    this.myReadUpTo = upToSeq;
    this.changed();
    this.call("message.markRead", { conversationId, upToSeq }).catch(() => undefined);
  }

  async end(): Promise<void> {
    const conversationId = this.conversation?.id;
    if (conversationId) this.setConversation((await this.call("conversation.end", { conversationId })).conversation);
  }

  async rate(score: number, comment: string): Promise<void> {
    const conversationId = this.conversation?.id;
    if (!conversationId) return;
    const trimmed = comment.trim();
    const r = await this.call("conversation.rate", { conversationId, score, ...(trimmed ? { comment: trimmed } : {}) });
    this.setConversation(r.conversation);
  }

  async leaveMessage(text: string, phone: string): Promise<void> {
    const conversationId = this.conversation?.id;
    if (!conversationId) return;
    const trimmed = phone.trim();
    const r = await this.call("conversation.leaveMessage", { conversationId, text, ...(trimmed ? { phone: trimmed } : {}) });
    this.setConversation(r.conversation);
  }

  /** Forgets the conversation ("Nieuw gesprek"); the socket stays for the next start. */
  reset(): void {
    this.conversation = null;
    this.lines = [];
    this.lastSeq = this.deliveredUpTo = this.readUpTo = this.myReadUpTo = 0;
    this.queuePosition = null;
    this.typing = null;
    this.persist();
    this.changed();
  }
}

/** Re-renders its host on every change of the session it is given. */
export class ChatSessionController implements ReactiveController {
  private current: ChatSession | undefined;
  private readonly onChange = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Follows `session` (call from `willUpdate` when the property changed). */
  set session(session: ChatSession | undefined) {
    if (session === this.current) return;
    this.current?.removeEventListener("change", this.onChange);
    this.current = session;
    session?.addEventListener("change", this.onChange);
  }

  hostConnected(): void {
    this.current?.addEventListener("change", this.onChange);
  }

  hostDisconnected(): void {
    this.current?.removeEventListener("change", this.onChange);
  }
}
