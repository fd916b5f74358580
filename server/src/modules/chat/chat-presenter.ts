/** Turns chat documents into the wire views of `contracts/realtime.ts`. */
import type { AgentPresence, ConversationView, MessageView, QueueEntry } from "../../contracts/realtime.js";
import type { AgentLoad } from "./agent-load.model.js";
import type { Conversation } from "./conversation.model.js";
import type { ChatMessage } from "./message.model.js";

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function presentMessage(m: ChatMessage): MessageView {
  return {
    id: String(m._id),
    conversationId: String(m.conversationId),
    seq: m.seq,
    clientMessageId: m.sender.kind === "system" ? null : m.clientMessageId,
    sender: { kind: m.sender.kind, id: m.sender.kind === "agent" ? m.sender.id : null, name: m.sender.name },
    text: m.text,
    createdAt: new Date(m.createdAt).toISOString(),
    deliveredAt: iso(m.deliveredAt),
    readAt: iso(m.readAt),
    internal: m.internal,
  };
}

/** `queuePosition`: 1-based place in line when queued (compute with `queuePositionOf`), else ignored. */
export function presentConversation(c: Conversation, queuePosition: number | null = null): ConversationView {
  return {
    id: String(c._id),
    organisation: { id: String(c.organisationId), code: c.organisation?.code ?? "", name: c.organisation?.name ?? "", kind: c.organisation?.kind ?? "school" },
    contact: { name: c.contact.name },
    state: c.state,
    assignedAgent: c.assignedAgentId ? { id: String(c.assignedAgentId), name: c.assignedAgentName ?? "" } : null,
    queuePosition: c.state === "queued" ? queuePosition : null,
    queuedAt: new Date(c.queuedAt).toISOString(),
    assignedAt: iso(c.assignedAt),
    endedAt: iso(c.endedAt),
    endedBy: c.endedBy ?? null,
    summary: c.summary ?? null,
    offerLeaveMessage: c.state === "queued" && !!c.offerLeaveMessage,
    rating: c.rating ? { score: c.rating.score, comment: c.rating.comment ?? null } : null,
    lastSeq: c.lastSeq,
    readUpTo: { contact: c.readUpTo?.contact ?? 0, agent: c.readUpTo?.agent ?? 0 },
  };
}

export function presentQueueEntry(c: Conversation, position: number, atMs: number): QueueEntry {
  return {
    conversationId: String(c._id),
    organisation: { id: String(c.organisationId), code: c.organisation?.code ?? "", name: c.organisation?.name ?? "", kind: c.organisation?.kind ?? "school" },
    contactName: c.contact.name,
    position,
    queuedAt: new Date(c.queuedAt).toISOString(),
    waitingMs: Math.max(0, atMs - new Date(c.queuedAt).getTime()),
  };
}

export function presentPresence(load: AgentLoad): AgentPresence {
  return {
    agentId: String(load._id),
    name: load.name,
    status: load.status,
    activeChats: Math.max(0, load.activeChats),
    maxChats: Math.max(1, load.maxChats),
  };
}
