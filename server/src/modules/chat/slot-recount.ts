/**
 * Heals leaked chat slots. Routing charges an agent and then moves the conversation, two single-document
 * updates (commands/conversation-assigner.ts); ending, transferring and requeueing move the conversation and then
 * give the slot back. A process that dies between the two leaves the agent's `activeChats` off by one: usually
 * too high (the agent gets fewer chats than they could take), in theory too low.
 *
 * Each sweep compares every agent's `activeChats` with the chats actually assigned to them. A mismatch is fixed
 * only after it has been seen unchanged (same count, same `activeChats`, no new charge) for {@link SETTLE_MS}: for
 * a few milliseconds every normal move has one, and "fixing" that would make the move's own second step count
 * twice. The fix is conditional on the observed values, so any routing in between makes it miss and start over.
 */
import type { Types } from "mongoose";
import { nowMs } from "../../infra/clock.js";
import { AgentLoadModel } from "./agent-load.model.js";
import type { ChatContext } from "./chat-context.js";
import { ConversationModel } from "./conversation.model.js";

/** How long a mismatch must stay unchanged before it counts as a leak (a move takes milliseconds). */
const SETTLE_MS = 60_000;

/** One observed mismatch. */
interface Suspect {
  activeChats: number;
  lastAssignedAtMs: number;
  maxChats: number;
  assigned: number;
  sinceMs: number;
}

/** Mismatches seen by this process, by agent id. */
export type SlotSuspects = Map<string, Suspect>;

export async function recountAgentSlots(ctx: ChatContext, suspects: SlotSuspects): Promise<void> {
  const at = nowMs();
  const counts = await ConversationModel.aggregate<{ _id: Types.ObjectId; n: number }>([
    { $match: { state: "assigned" } },
    { $group: { _id: "$assignedAgentId", n: { $sum: 1 } } },
  ]).exec();
  const assigned = new Map(counts.filter((c) => c._id).map((c) => [String(c._id), c.n]));
  const loads = await AgentLoadModel.find({ $or: [{ activeChats: { $ne: 0 } }, { _id: { $in: [...assigned.keys()] } }] })
    .select({ activeChats: 1, lastAssignedAtMs: 1, maxChats: 1 })
    .lean()
    .exec();
  const seen = new Set<string>();
  for (const load of loads) {
    const id = String(load._id);
    const actual = assigned.get(id) ?? 0;
    if (load.activeChats === actual) continue;
    seen.add(id);
    const observed: Suspect = { activeChats: load.activeChats, lastAssignedAtMs: load.lastAssignedAtMs, maxChats: load.maxChats, assigned: actual, sinceMs: at };
    const earlier = suspects.get(id);
    if (!earlier || !sameMismatch(earlier, observed)) {
      suspects.set(id, observed);
      continue;
    }
    if (at - earlier.sinceMs < SETTLE_MS) continue;
    suspects.delete(id);
    const fixed = await AgentLoadModel.updateOne(
      { _id: load._id, activeChats: load.activeChats, lastAssignedAtMs: load.lastAssignedAtMs, maxChats: load.maxChats },
      { $set: { activeChats: actual, freeSlots: load.maxChats - actual } },
    ).exec();
    if (fixed.modifiedCount === 0) continue;
    ctx.logger.warn({ agentId: id, was: load.activeChats, now: actual }, "agent slot count corrected");
    ctx.bus.emit("presence.changed", { agentId: id });
    ctx.requestDispatch();
  }
  for (const id of suspects.keys()) if (!seen.has(id)) suspects.delete(id);
}

function sameMismatch(a: Suspect, b: Suspect): boolean {
  return a.activeChats === b.activeChats && a.lastAssignedAtMs === b.lastAssignedAtMs && a.maxChats === b.maxChats && a.assigned === b.assigned;
}
