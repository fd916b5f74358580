/** The supervisor's live overview: agents with presence, load and last heartbeat; queue length; longest wait. */
import type { OverviewResponse } from "../../contracts/api/chat.js";
import { nowMs } from "../../infra/clock.js";
import { chatContext } from "./chat-context.js";
import { ConversationModel } from "./conversation.model.js";
import { listPresence } from "./presence.js";
import { queueSnapshot } from "./queue.js";

export async function chatOverview(): Promise<OverviewResponse> {
  const [loads, queue, active] = await Promise.all([listPresence(), queueSnapshot(), ConversationModel.countDocuments({ state: "assigned" }).exec()]);
  const seen = await chatContext()
    .presence.lastSeen(loads.map((l) => String(l._id)))
    .catch(() => new Map<string, number>());
  return {
    at: new Date(nowMs()).toISOString(),
    agents: loads.map((l) => {
      const last = seen.get(String(l._id));
      return {
        agentId: String(l._id),
        name: l.name,
        status: l.status,
        activeChats: Math.max(0, l.activeChats),
        maxChats: Math.max(1, l.maxChats),
        lastSeenAt: last === undefined ? null : new Date(last).toISOString(),
      };
    }),
    queueLength: queue.entries.length,
    longestWaitMs: queue.entries.reduce((max, e) => Math.max(max, e.waitingMs), 0),
    activeConversations: active,
  };
}
