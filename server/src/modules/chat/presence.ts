/**
 * Agent presence: online / pause / offline per agent, with heartbeats.
 *
 * - Status and load live in the agent-load document (`agent-load.model.ts`), because routing must decide on them
 *   in one atomic MongoDB update.
 * - Liveness lives in a {@link PresenceStore}: every process writes a heartbeat every 10 s for each agent that has
 *   a console socket on it. With REDIS_URL those are Redis keys with a TTL (`redisKeys.agentPresence`), so every
 *   process sees them; without Redis a Map in this process. The sweeper (`chat-sweeper.ts`) treats an agent whose
 *   heartbeat is older than 60 s as gone: offline, and their chats back to the front of the queue.
 *
 * Every change of status or load emits `presence.changed` on the bus (availability listens to it).
 */
import type { Redis } from "ioredis";
import { Types } from "mongoose";
import { AppError } from "../../contracts/errors.js";
import type { AgentPresence, PresenceStatus } from "../../contracts/realtime.js";
import { now, nowMs } from "../../infra/clock.js";
import { redisKeys } from "../../infra/redis/keys.js";
import { AgentModel } from "../agents/agent.model.js";
import { AgentLoadModel, type AgentLoad } from "./agent-load.model.js";
import type { ChatContext } from "./chat-context.js";
import { presentPresence } from "./chat-presenter.js";

/** Heartbeats of agents' consoles. */
export interface PresenceStore {
  /** Records that `agentId` has a live console now (clock time). */
  heartbeat(agentId: string, status: PresenceStatus): Promise<void>;
  /** Last heartbeat per agent (ms, clock time); absent when unknown. Throws when the store is unreachable. */
  lastSeen(agentIds: readonly string[]): Promise<Map<string, number>>;
}

/** Heartbeats in this process only (no REDIS_URL). */
export function memoryPresenceStore(): PresenceStore {
  const seen = new Map<string, number>();
  return {
    async heartbeat(agentId) {
      seen.set(agentId, nowMs());
    },
    async lastSeen(agentIds) {
      const out = new Map<string, number>();
      for (const id of agentIds) {
        const at = seen.get(id);
        if (at !== undefined) out.set(id, at);
      }
      return out;
    },
  };
}

const PRESENCE_KEY_TTL_MS = 5 * 60_000;

/** Heartbeats in Redis, shared by every process. */
export function redisPresenceStore(redis: Redis): PresenceStore {
  return {
    async heartbeat(agentId, status) {
      const key = redisKeys.agentPresence(agentId);
      await redis.multi().hset(key, "status", status, "lastSeenMs", String(nowMs())).pexpire(key, PRESENCE_KEY_TTL_MS).exec();
    },
    async lastSeen(agentIds) {
      const out = new Map<string, number>();
      if (agentIds.length === 0) return out;
      const pipeline = redis.pipeline();
      for (const id of agentIds) pipeline.hget(redisKeys.agentPresence(id), "lastSeenMs");
      const results = (await pipeline.exec()) ?? [];
      results.forEach(([err, value], i) => {
        if (err) throw err;
        if (typeof value === "string") out.set(agentIds[i]!, Number(value));
      });
      return out;
    },
  };
}

/**
 * How many agents are online with room for another chat right now. Availability = open now AND this > 0
 * (`modules/availability`). Reads MongoDB, so it is the same answer on every process.
 */
export async function agentsWithFreeCapacity(): Promise<number> {
  return AgentLoadModel.countDocuments({ status: "online", freeSlots: { $gt: 0 } }).exec();
}

/** The agent's load document, created from the agent record on first use. 404 `agent_not_found` for unknown ids. */
export async function ensureAgentLoad(agentId: string): Promise<AgentLoad> {
  if (!Types.ObjectId.isValid(agentId)) throw new AppError("agent_not_found");
  const existing = await AgentLoadModel.findById(agentId).lean().exec();
  if (existing) return existing;
  const agent = await AgentModel.findById(agentId).select({ displayName: 1, maxConcurrentChats: 1 }).lean().exec();
  if (!agent) throw new AppError("agent_not_found");
  const max = agent.maxConcurrentChats ?? 3;
  // Upsert: two nodes creating it at once end with one document (the loser's $setOnInsert is a no-op).
  const doc = await AgentLoadModel.findOneAndUpdate(
    { _id: agent._id },
    { $setOnInsert: { name: agent.displayName, status: "offline", activeChats: 0, maxChats: max, freeSlots: max, lastAssignedAtMs: 0, statusChangedAt: null } },
    { upsert: true, returnDocument: "after" },
  )
    .lean()
    .exec()
    .catch(async (err: unknown) => {
      if ((err as { code?: unknown }).code === 11000) return AgentLoadModel.findById(agentId).lean().exec();
      throw err;
    });
  return doc!;
}

/** Props of {@link presenceSetter}. */
export interface PresenceSetterProps {
  ctx: ChatContext;
  agentId: string;
  status: PresenceStatus;
}

/** Sets an agent's presence; going online asks routing to hand out waiting chats. */
export async function presenceSetter({ ctx, agentId, status }: PresenceSetterProps): Promise<AgentPresence> {
  await ensureAgentLoad(agentId);
  const load = await AgentLoadModel.findOneAndUpdate(
    { _id: agentId },
    { $set: { status, statusChangedAt: now() } },
    { returnDocument: "after" },
  )
    .lean()
    .exec();
  await ctx.presence.heartbeat(agentId, status).catch((err: unknown) => ctx.logger.warn({ err }, "presence heartbeat failed"));
  ctx.bus.emit("presence.changed", { agentId });
  if (status === "online") ctx.requestDispatch();
  return presentPresence(load!);
}

/** Presence views of every agent that has ever been online, by name. */
export async function listPresence(): Promise<AgentLoad[]> {
  return AgentLoadModel.find({}).sort({ name: 1 }).lean().exec();
}

/** The agent's load document as it is now, or null when the agent never had one. */
export async function findAgentLoad(agentId: string): Promise<AgentLoad | null> {
  return AgentLoadModel.findById(agentId).lean().exec();
}

/** Props of {@link capacitySetter}. */
export interface CapacitySetterProps {
  ctx: ChatContext;
  agentId: string;
  maxChats: number;
}

/**
 * Changes an agent's maximum of concurrent chats (supervisor). The load document is updated with a compare-and-
 * set on `activeChats`, so `freeSlots` stays `maxChats - activeChats` while chats come and go.
 */
export async function capacitySetter({ ctx, agentId, maxChats }: CapacitySetterProps): Promise<AgentPresence> {
  const agent = await AgentModel.findByIdAndUpdate(agentId, { $set: { maxConcurrentChats: maxChats } }, { returnDocument: "after" }).lean().exec();
  if (!agent) throw new AppError("agent_not_found");
  for (let attempt = 0; attempt < 20; attempt++) {
    const load = await ensureAgentLoad(agentId);
    const updated = await AgentLoadModel.findOneAndUpdate(
      { _id: agentId, activeChats: load.activeChats },
      { $set: { maxChats, freeSlots: maxChats - load.activeChats } },
      { returnDocument: "after" },
    )
      .lean()
      .exec();
    if (updated) {
      ctx.bus.emit("presence.changed", { agentId });
      ctx.requestDispatch();
      return presentPresence(updated);
    }
  }
  throw new AppError("conflict");
}
