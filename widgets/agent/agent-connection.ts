/**
 * The agent console's one Socket.IO connection (session cookie, same origin) as a Lit reactive controller: it
 * owns presence, the queue, the agent's chats with their transcripts (internal notes included), typing and
 * delivery/read watermarks, and re-renders the console on every change. Components never touch the socket; the
 * console calls these methods and passes the state down.
 *
 * On every (re)connect: `agent.sync` (presence, own chats, queue), then `conversation.resume` per chat from its
 * last seq, then pending messages go again with the same client id (idempotent on the server).
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { io, type Socket } from "socket.io-client";
import {
  CHAT_LIMITS,
  type Ack,
  type AgentPresence,
  type ClientToServerEvents,
  type CommandName,
  type CommandPayload,
  type CommandResults,
  type ConversationView,
  type MessageView,
  type PresenceStatus,
  type QueueEntry,
  type SenderKind,
  type ServerToClientEvents,
} from "../../server/src/contracts/realtime.js";

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One line of a chat as the agent sees it. */
export interface AgentLine {
  key: string;
  id: string | null;
  seq: number | null;
  clientMessageId: string | null;
  kind: SenderKind;
  senderId: string | null;
  name: string;
  text: string;
  createdAt: string;
  /** An internal note: never sent to the school. */
  internal: boolean;
  status: "pending" | "sent" | "failed";
  error: string | null;
}

/** One chat of this agent. */
export interface AgentChat {
  conversation: ConversationView;
  lines: AgentLine[];
  /** The school person is typing. */
  typing: boolean;
  /** Agent messages with seq ≤ these were delivered to / read by the school. */
  deliveredUpTo: number;
  readUpTo: number;
  /** What the agent marked read. */
  myReadUpTo: number;
  lastSeq: number;
  typingSentAt: number;
}

/** An error from an ack (`id` from the catalogue), a timeout or no connection. */
export class CommandError extends Error {
  constructor(
    readonly id: string,
    message = "",
  ) {
    super(message || id);
  }
}

/** Fired on the connection when a chat arrives: a new queue entry, or a chat assigned to this agent. */
export class NewChatEvent extends Event {
  constructor(
    readonly conversationId: string,
    readonly organisationName: string,
    readonly assigned: boolean,
  ) {
    super("new-chat");
  }
}

export class AgentConnection extends EventTarget implements ReactiveController {
  presence: AgentPresence | null = null;
  queue: QueueEntry[] = [];
  /** `Date.now()` when `queue` arrived; waiting times grow from there. */
  queueReceivedAt = Date.now();
  chats: AgentChat[] = [];
  /** Every agent's presence seen (for transfer and the overview). */
  readonly agents = new Map<string, AgentPresence>();
  /** Incremented on every presence change seen (the supervisor overview reloads on it). */
  presenceRevision = 0;
  connected = false;
  error: string | null = null;
  private socket: AgentSocket | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** This agent's id. */
    readonly agentId: string,
  ) {
    super();
    host.addController(this);
  }

  hostConnected(): void {
    this.socket ??= this.createSocket();
  }

  hostDisconnected(): void {
    this.socket?.disconnect();
    this.socket = undefined;
  }

  private changed(): void {
    this.host.requestUpdate();
  }

  chat(conversationId: string): AgentChat | undefined {
    return this.chats.find((c) => c.conversation.id === conversationId);
  }

  private createSocket(): AgentSocket {
    const socket: AgentSocket = io({ path: "/socket.io", withCredentials: true, reconnectionDelayMax: 5_000, auth: { locale: document.documentElement.lang === "en" ? "en" : "nl" } });
    socket.on("connect", () => {
      this.connected = true;
      this.error = null;
      this.changed();
      void this.sync();
    });
    socket.on("disconnect", (reason) => {
      this.connected = false;
      // The server ended this socket: the agent's session ended (logout in another tab, expiry).
      if (reason === "io server disconnect") this.error = "unauthenticated";
      this.changed();
    });
    socket.on("connect_error", (err) => {
      if (!socket.active) {
        this.error = err.message;
        this.changed();
      }
    });
    socket.on("presence.changed", (p) => {
      this.agents.set(p.agentId, p);
      this.presenceRevision++;
      if (p.agentId === this.agentId) this.presence = p;
      this.changed();
    });
    socket.on("queue.updated", (p) => {
      if (p.kind !== "queue") return;
      const known = new Set(this.queue.map((e) => e.conversationId));
      this.setQueue(p.entries);
      for (const e of p.entries) if (!known.has(e.conversationId)) this.dispatchEvent(new NewChatEvent(e.conversationId, e.organisation.name, false));
    });
    socket.on("conversation.updated", (c) => this.onConversation(c));
    socket.on("message.created", (m, ack) => {
      ack();
      this.merge(m);
    });
    socket.on("message.statusChanged", (p) => {
      const chat = this.chat(p.conversationId);
      if (!chat || p.ofSender !== "agent") return;
      chat.deliveredUpTo = Math.max(chat.deliveredUpTo, p.upToSeq);
      if (p.status === "read") chat.readUpTo = Math.max(chat.readUpTo, p.upToSeq);
      this.changed();
    });
    const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
    socket.on("typing.changed", (p) => {
      const chat = this.chat(p.conversationId);
      if (!chat || p.who !== "contact") return;
      chat.typing = p.typing;
      clearTimeout(typingTimers.get(p.conversationId));
      if (p.typing) typingTimers.set(p.conversationId, setTimeout(() => ((chat.typing = false), this.changed()), CHAT_LIMITS.typingExpiresMs));
      this.changed();
    });
    return socket;
  }

  private setQueue(entries: QueueEntry[]): void {
    this.queue = entries;
    this.queueReceivedAt = Date.now();
    this.changed();
  }

  /** Sends a command; resolves with the ack's data, rejects with a {@link CommandError}. */
  call<K extends CommandName>(name: K, payload: CommandPayload<K>, timeoutMs = 10_000): Promise<CommandResults[K]> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(new CommandError("offline"));
    return new Promise((resolve, reject) => {
      const timed = socket.timeout(timeoutMs);
      // The generic K defeats Socket.IO's overloads; the signature is the contract's.
      const emit = timed.emit as unknown as (n: K, p: CommandPayload<K>, cb: (err: Error | null, ack: Ack<CommandResults[K]>) => void) => void;
      emit.call(timed, name, payload, (err, ack) => {
        if (err) reject(new CommandError("timeout"));
        else if (ack.ok) resolve(ack.data);
        else reject(new CommandError(ack.error.id, ack.error.message));
      });
    });
  }

  private async sync(): Promise<void> {
    try {
      const r = await this.call("agent.sync", {});
      this.presence = r.presence;
      this.agents.set(r.presence.agentId, r.presence);
      this.setQueue(r.queue);
      for (const c of r.conversations) this.onConversation(c, false);
      await Promise.all(this.chats.map((c) => this.resume(c.conversation.id)));
    } catch (error) {
      this.error = (error as Error).message;
      this.changed();
    }
  }

  private async resume(conversationId: string): Promise<void> {
    for (let more = true; more; ) {
      const chat = this.chat(conversationId);
      if (!chat) return;
      const r = await this.call("conversation.resume", { conversationId, lastSeq: chat.lastSeq });
      this.onConversation(r.conversation, false);
      for (const m of r.messages) this.merge(m);
      more = r.hasMore && r.messages.length > 0;
    }
    for (const line of this.chat(conversationId)?.lines ?? []) if (line.status !== "sent") void this.deliver(conversationId, line);
  }

  private onConversation(c: ConversationView, announce = true): void {
    const chat = this.chat(c.id);
    const mine = c.assignedAgent?.id === this.agentId;
    if (chat) {
      chat.conversation = c;
      chat.readUpTo = Math.max(chat.readUpTo, c.readUpTo.contact);
      chat.myReadUpTo = Math.max(chat.myReadUpTo, c.readUpTo.agent);
      if (c.state !== "assigned") chat.typing = false;
    } else if (mine && c.state === "assigned") {
      this.chats = [...this.chats, { conversation: c, lines: [], typing: false, deliveredUpTo: 0, readUpTo: c.readUpTo.contact, myReadUpTo: c.readUpTo.agent, lastSeq: 0, typingSentAt: 0 }];
      if (announce) {
        this.dispatchEvent(new NewChatEvent(c.id, c.organisation.name, true));
        void this.resume(c.id).catch(() => undefined);
      }
    }
    this.changed();
  }

  private merge(m: MessageView): void {
    const chat = this.chat(m.conversationId);
    if (!chat) return;
    const index = chat.lines.findIndex((l) => l.id === m.id || (m.clientMessageId !== null && l.clientMessageId === m.clientMessageId));
    const line: AgentLine = {
      key: index >= 0 ? chat.lines[index]!.key : (m.clientMessageId ?? m.id),
      id: m.id,
      seq: m.seq,
      clientMessageId: m.clientMessageId,
      kind: m.sender.kind,
      senderId: m.sender.id,
      name: m.sender.name,
      text: m.text,
      createdAt: m.createdAt,
      internal: m.internal,
      status: "sent",
      error: null,
    };
    if (index >= 0) chat.lines[index] = line;
    else chat.lines.push(line);
    chat.lines.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
    chat.lastSeq = Math.max(chat.lastSeq, m.seq);
    if (m.sender.kind === "agent" && !m.internal) {
      if (m.deliveredAt) chat.deliveredUpTo = Math.max(chat.deliveredUpTo, m.seq);
      if (m.readAt) chat.readUpTo = Math.max(chat.readUpTo, m.seq);
    }
    if (m.sender.kind === "contact") chat.typing = false;
    this.chats = [...this.chats];
    this.changed();
  }

  /** Sends a message to the school, or an internal note (`internal`). Shows at once as pending. */
  send(conversationId: string, text: string, internal: boolean): void {
    const chat = this.chat(conversationId);
    if (!chat) return;
    const clientMessageId = crypto.randomUUID();
    const line: AgentLine = {
      key: clientMessageId,
      id: null,
      seq: null,
      clientMessageId,
      kind: "agent",
      senderId: this.agentId,
      name: this.presence?.name ?? "",
      text,
      createdAt: new Date().toISOString(),
      internal,
      status: "pending",
      error: null,
    };
    chat.lines.push(line);
    this.setTyping(conversationId, false);
    this.changed();
    void this.deliver(conversationId, line);
  }

  retry(conversationId: string, key: string): void {
    const line = this.chat(conversationId)?.lines.find((l) => l.key === key);
    if (line && line.status !== "sent") void this.deliver(conversationId, line);
  }

  private async deliver(conversationId: string, line: AgentLine): Promise<void> {
    if (!line.clientMessageId) return;
    line.status = "pending";
    line.error = null;
    this.changed();
    if (!this.connected) return;
    try {
      const payload = { conversationId, clientMessageId: line.clientMessageId, text: line.text };
      const { message } = line.internal ? await this.call("note.add", payload) : await this.call("message.send", payload);
      this.merge(message);
    } catch (error) {
      const e = error as CommandError;
      if (e.id === "offline") return;
      line.status = "failed";
      line.error = e.message;
      this.changed();
    }
  }

  setTyping(conversationId: string, typing: boolean): void {
    const chat = this.chat(conversationId);
    if (!chat || chat.conversation.state !== "assigned" || !this.connected) return;
    const now = Date.now();
    if (typing && now - chat.typingSentAt < CHAT_LIMITS.typingThrottleMs) return;
    if (!typing && chat.typingSentAt === 0) return;
    chat.typingSentAt = typing ? now : 0;
    this.call("typing.set", { conversationId, typing }).catch(() => undefined);
  }

  /** Marks the school's messages read up to the newest one. */
  markRead(conversationId: string): void {
    const chat = this.chat(conversationId);
    if (!chat || !this.connected) return;
    const upToSeq = Math.max(0, ...chat.lines.filter((l) => l.kind === "contact").map((l) => l.seq ?? 0));
    if (upToSeq <= chat.myReadUpTo) return;
    chat.myReadUpTo = upToSeq;
    this.call("message.markRead", { conversationId, upToSeq }).catch(() => undefined);
  }

  async setPresence(status: PresenceStatus): Promise<void> {
    const { presence } = await this.call("presence.set", { status });
    this.presence = presence;
    this.agents.set(presence.agentId, presence);
    this.changed();
  }

  async pick(conversationId: string): Promise<void> {
    const { conversation } = await this.call("queue.pick", { conversationId });
    this.onConversation(conversation, false);
    await this.resume(conversationId);
  }

  async close(conversationId: string, summary: string): Promise<void> {
    this.onConversation((await this.call("conversation.close", { conversationId, summary })).conversation);
  }

  async transfer(conversationId: string, toAgentId: string): Promise<void> {
    const { conversation } = await this.call("conversation.transfer", { conversationId, toAgentId });
    this.onConversation(conversation);
    this.dismiss(conversationId);
  }

  /** Removes a finished (or transferred) chat from the console. */
  dismiss(conversationId: string): void {
    this.chats = this.chats.filter((c) => c.conversation.id !== conversationId);
    this.changed();
  }
}
