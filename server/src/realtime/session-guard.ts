/**
 * Sockets never outlive the session they were authenticated with (`socket.data.sessionKey`: the cookie's session,
 * or the session that minted the chat token):
 * - **Ended sessions.** Identity announces logout, expiry seen by `loadSession` and link revocation
 *   (`modules/identity/session-ended.ts`); this guard re-emits that as the domain event `session.ended` on the bus
 *   (over Redis it reaches every process) and every process disconnects its OWN sockets of that session / person
 *   (`io.local`, origin "any": the bus already carried the event to each node).
 * - **Clock expiry.** Idle (15 min) and absolute (8 h) expiry are decided by the clock, so nothing announces them
 *   while nobody makes a request. Inbound commands re-check the session at most every {@link RECHECK_MS} per
 *   socket (one store read; chatting counts as activity and refreshes the idle timer, like an HTTP request);
 *   a dead session answers the command with the error ack `unauthenticated` and disconnects the socket. A sweep
 *   every {@link RECHECK_MS} (real time) does the same for sockets that only listen.
 * The client sees reason "io server disconnect" (Socket.IO does not reconnect by itself) and shows the error.
 */
import { AppError } from "../contracts/errors.js";
import { IDENTITY_LIMITS } from "../contracts/api/auth.js";
import type { EventBus } from "../events/bus.js";
import { hasRunningChat } from "../modules/chat/conversation.queries.js";
import { nowMs } from "../infra/clock.js";
import type { Logger } from "../infra/logger.js";
import { onSessionEnded, type SessionEnded } from "../modules/identity/session-ended.js";
import { loadSessionByKey } from "../modules/identity/session-loader.js";
import type { SessionStore } from "../modules/identity/session-store.js";
import { toAckError, type BalieSocket } from "./handlers/command.js";
import type { BalieIo } from "./io.js";
import { rooms } from "./rooms.js";

/** How often a socket's session is re-checked at most (commands) and swept (listening sockets). */
export const RECHECK_MS = 60_000;

/** Options of {@link installSessionGuard}. */
export interface SessionGuardOptions {
  io: BalieIo;
  bus: EventBus;
  sessions: SessionStore;
  logger: Logger;
}

/** What {@link installSessionGuard} returns. */
export interface SessionGuard {
  /** Registers the per-command re-check on a freshly authenticated socket (before any handler). */
  guard(socket: BalieSocket): void;
  /** Re-checks every local socket now (the periodic sweep; tests). */
  sweep(): Promise<void>;
  uninstall(): void;
}

/** True when the socket belongs to a school person whose chat is queued or assigned. */
async function inRunningChat(socket: BalieSocket): Promise<boolean> {
  const principal = socket.data.principal;
  if (principal?.kind !== "contact") return false;
  return hasRunningChat(principal.organisationId, principal.pseudonym);
}

export function installSessionGuard({ io, bus, sessions, logger }: SessionGuardOptions): SessionGuard {
  const log = logger.child({ module: "realtime", part: "session-guard" });
  const inflight = new WeakMap<BalieSocket, Promise<boolean>>();

  const end = (socket: BalieSocket, why: string) => {
    log.info({ socketId: socket.id, why }, "socket disconnected: session ended");
    socket.disconnect(true);
  };

  /** True while the socket's session is live; reads the store at most every RECHECK_MS. */
  const isLive = (socket: BalieSocket, touch: boolean): Promise<boolean> => {
    const data = socket.data;
    const at = nowMs();
    if (data.notAfterMs !== undefined && at > data.notAfterMs) return Promise.resolve(false);
    if (!data.sessionKey) return Promise.resolve(true);
    if (data.sessionCheckedAtMs !== undefined && at - data.sessionCheckedAtMs < RECHECK_MS) return Promise.resolve(true);
    const running = inflight.get(socket);
    if (running) return running;
    const check = loadSessionByKey(sessions, data.sessionKey, { touch })
      .then((loaded) => {
        if (loaded.state !== "live") return false;
        data.sessionCheckedAtMs = at;
        return true;
      })
      .finally(() => inflight.delete(socket));
    inflight.set(socket, check);
    return check;
  };

  const fromIdentity = onSessionEnded((ended) => bus.emit("session.ended", ended));
  const disconnectEnded = (ended: SessionEnded) => {
    if (ended.keyHash) io.local.in(rooms.session(ended.keyHash)).disconnectSockets(true);
    if (ended.agentId) io.local.in(rooms.agent(ended.agentId)).disconnectSockets(true);
    if (ended.ehPseudonym) {
      for (const socket of io.of("/").sockets.values()) {
        const p = socket.data.principal;
        if (p.kind === "contact" && p.pseudonym === ended.ehPseudonym) end(socket, ended.reason);
      }
    }
  };
  // Next turn: when a command's re-check found the session expired (loadSessionByKey announces that), its
  // `unauthenticated` ack goes out before the disconnect.
  const fromBus = bus.on("session.ended", (ended) => void setImmediate(disconnectEnded, ended), { origin: "any" });

  const sweep = async () => {
    const sockets = [...io.of("/").sockets.values()];
    for (const socket of sockets) {
      if (!socket.connected) continue;
      // An idle socket is no activity (no touch), except a school person's socket while their chat is waiting
      // or running: someone waiting 20 minutes in the queue is not away, and must not be logged out.
      const live = await isLive(socket, await inRunningChat(socket)).catch((err: unknown) => {
        log.warn({ err }, "session not re-checked");
        return true;
      });
      if (!live) end(socket, "expired");
    }
  };
  const timer = setInterval(() => void sweep(), RECHECK_MS);
  timer.unref();

  return {
    guard(socket) {
      if (socket.data.sessionKey) void socket.join(rooms.session(socket.data.sessionKey));
      socket.use((packet, next) => {
        isLive(socket, true).then(
          (live) => {
            if (live) return next();
            const ack = packet.at(-1);
            if (typeof ack === "function") {
              try {
                (ack as (r: unknown) => void)({ ok: false, error: toAckError(new AppError("unauthenticated"), socket.data.locale) });
              } catch {
                // A client that sent garbage as its ack.
              }
            }
            end(socket, "expired");
          },
          (err: unknown) => {
            // The store is unreachable: let the command run rather than cutting every chat off.
            log.warn({ err }, "session not re-checked");
            next();
          },
        );
      });
    },
    sweep,
    uninstall() {
      clearInterval(timer);
      fromIdentity();
      fromBus();
    },
  };
}

/** Token sockets without a session: refused after one session lifetime counted from the token's issue. */
export function tokenNotAfterMs(tokenExpMs: number, tokenTtlMs: number): number {
  return tokenExpMs - tokenTtlMs + IDENTITY_LIMITS.sessionAbsoluteMs;
}
