/** Agent console commands: presence, sync on (re)connect, picking from the queue, transfer. */
import type { Logger } from "../../infra/logger.js";
import type { ChatContext } from "../../modules/chat/chat-context.js";
import { presentPresence } from "../../modules/chat/chat-presenter.js";
import { conversationView } from "../../modules/chat/announce.js";
import { conversationTransferrer, queuePicker } from "../../modules/chat/commands/conversation-assigner.js";
import { assignedConversations } from "../../modules/chat/conversation.queries.js";
import { ensureAgentLoad, presenceSetter } from "../../modules/chat/presence.js";
import { queueSnapshot } from "../../modules/chat/queue.js";
import { rooms } from "../rooms.js";
import { onCommand, type BalieSocket } from "./command.js";

/** Registers the agent commands on every socket: for school persons `onCommand` answers `forbidden`. */
export function registerAgentHandlers(socket: BalieSocket, ctx: ChatContext, log: Logger): void {
  const who = socket.data.principal;
  // Only reached for agents (onCommand checks the kind first); a school person's socket gets this placeholder.
  const principal = who.kind === "agent" ? who : { kind: "agent" as const, agentId: "", role: "agent" as const, name: "" };

  onCommand(socket, "presence.set", log, async (p) => ({
    presence: await presenceSetter({ ctx, agentId: principal.agentId, status: p.status }),
  }));

  onCommand(socket, "agent.sync", log, async () => {
    const load = await ensureAgentLoad(principal.agentId);
    const mine = await assignedConversations(principal.agentId);
    for (const c of mine) await socket.join(rooms.conversation(String(c._id), "agent"));
    const conversations = await Promise.all(mine.map((c) => conversationView(c)));
    return { presence: presentPresence(load), conversations, queue: (await queueSnapshot()).entries };
  });

  onCommand(socket, "queue.pick", log, async (p) => {
    const conversation = await queuePicker({ ctx, principal, conversationId: p.conversationId });
    await socket.join(rooms.conversation(conversation.id, "agent"));
    return { conversation };
  });

  onCommand(socket, "conversation.transfer", log, async (p) => ({
    conversation: await conversationTransferrer({ ctx, principal, conversationId: p.conversationId, toAgentId: p.toAgentId }),
  }));
}
