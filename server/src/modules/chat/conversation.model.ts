/**
 * Chat conversations: one per chat between a school person and the helpdesk. Every invariant is one conditional
 * single-document update (no transactions, see docs/architecture.md): the state machine
 * `queued → assigned → ended` (or `queued → left_message | ended`) only moves with a filter on the current state,
 * so two nodes can never both assign, end or requeue one chat; `lastSeq` is the message counter, allocated with
 * `$inc`.
 */
import mongoose, { Schema, type Model, type Types } from "mongoose";
import { CONVERSATION_STATES, type ConversationState } from "../../contracts/realtime.js";
import { now } from "../../infra/clock.js";

/** Front-of-queue offset: chats taken back from a vanished agent sort before every new chat. */
export const REQUEUE_RANK_OFFSET = 10_000_000_000_000;

export interface Conversation {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  /** Copied at start so the queue and transcripts show it without a join. */
  organisation: { code: string; name: string; kind?: "school" | "board" };
  /** The school person: display name and eHerkenning pseudonym (a conversation belongs to org + pseudonym). */
  contact: { name: string; pseudonym: string };
  state: ConversationState;
  assignedAgentId: Types.ObjectId | null;
  assignedAgentName: string | null;
  /** Queue order, ascending: `queuedAt` in ms, minus {@link REQUEUE_RANK_OFFSET} for chats returned to the front. */
  queueRank: number;
  queuedAt: Date;
  assignedAt: Date | null;
  endedAt: Date | null;
  endedBy: "contact" | "agent" | "system" | null;
  summary: string | null;
  rating: { score: number; comment: string | null } | null;
  /** Last allocated message seq ($inc). */
  lastSeq: number;
  /** Read / delivered watermarks per side: `contact` = the school person has read/received up to this seq. */
  readUpTo: { contact: number; agent: number };
  deliveredUpTo: { contact: number; agent: number };
  /** Last time the assigned agent acted in this chat (send, read, resume). */
  agentLastSeenAt: Date | null;
  /** Set at closing time (or by the sweeper): the widget offers "laat een bericht achter". */
  offerLeaveMessage: boolean;
  /** Set once the contact moment (and transcript) were written after the end. */
  contactMomentId: Types.ObjectId | null;
  archiveItemId: Types.ObjectId | null;
  /** When the contact moment and transcript were written (null while claimed but not yet written). */
  recordedAt: Date | null;
  /**
   * `<organisationId>:<pseudonym>` while queued or assigned, unset after: a sparse unique index makes "one running
   * chat per person per organisation" hold even when two tabs start at once.
   */
  activeKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

export type ConversationModel = Model<Conversation>;

const sideCounters = () =>
  new Schema({ contact: { type: Number, default: 0 }, agent: { type: Number, default: 0 } }, { _id: false });

const conversationSchema = new Schema<Conversation, ConversationModel>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: "Organisation", required: true },
    organisation: new Schema({ code: String, name: String, kind: { type: String, enum: ["school", "board"], default: "school" } }, { _id: false }),
    contact: new Schema({ name: { type: String, maxlength: 200 }, pseudonym: { type: String, required: true } }, { _id: false }),
    state: { type: String, enum: CONVERSATION_STATES, required: true },
    assignedAgentId: { type: Schema.Types.ObjectId, ref: "Agent", default: null },
    assignedAgentName: { type: String, default: null },
    queueRank: { type: Number, required: true },
    queuedAt: { type: Date, required: true },
    assignedAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    endedBy: { type: String, enum: ["contact", "agent", "system", null], default: null },
    summary: { type: String, default: null, maxlength: 5000 },
    rating: { type: new Schema({ score: Number, comment: { type: String, default: null } }, { _id: false }), default: null },
    lastSeq: { type: Number, required: true, default: 0 },
    readUpTo: { type: sideCounters(), default: () => ({ contact: 0, agent: 0 }) },
    deliveredUpTo: { type: sideCounters(), default: () => ({ contact: 0, agent: 0 }) },
    agentLastSeenAt: { type: Date, default: null },
    offerLeaveMessage: { type: Boolean, default: false },
    contactMomentId: { type: Schema.Types.ObjectId, default: null },
    archiveItemId: { type: Schema.Types.ObjectId, default: null },
    recordedAt: { type: Date, default: null },
    activeKey: { type: String },
  },

  { collection: "chat_conversations", versionKey: false, timestamps: { currentTime: () => now() } },
);

conversationSchema.index({ activeKey: 1 }, { unique: true, sparse: true });
/** The queue: waiting chats in order. */
conversationSchema.index({ state: 1, queueRank: 1 });
/** An agent's chats; the sweeper's "assigned to whom". */
conversationSchema.index({ assignedAgentId: 1, state: 1 });
/** "Is there a running chat for this person at this organisation?" */
conversationSchema.index({ organisationId: 1, "contact.pseudonym": 1, state: 1 });

export const ConversationModel: ConversationModel =
  (mongoose.models.ChatConversation as ConversationModel | undefined) ??
  mongoose.model<Conversation, ConversationModel>("ChatConversation", conversationSchema);
