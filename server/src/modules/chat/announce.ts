/** Announcing conversation changes on the bus (the broadcaster turns them into `conversation.updated`). */
import type { ChatContext } from "./chat-context.js";
import { presentConversation } from "./chat-presenter.js";
import type { Conversation } from "./conversation.model.js";
import { queuePositionOf } from "./queue.js";
import type { ConversationView } from "../../contracts/realtime.js";

/** The view of `c` with its live queue position. */
export async function conversationView(c: Conversation): Promise<ConversationView> {
  return presentConversation(c, c.state === "queued" ? await queuePositionOf(c) : null);
}

/** Emits `chat.conversationChanged` with the fresh view and returns it. */
export async function announceConversation(ctx: ChatContext, c: Conversation, previousAgentId: string | null = null): Promise<ConversationView> {
  const view = await conversationView(c);
  ctx.bus.emit("chat.conversationChanged", { conversation: view, previousAgentId });
  return view;
}
