/**
 * One document per agent with their chat presence and load: the thing routing updates atomically. Assignment is
 * `findOneAndUpdate({status: "online", freeSlots: {$gt: 0}}, {$inc: {activeChats: 1, freeSlots: -1}}, sorted
 * by activeChats)`: the least-busy online agent with room, chosen and charged in one single-document update, so
 * two nodes can never push an agent over capacity. `freeSlots` = `maxChats - activeChats`, kept in step by every
 * update (a lower capacity may make it negative; such an agent simply gets nothing new).
 *
 * Liveness (heartbeats) lives in the presence store (Redis keys with TTL, or memory); this document holds what
 * routing needs to decide atomically.
 */
import mongoose, { Schema, type Model, type Types } from "mongoose";
import { PRESENCE_STATUSES, type PresenceStatus } from "../../contracts/realtime.js";

export interface AgentLoad {
  /** The agent's `_id`. */
  _id: Types.ObjectId;
  name: string;
  status: PresenceStatus;
  activeChats: number;
  maxChats: number;
  freeSlots: number;
  /** Tie-break among equally busy agents: the one who got a chat longest ago goes first. */
  lastAssignedAtMs: number;
  statusChangedAt: Date | null;
}

export type AgentLoadModel = Model<AgentLoad>;

const agentLoadSchema = new Schema<AgentLoad, AgentLoadModel>(
  {
    name: { type: String, required: true },
    status: { type: String, enum: PRESENCE_STATUSES, required: true, default: "offline" },
    activeChats: { type: Number, required: true, default: 0 },
    maxChats: { type: Number, required: true, default: 3 },
    freeSlots: { type: Number, required: true, default: 3 },
    lastAssignedAtMs: { type: Number, required: true, default: 0 },
    statusChangedAt: { type: Date, default: null },
  },
  { collection: "chat_agent_loads", versionKey: false },
);

agentLoadSchema.index({ status: 1, freeSlots: 1, activeChats: 1 });

export const AgentLoadModel: AgentLoadModel =
  (mongoose.models.ChatAgentLoad as AgentLoadModel | undefined) ??
  mongoose.model<AgentLoad, AgentLoadModel>("ChatAgentLoad", agentLoadSchema);
