/** Reading the chat queue: positions for waiting school persons, the whole line for agents. */
import type { QueueEntry } from "../../contracts/realtime.js";
import { nowMs } from "../../infra/clock.js";
import { presentQueueEntry } from "./chat-presenter.js";
import { ConversationModel, type Conversation } from "./conversation.model.js";

/** 1-based place in line of a queued conversation (ties on rank broken by id). */
export async function queuePositionOf(c: Pick<Conversation, "_id" | "queueRank">): Promise<number> {
  const ahead = await ConversationModel.countDocuments({
    state: "queued",
    $or: [{ queueRank: { $lt: c.queueRank } }, { queueRank: c.queueRank, _id: { $lt: c._id } }],
  }).exec();
  return ahead + 1;
}

/** The queued conversations, front first. */
export async function queuedConversations(limit = 1_000): Promise<Conversation[]> {
  return ConversationModel.find({ state: "queued" }).sort({ queueRank: 1, _id: 1 }).limit(limit).lean().exec();
}

/** The queue as agents see it, with waiting times now. */
export async function queueSnapshot(): Promise<{ at: string; entries: QueueEntry[] }> {
  const at = nowMs();
  const queued = await queuedConversations();
  return { at: new Date(at).toISOString(), entries: queued.map((c, i) => presentQueueEntry(c, i + 1, at)) };
}
