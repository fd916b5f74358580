/**
 * The end of a chat: the school person ends it, the agent closes it with a summary, the school rates it, or a
 * chat still waiting is turned into a message with a callback request ("laat een bericht achter"). Each state
 * change is one conditional update on the current state, so ending twice (two tabs, two nodes) is harmless.
 */
import { AppError } from "../../../contracts/errors.js";
import type { ConversationState, ConversationView, RealtimePrincipal } from "../../../contracts/realtime.js";
import { now } from "../../../infra/clock.js";
import { ContactMomentModel } from "../../contact-moments/contact-moment.model.js";
import { announceConversation, conversationView } from "../announce.js";
import type { ChatContext } from "../chat-context.js";
import { conversationFor } from "../conversation-access.js";
import { ConversationModel, type Conversation } from "../conversation.model.js";
import { releaseAgentSlot } from "./conversation-assigner.js";
import { callbackRequestRecorder, chatRecorder } from "./chat-recorder.js";

const ACTIVE: ConversationState[] = ["queued", "assigned"];

/** Ends `conversation` if still running; returns the ended document or null when someone else ended it first. */
async function endRunning(ctx: ChatContext, conversation: Conversation, endedBy: "contact" | "agent" | "system", summary?: string): Promise<Conversation | null> {
  const ended = await ConversationModel.findOneAndUpdate(
    { _id: conversation._id, state: { $in: ACTIVE } },
    { $set: { state: "ended", endedAt: now(), endedBy, ...(summary ? { summary } : {}) }, $unset: { activeKey: 1 } },
    { returnDocument: "before" },
  )
    .lean()
    .exec();
  if (!ended) return null;
  if (ended.state === "assigned" && ended.assignedAgentId) await releaseAgentSlot(ctx, ended.assignedAgentId);
  if (ended.state === "queued") ctx.bus.emit("chat.queueChanged", { reason: "ended" });
  // Recorded before it is announced: a portal that refreshes its timeline on the announcement finds the moment.
  await chatRecorder({ ctx, conversationId: conversation._id });
  const after = await ConversationModel.findById(conversation._id).lean().exec();
  await announceConversation(ctx, after!);
  return after;
}

/** Props of the ender commands. */
export interface ConversationEnderProps {
  ctx: ChatContext;
  principal: RealtimePrincipal;
  conversationId: string;
}

/** The school person ends the chat (also a queued one). Idempotent. */
export async function conversationEnder({ ctx, principal, conversationId }: ConversationEnderProps): Promise<ConversationView> {
  if (principal.kind !== "contact") throw new AppError("forbidden");
  const conversation = await conversationFor(principal, conversationId);
  const ended = ACTIVE.includes(conversation.state) ? await endRunning(ctx, conversation, "contact") : null;
  return conversationView(ended ?? (await ConversationModel.findById(conversation._id).lean().exec())!);
}

/**
 * The agent closes the chat with a short summary; after the school ended it, the agent still adds the summary
 * (it goes onto the contact moment).
 */
export async function conversationCloser(props: ConversationEnderProps & { summary: string }): Promise<ConversationView> {
  const { ctx, principal, summary } = props;
  if (principal.kind !== "agent") throw new AppError("forbidden");
  const conversation = await conversationFor(principal, props.conversationId);
  if (ACTIVE.includes(conversation.state)) {
    const ended = await endRunning(ctx, conversation, "agent", summary);
    if (ended) return conversationView(ended);
  }
  const updated = await ConversationModel.findOneAndUpdate({ _id: conversation._id, state: "ended" }, { $set: { summary } }, { returnDocument: "after" }).lean().exec();
  if (!updated) throw new AppError("conversation_ended");
  // The contact moment may be written already (the school ended first): give it the summary too.
  await chatRecorder({ ctx, conversationId: conversation._id });
  if (updated.contactMomentId) await ContactMomentModel.updateOne({ _id: updated.contactMomentId }, { $set: { summary, summaryPending: false } }).exec();
  return announceConversation(ctx, updated);
}

/** The school person rates an ended chat, once. */
export async function conversationRater(props: ConversationEnderProps & { score: number; comment?: string | undefined }): Promise<ConversationView> {
  const { ctx, principal } = props;
  if (principal.kind !== "contact") throw new AppError("forbidden");
  const conversation = await conversationFor(principal, props.conversationId);
  if (conversation.state !== "ended") throw new AppError("conversation_not_ended");
  const rated = await ConversationModel.findOneAndUpdate(
    { _id: conversation._id, state: "ended", rating: null },
    { $set: { rating: { score: props.score, comment: props.comment?.trim() || null } } },
    { returnDocument: "after" },
  )
    .lean()
    .exec();
  if (!rated) throw new AppError("already_rated");
  return announceConversation(ctx, rated);
}

/** "Laat een bericht achter": a waiting chat becomes a contact moment with a callback request. */
export async function messageLeaver(
  props: ConversationEnderProps & { text: string; phone?: string | undefined },
): Promise<{ conversation: ConversationView; contactMomentId: string }> {
  const { ctx, principal } = props;
  if (principal.kind !== "contact") throw new AppError("forbidden");
  const conversation = await conversationFor(principal, props.conversationId);
  if (conversation.state === "left_message" && conversation.contactMomentId) {
    return { conversation: await conversationView(conversation), contactMomentId: String(conversation.contactMomentId) };
  }
  if (conversation.state !== "queued") throw new AppError("not_in_queue");
  const left = await ConversationModel.findOneAndUpdate(
    { _id: conversation._id, state: "queued" },
    { $set: { state: "left_message", endedAt: now(), endedBy: "contact" }, $unset: { activeKey: 1 } },
    { returnDocument: "after" },
  )
    .lean()
    .exec();
  if (!left) throw new AppError("not_in_queue");
  ctx.bus.emit("chat.queueChanged", { reason: "left_message" });
  const contactMomentId = await callbackRequestRecorder({ ctx, conversation: left, text: props.text, phone: props.phone });
  const after = (await ConversationModel.findById(left._id).lean().exec())!;
  return { conversation: await announceConversation(ctx, after), contactMomentId };
}
