/**
 * Chat in one process: builds the {@link ChatContext} (presence and rate limits in Redis when configured, in
 * memory otherwise), the coalescing dispatcher (routing), heartbeats for the agents whose consoles are connected
 * here, and the sweeper (`chat-sweeper.ts`). `server.ts` calls {@link installChat} once and `stop()` at shutdown.
 */
import type { Redis } from "ioredis";
import { CHAT_LIMITS } from "../../contracts/realtime.js";
import type { EventBus } from "../../events/bus.js";
import type { Logger } from "../../infra/logger.js";
import { AgentLoadModel } from "./agent-load.model.js";
import { setChatContext, type ChatContext } from "./chat-context.js";
import { runChatSweep, type SweepState } from "./chat-sweeper.js";
import { conversationAssigner } from "./commands/conversation-assigner.js";
import { memoryPresenceStore, redisPresenceStore } from "./presence.js";
import { memoryRateLimiter, redisRateLimiter } from "./rate-limiter.js";

/** Options of {@link installChat}. */
export interface InstallChatOptions {
  bus: EventBus;
  logger: Logger;
  /** Shared Redis client (REDIS_URL): presence heartbeats and rate limits across processes. */
  redis?: Redis | undefined;
  /** SESSION_SECRET: signs chat tokens. */
  tokenSecret: string;
  /** Opening hours check; default: always open (the opening-hours module plugs in here). */
  isOpenAt?: ChatContext["isOpenAt"];
  nextOpeningAt?: ChatContext["nextOpeningAt"];
  /** Heartbeat interval for local agent consoles (default 10 s). */
  heartbeatMs?: number;
  /** Sweeper interval (default 5 s). */
  sweepMs?: number;
  /** Start the timers (default true; tests may drive `sweepNow()` themselves). */
  timers?: boolean;
}

/** The running chat of this process. */
export interface ChatRuntime {
  readonly ctx: ChatContext;
  /** A console socket of `agentId` connected (+1) or disconnected (-1) on this process. */
  trackAgentSocket(agentId: string, delta: 1 | -1): void;
  /** Runs routing now and resolves when the pass (and any pass requested meanwhile) is done. */
  dispatchNow(): Promise<void>;
  /** Heartbeats for local consoles, then gone agents → offline + chats requeued, closing time, late records. */
  sweepNow(): Promise<void>;
  /** Replace the opening-hours check (tests, or when the opening-hours module is installed after chat). */
  setOpeningHours(isOpenAt: ChatContext["isOpenAt"], nextOpeningAt?: ChatContext["nextOpeningAt"]): void;
  stop(): Promise<void>;
}

export function installChat(options: InstallChatOptions): ChatRuntime {
  const log = options.logger.child({ module: "chat" });
  const limits = { burst: CHAT_LIMITS.rateBurst, perSecond: CHAT_LIMITS.ratePerSecond };
  const presence = options.redis ? redisPresenceStore(options.redis) : memoryPresenceStore();
  const rateLimiter = options.redis
    ? redisRateLimiter(options.redis, limits, (err) => log.warn({ err }, "rate limiter: redis unavailable, using memory"))
    : memoryRateLimiter(limits);

  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const dispatchNow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await conversationAssigner({ ctx });
        } catch (err) {
          log.warn({ err }, "routing pass failed");
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const ctx: ChatContext = {
    bus: options.bus,
    presence,
    rateLimiter,
    logger: log,
    tokenSecret: options.tokenSecret,
    isOpenAt: options.isOpenAt ?? (() => true),
    nextOpeningAt: options.nextOpeningAt ?? (() => null),
    requestDispatch: () => void dispatchNow(),
  };
  setChatContext(ctx);

  const localAgents = new Map<string, number>();
  const heartbeat = async (agentIds: readonly string[]) => {
    if (agentIds.length === 0) return;
    const loads = await AgentLoadModel.find({ _id: { $in: agentIds } }).select({ status: 1 }).lean().exec();
    const status = new Map(loads.map((l) => [String(l._id), l.status]));
    await Promise.all(agentIds.map((id) => presence.heartbeat(id, status.get(id) ?? "offline")));
  };
  const heartbeatLocal = () => heartbeat([...localAgents.keys()]);

  // Routing reacts to changes made on other processes too (an agent going online there, a chat queued there).
  const offs = [
    options.bus.on("presence.changed", (_p, meta) => void (meta.local || ctx.requestDispatch())),
    options.bus.on("chat.queueChanged", (_p, meta) => void (meta.local || ctx.requestDispatch())),
  ];

  const sweepState: SweepState = { missingSince: new Map(), slotSuspects: new Map() };
  let sweeping: Promise<void> | null = null;
  const sweepNow = () => {
    sweeping ??= (async () => {
      try {
        await heartbeatLocal().catch((err: unknown) => log.warn({ err }, "heartbeat failed"));
        await runChatSweep({ ctx, state: sweepState });
      } catch (err) {
        log.warn({ err }, "chat sweep failed");
      }
    })().finally(() => {
      sweeping = null;
    });
    return sweeping;
  };

  const timers: NodeJS.Timeout[] = [];
  if (options.timers !== false) {
    timers.push(setInterval(() => void heartbeatLocal().catch((err: unknown) => log.debug({ err }, "heartbeat failed")), options.heartbeatMs ?? 10_000));
    timers.push(setInterval(() => void sweepNow().then(() => dispatchNow()), options.sweepMs ?? 5_000));
    for (const t of timers) t.unref();
    // Chats may be waiting from before this process started (restart, a node that died): route them now.
    setTimeout(() => void dispatchNow(), 0).unref();
  }

  return {
    ctx,
    trackAgentSocket(agentId, delta) {
      const count = (localAgents.get(agentId) ?? 0) + delta;
      if (count <= 0) localAgents.delete(agentId);
      else localAgents.set(agentId, count);
      if (delta > 0) void heartbeat([agentId]).catch((err: unknown) => log.debug({ err }, "heartbeat failed"));
    },
    dispatchNow,
    sweepNow,
    setOpeningHours(isOpenAt, nextOpeningAt) {
      ctx.isOpenAt = isOpenAt;
      if (nextOpeningAt) ctx.nextOpeningAt = nextOpeningAt;
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      for (const off of offs) off();
      await Promise.allSettled([running, sweeping]);
      setChatContext(undefined);
    },
  };
}
