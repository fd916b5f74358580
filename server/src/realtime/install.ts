/**
 * Real-time wiring of one process: handshake authentication (`io.use`), rooms joined once after it, the command
 * handlers per domain, the broadcaster, and agent console tracking for presence heartbeats.
 */
import type { EventBus } from "../events/bus.js";
import type { Logger } from "../infra/logger.js";
import type { ChatRuntime } from "../modules/chat/chat-runtime.js";
import { activeConversationIds, assignedConversationIds } from "../modules/chat/conversation.queries.js";
import { activeAvailability } from "../modules/availability/index.js";
import { presentAvailabilityChanged } from "../modules/availability/availability.service.js";
import { nowMs } from "../infra/clock.js";
import type { SessionStore } from "../modules/identity/session-store.js";
import { installBroadcaster } from "./broadcaster.js";
import { OpenCounter, REALTIME_LIMITS } from "./limits.js";
import { authenticateHandshake, HandshakeError } from "./handshake.js";
import { registerAgentHandlers } from "./handlers/agent.js";
import { registerConversationHandlers } from "./handlers/conversation.js";
import type { BalieIo } from "./io.js";
import { rooms } from "./rooms.js";
import { installSessionGuard } from "./session-guard.js";

/** Options of {@link installRealtime}. */
export interface InstallRealtimeOptions {
  io: BalieIo;
  bus: EventBus;
  chat: ChatRuntime;
  sessions: SessionStore;
  /** SESSION_SECRET (chat tokens). */
  /** Current secret first, then previous ones still accepted during a rotation. */
  tokenSecret: string | readonly string[];
  logger: Logger;
}

/** What {@link installRealtime} set up. */
export interface RealtimeHandle {
  /** Re-checks every local socket's session now (the periodic sweep; tests call it after moving the clock). */
  sweepSessions(): Promise<void>;
  /** Removes the broadcaster listeners and the session guard. */
  uninstall(): void;
}

/** Installs handshake, handlers, broadcaster and session guard. */
export function installRealtime(options: InstallRealtimeOptions): RealtimeHandle {
  const { io, chat } = options;
  const log = options.logger.child({ module: "realtime" });
  const sessionGuard = installSessionGuard({ io, bus: options.bus, sessions: options.sessions, logger: options.logger });

  const perPerson = new OpenCounter(REALTIME_LIMITS.socketsPerPerson);
  io.use((socket, next) => {
    authenticateHandshake(socket.request, socket.handshake.auth, { sessions: options.sessions, tokenSecret: options.tokenSecret }).then(
      (data) => {
        socket.data = data;
        // One person with 1,000 tabs (or a script) would hold 1,000 sockets' memory: refuse beyond the limit.
        const person = data.principal.kind === "agent" ? `agent:${data.principal.agentId}` : `contact:${data.principal.organisationId}:${data.principal.pseudonym}`;
        if (!perPerson.tryOpen(person)) {
          next(new Error("too_many_connections"));
          return;
        }
        socket.once("disconnect", () => perPerson.close(person));
        next();
      },
      (err: unknown) => {
        if (!(err instanceof HandshakeError)) log.error({ err }, "socket handshake failed");
        next(new Error(err instanceof HandshakeError ? err.message : "unauthenticated"));
      },
    );
  });

  io.on("connection", (socket) => {
    const principal = socket.data.principal;
    // The session re-check runs before every command (socket middleware), so it is registered first.
    sessionGuard.guard(socket);
    // Handlers first, so a command sent right after connect is never missed while the rooms are looked up.
    registerConversationHandlers(socket, chat.ctx, log);
    registerAgentHandlers(socket, chat.ctx, log);
    socket.on("error", (err) => log.debug({ err }, "socket error"));

    if (principal.kind === "agent") {
      chat.trackAgentSocket(principal.agentId, 1);
      socket.on("disconnect", () => chat.trackAgentSocket(principal.agentId, -1));
      void socket.join([rooms.agents(), rooms.agent(principal.agentId)]);
      assignedConversationIds(principal.agentId)
        .then((mine) => socket.join(mine.map((id) => rooms.conversation(id, "agent"))))
        .catch((err: unknown) => log.warn({ err }, "agent rooms not joined"));
    } else {
      void socket.join([rooms.contacts(), rooms.org(principal.organisationId), rooms.contact(principal.organisationId, principal.pseudonym)]);
      // The current state at once; changes follow through the availability broadcaster.
      try {
        const availability = activeAvailability();
        if (availability) socket.emit("availability.changed", presentAvailabilityChanged(availability.service.current(), nowMs()));
      } catch (err) {
        log.warn({ err }, "availability not sent on connect");
      }
      activeConversationIds(principal.organisationId, principal.pseudonym)
        .then((mine) => socket.join(mine.map((id) => rooms.conversation(id, "contact"))))
        .catch((err: unknown) => log.warn({ err }, "contact rooms not joined"));
    }
  });

  const uninstallBroadcaster = installBroadcaster({ io, bus: options.bus, chat: chat.ctx, logger: options.logger });
  return {
    sweepSessions: () => sessionGuard.sweep(),
    uninstall() {
      uninstallBroadcaster();
      sessionGuard.uninstall();
    },
  };
}
