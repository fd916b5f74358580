/**
 * Starting and resuming chats (school person side; resume also for agents).
 * - `conversationStarter`: the running chat of this person at this organisation, or a new queued one (only
 *   while the helpdesk is open: `chat_closed` otherwise), with an optional first message.
 * - `conversationResumer`: everything after `lastSeq`, from MongoDB, on every (re)connect.
 */
import { randomUUID } from "node:crypto";
import { AppError } from "../../../contracts/errors.js";
import { CHAT_LIMITS, type CommandResults, type RealtimePrincipal } from "../../../contracts/realtime.js";
import { now, nowMs } from "../../../infra/clock.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import { announceConversation, conversationView } from "../announce.js";
import type { ChatContext } from "../chat-context.js";
import { presentMessage } from "../chat-presenter.js";
import { conversationFor, otherParty, partyOf } from "../conversation-access.js";
import { ConversationModel, type Conversation } from "../conversation.model.js";
import { ChatMessageModel } from "../message.model.js";
import { deliveryRecorder } from "./receipts.js";
import { messageSender } from "./message-sender.js";

/** Props of {@link conversationStarter}. */
export interface ConversationStarterProps {
  ctx: ChatContext;
  principal: Extract<RealtimePrincipal, { kind: "contact" }>;
  /** Optional first message. */
  text?: string | undefined;
  clientMessageId?: string | undefined;
  /**
   * Called with the conversation id before anything about it is announced (the socket handler joins its rooms
   * here, so no update or message can slip past between creation and join).
   */
  join?: (conversationId: string) => Promise<void>;
}

/** Returns the person's running conversation or queues a new one. */
export async function conversationStarter(props: ConversationStarterProps): Promise<CommandResults["conversation.start"]> {
  const { ctx, principal } = props;
  const activeKey = `${principal.organisationId}:${principal.pseudonym}`;
  let conversation: Conversation | null = await ConversationModel.findOne({ activeKey }).lean().exec();
  if (!conversation) {
    if (!(await ctx.isOpenAt(now()))) throw new AppError("chat_closed");
    const org = await OrganisationModel.findById(principal.organisationId).select({ code: 1, name: 1, kind: 1 }).lean().exec();
    if (!org) throw new AppError("forbidden");
    const at = nowMs();
    try {
      const created = await ConversationModel.create({
        organisationId: org._id,
        organisation: { code: org.code, name: org.name, kind: org.kind },
        contact: { name: principal.name, pseudonym: principal.pseudonym },
        state: "queued",
        queueRank: at,
        queuedAt: new Date(at),
        activeKey,
      });
      conversation = created.toObject() as Conversation;
      await props.join?.(String(conversation._id));
      await announceConversation(ctx, conversation);
      ctx.bus.emit("chat.queueChanged", { reason: "queued" });
      ctx.requestDispatch();
    } catch (err) {
      if ((err as { code?: unknown }).code !== 11000) throw err;
      // Another tab started one at the same moment: join that one.
      conversation = await ConversationModel.findOne({ activeKey }).lean().exec();
      if (!conversation) throw err;
    }
  }
  if (!conversation) throw new AppError("conversation_not_found");
  await props.join?.(String(conversation._id));
  if (props.text) {
    await messageSender({ ctx, principal, conversationId: String(conversation._id), clientMessageId: props.clientMessageId ?? randomUUID(), text: props.text });
  }
  const resumed = await conversationResumer({ ctx, principal, conversationId: String(conversation._id), lastSeq: 0 });
  return { conversation: resumed.conversation, messages: resumed.messages };
}

/** Props of {@link conversationResumer}. */
export interface ConversationResumerProps {
  ctx: ChatContext;
  principal: RealtimePrincipal;
  conversationId: string;
  /** Highest seq the client holds (0 for none). */
  lastSeq: number;
}

/** The conversation and its messages after `lastSeq` (school persons never get internal notes). */
export async function conversationResumer(props: ConversationResumerProps): Promise<CommandResults["conversation.resume"]> {
  const { ctx, principal } = props;
  const conversation = await conversationFor(principal, props.conversationId);
  const filter = {
    conversationId: conversation._id,
    seq: { $gt: props.lastSeq },
    ...(principal.kind === "contact" ? { internal: false } : {}),
  };
  const docs = await ChatMessageModel.find(filter).sort({ seq: 1 }).limit(CHAT_LIMITS.replayPageSize + 1).lean().exec();
  const hasMore = docs.length > CHAT_LIMITS.replayPageSize;
  const messages = docs.slice(0, CHAT_LIMITS.replayPageSize).map(presentMessage);
  // What this side just received from the other side is delivered.
  const ofSender = otherParty(partyOf(principal));
  const lastOfOther = messages.filter((m) => m.sender.kind === ofSender).at(-1);
  if (lastOfOther) await deliveryRecorder({ ctx, conversationId: String(conversation._id), ofSender, upToSeq: lastOfOther.seq });
  return { conversation: await conversationView(conversation), messages, hasMore };
}
