/**
 * Stores a chat message (or an internal note) and only then announces it. The order is the guarantee:
 * 1. a retry of a message already stored (same sender kind + clientMessageId) returns the stored original, with
 *    its seq, and announces it again (receivers drop duplicates by id; this covers a crash between write and
 *    fan-out);
 * 2. rate limit per sender;
 * 3. seq from `$inc` on the conversation (only while queued or assigned);
 * 4. insert, acknowledged by MongoDB (a concurrent retry losing on the unique index returns the winner);
 * 5. `chat.messageCreated` on the bus → the broadcaster fans out; the caller acks the sender.
 */
import { Types } from "mongoose";
import { AppError } from "../../../contracts/errors.js";
import type { MessageView, RealtimePrincipal } from "../../../contracts/realtime.js";
import { now } from "../../../infra/clock.js";
import type { ChatContext } from "../chat-context.js";
import { presentMessage } from "../chat-presenter.js";
import { conversationFor, partyOf, senderKey } from "../conversation-access.js";
import { ConversationModel } from "../conversation.model.js";
import { ChatMessageModel, type ChatMessage } from "../message.model.js";

/** Props of {@link messageSender}. */
export interface MessageSenderProps {
  ctx: ChatContext;
  principal: RealtimePrincipal;
  conversationId: string;
  /** The client's UUID for this message; the same on every retry. */
  clientMessageId: string;
  /** Plain text, already validated (1–2000 characters, trimmed). */
  text: string;
  /** An internal note (agents only): never sent to the school. */
  internal?: boolean;
}

const ACTIVE = ["queued", "assigned"] as const;

/** Stores and announces one message; returns it as stored (the original on a retry). */
export async function messageSender(props: MessageSenderProps): Promise<MessageView> {
  const { ctx, principal } = props;
  const internal = props.internal ?? false;
  if (internal && principal.kind !== "agent") throw new AppError("forbidden");
  const conversation = await conversationFor(principal, props.conversationId);
  const kind = partyOf(principal);

  const existing = await findByClientId(conversation._id, kind, props.clientMessageId);
  if (existing) {
    const view = presentMessage(existing);
    ctx.bus.emit("chat.messageCreated", { message: view });
    return view;
  }
  if (!ACTIVE.includes(conversation.state as (typeof ACTIVE)[number])) throw new AppError("conversation_ended");
  // A queued chat has no agent yet: only the school person (and a supervisor's note) may write in it.
  if (principal.kind === "agent" && conversation.state !== "assigned" && !internal) throw new AppError("not_your_conversation");

  const limit = await ctx.rateLimiter.take(senderKey(principal));
  if (!limit.allowed) throw new AppError("rate_limited", { details: { retryAfterMs: limit.retryAfterMs } });

  const counter = await ConversationModel.findOneAndUpdate(
    { _id: conversation._id, state: { $in: [...ACTIVE] } },
    { $inc: { lastSeq: 1 }, ...(principal.kind === "agent" ? { $set: { agentLastSeenAt: now() } } : {}) },
    { returnDocument: "after", projection: { lastSeq: 1 } },
  )
    .lean()
    .exec();
  if (!counter) throw new AppError("conversation_ended");

  const doc: Omit<ChatMessage, "_id"> & { _id: Types.ObjectId } = {
    _id: new Types.ObjectId(),
    conversationId: conversation._id,
    seq: counter.lastSeq,
    clientMessageId: props.clientMessageId,
    sender:
      principal.kind === "contact"
        ? { kind: "contact", id: null, name: principal.name }
        : { kind: "agent", id: principal.agentId, name: principal.name },
    text: props.text,
    createdAt: now(),
    deliveredAt: null,
    readAt: null,
    internal,
  };
  try {
    await ChatMessageModel.collection.insertOne(doc);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 11000) throw err;
    // The same message sent twice at once: the other attempt stored it first (this seq stays unused).
    const winner = await findByClientId(conversation._id, kind, props.clientMessageId);
    if (!winner) throw err;
    return presentMessage(winner);
  }
  const view = presentMessage(doc as ChatMessage);
  ctx.bus.emit("chat.messageCreated", { message: view });
  return view;
}

function findByClientId(conversationId: Types.ObjectId, kind: "contact" | "agent", clientMessageId: string): Promise<ChatMessage | null> {
  return ChatMessageModel.findOne({ conversationId, "sender.kind": kind, clientMessageId }).lean().exec();
}
