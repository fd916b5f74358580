/**
 * Conversation commands of both sides: start, resume, send, read, typing, end, rate, leave a message, close,
 * internal notes. Each: validated and kind-checked by `onCommand`, authorized by the command (conversationFor),
 * then rooms joined here so the socket receives what follows.
 */
import { CHAT_LIMITS, type RealtimePrincipal } from "../../contracts/realtime.js";
import { nowMs } from "../../infra/clock.js";
import type { Logger } from "../../infra/logger.js";
import type { ChatContext } from "../../modules/chat/chat-context.js";
import { conversationFor, partyOf } from "../../modules/chat/conversation-access.js";
import { conversationCloser, conversationEnder, conversationRater, messageLeaver } from "../../modules/chat/commands/conversation-ender.js";
import { conversationResumer, conversationStarter } from "../../modules/chat/commands/conversation-starter.js";
import { messageSender } from "../../modules/chat/commands/message-sender.js";
import { readRecorder } from "../../modules/chat/commands/receipts.js";
import { rooms } from "../rooms.js";
import { onCommand, type BalieSocket } from "./command.js";

/** Registers the conversation commands on a freshly authenticated socket. */
export function registerConversationHandlers(socket: BalieSocket, ctx: ChatContext, log: Logger): void {
  const principal: RealtimePrincipal = socket.data.principal;
  const side = partyOf(principal);
  const joinConversation = (conversationId: string) => socket.join(rooms.conversation(conversationId, side));

  onCommand(socket, "conversation.start", log, async (p) => {
    if (principal.kind !== "contact") throw new Error("unreachable: kind checked by onCommand");
    return conversationStarter({
      ctx,
      principal,
      text: p.text,
      clientMessageId: p.clientMessageId,
      join: async (conversationId) => {
        await joinConversation(conversationId);
        // Every tab of this person follows the chat, on whatever node it is connected.
        socket.nsp.in(rooms.contact(principal.organisationId, principal.pseudonym)).socketsJoin(rooms.conversation(conversationId, "contact"));
      },
    });
  });

  onCommand(socket, "conversation.resume", log, async (p) => {
    // Authorize, join, then read: whatever happens after the read reaches the socket through the room.
    await conversationFor(principal, p.conversationId);
    await joinConversation(p.conversationId);
    return conversationResumer({ ctx, principal, conversationId: p.conversationId, lastSeq: p.lastSeq });
  });

  onCommand(socket, "message.send", log, async (p) => {
    const message = await messageSender({ ctx, principal, conversationId: p.conversationId, clientMessageId: p.clientMessageId, text: p.text });
    return { message };
  });

  onCommand(socket, "note.add", log, async (p) => {
    const message = await messageSender({ ctx, principal, conversationId: p.conversationId, clientMessageId: p.clientMessageId, text: p.text, internal: true });
    return { message };
  });

  onCommand(socket, "message.markRead", log, (p) => readRecorder({ ctx, principal, conversationId: p.conversationId, upToSeq: p.upToSeq }));

  // Typing is never stored; a socket may announce "typing" at most once per half throttle interval per chat.
  const lastTyping = new Map<string, number>();
  onCommand(socket, "typing.set", log, async (p) => {
    const at = nowMs();
    const previous = lastTyping.get(p.conversationId);
    if (p.typing && previous !== undefined && at - previous < CHAT_LIMITS.typingThrottleMs / 2) return {};
    if (lastTyping.size > 50) lastTyping.clear();
    const conversation = await conversationFor(principal, p.conversationId);
    if (conversation.state !== "queued" && conversation.state !== "assigned") return {};
    if (p.typing) lastTyping.set(p.conversationId, at);
    else lastTyping.delete(p.conversationId);
    ctx.bus.emit("chat.typingChanged", { conversationId: p.conversationId, who: side, name: principal.name, typing: p.typing });
    return {};
  });

  onCommand(socket, "conversation.end", log, async (p) => ({
    conversation: await conversationEnder({ ctx, principal, conversationId: p.conversationId }),
  }));

  onCommand(socket, "conversation.close", log, async (p) => ({
    conversation: await conversationCloser({ ctx, principal, conversationId: p.conversationId, summary: p.summary }),
  }));

  onCommand(socket, "conversation.rate", log, async (p) => ({
    conversation: await conversationRater({ ctx, principal, conversationId: p.conversationId, score: p.score, comment: p.comment }),
  }));

  onCommand(socket, "conversation.leaveMessage", log, (p) =>
    messageLeaver({ ctx, principal, conversationId: p.conversationId, text: p.text, phone: p.phone }),
  );
}
