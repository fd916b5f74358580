/**
 * Delivery and read receipts. Both are watermarks per side on the conversation (`deliveredUpTo`, `readUpTo`,
 * raised with `$max`), mirrored onto the messages (`deliveredAt`, `readAt`) so transcripts show them. Announced
 * as `chat.messageStatusChanged` only when the watermark really moved (a repeat is silent).
 */
import type { PartyKind, RealtimePrincipal } from "../../../contracts/realtime.js";
import { now } from "../../../infra/clock.js";
import type { ChatContext } from "../chat-context.js";
import { conversationFor, otherParty, partyOf } from "../conversation-access.js";
import { ConversationModel } from "../conversation.model.js";
import { ChatMessageModel } from "../message.model.js";

/** Props of {@link deliveryRecorder}. */
export interface DeliveryRecorderProps {
  ctx: ChatContext;
  conversationId: string;
  /** Whose messages reached the other side. */
  ofSender: PartyKind;
  upToSeq: number;
}

/** Marks `ofSender`'s messages up to `upToSeq` delivered (a socket of the other side acknowledged them). */
export async function deliveryRecorder({ ctx, conversationId, ofSender, upToSeq }: DeliveryRecorderProps): Promise<void> {
  const recipient = otherParty(ofSender);
  const at = now();
  await ChatMessageModel.updateMany(
    { conversationId, "sender.kind": ofSender, seq: { $lte: upToSeq }, deliveredAt: null },
    { $set: { deliveredAt: at } },
  ).exec();
  const moved = await ConversationModel.updateOne(
    { _id: conversationId, [`deliveredUpTo.${recipient}`]: { $lt: upToSeq } },
    { $max: { [`deliveredUpTo.${recipient}`]: upToSeq } },
  ).exec();
  if (moved.modifiedCount > 0) {
    ctx.bus.emit("chat.messageStatusChanged", { conversationId, status: "delivered", ofSender, upToSeq, at: at.toISOString() });
  }
}

/** Props of {@link readRecorder}. */
export interface ReadRecorderProps {
  ctx: ChatContext;
  principal: RealtimePrincipal;
  conversationId: string;
  upToSeq: number;
}

/** The principal has read everything of the other side up to `upToSeq` (capped at the conversation's lastSeq). */
export async function readRecorder({ ctx, principal, conversationId, upToSeq }: ReadRecorderProps): Promise<{ upToSeq: number }> {
  const conversation = await conversationFor(principal, conversationId);
  const reader = partyOf(principal);
  const ofSender = otherParty(reader);
  const seq = Math.min(upToSeq, conversation.lastSeq);
  const at = now();
  await ChatMessageModel.updateMany(
    { conversationId: conversation._id, "sender.kind": ofSender, seq: { $lte: seq }, readAt: null },
    { $set: { readAt: at } },
  ).exec();
  await ChatMessageModel.updateMany(
    { conversationId: conversation._id, "sender.kind": ofSender, seq: { $lte: seq }, deliveredAt: null },
    { $set: { deliveredAt: at } },
  ).exec();
  const moved = await ConversationModel.updateOne(
    { _id: conversation._id, [`readUpTo.${reader}`]: { $lt: seq } },
    { $max: { [`readUpTo.${reader}`]: seq, [`deliveredUpTo.${reader}`]: seq } },
  ).exec();
  if (moved.modifiedCount > 0) {
    ctx.bus.emit("chat.messageStatusChanged", { conversationId, status: "read", ofSender, upToSeq: seq, at: at.toISOString() });
  }
  return { upToSeq: seq };
}
