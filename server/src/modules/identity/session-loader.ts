/**
 * Reading a session from the store with idle/absolute expiry applied. Shared by the HTTP session middleware
 * (`http/middleware/session.ts`) and the Socket.IO handshake and session guard (`realtime/`), so both layers
 * decide expiry the same way without the socket layer depending on Express.
 */
import { IDENTITY_LIMITS, SESSION_COOKIE } from "../../contracts/api/auth.js";
import { nowMs } from "../../infra/clock.js";
import { sha256 } from "./secrets.js";
import { announceSessionEnded } from "./session-ended.js";
import type { SessionRecord, SessionStore } from "./session-store.js";

/** What a load found: no session, one that expired just now (and was destroyed), or a live one. */
export type LoadedSession = { state: "none" } | { state: "expired" } | { state: "live"; key: string; record: SessionRecord };

/** Options of {@link loadSession} and {@link loadSessionByKey}. */
export interface LoadSessionOptions {
  /** Idle timeout; default {@link IDENTITY_LIMITS.sessionIdleMs}. */
  idleMs?: number;
  /** Absolute lifetime; default {@link IDENTITY_LIMITS.sessionAbsoluteMs}. */
  absoluteMs?: number;
  /** Refreshes the idle timer (a request or command counts as activity). */
  touch?: boolean;
}

/** How often a live session's idle timer is written back at most. */
const TOUCH_INTERVAL_MS = 30_000;

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Loads a live session from a Cookie header, applying idle/absolute expiry (expired ones are destroyed).
 * Used by the session middleware and the Socket.IO handshake.
 */
export async function loadSession(store: SessionStore, cookieHeader: string | undefined, options: LoadSessionOptions = {}): Promise<LoadedSession> {
  const id = readCookie(cookieHeader, SESSION_COOKIE);
  if (!id || id.length > 100) return { state: "none" };
  return loadSessionByKey(store, sha256(id), options);
}

/** {@link loadSession} by store key (sha256 of the id): the real-time layer re-checks a socket's session with it. */
export async function loadSessionByKey(store: SessionStore, key: string, options: LoadSessionOptions = {}): Promise<LoadedSession> {
  const record = await store.get(key);
  if (!record) return { state: "none" };
  const idleMs = options.idleMs ?? IDENTITY_LIMITS.sessionIdleMs;
  const absoluteMs = options.absoluteMs ?? IDENTITY_LIMITS.sessionAbsoluteMs;
  const at = nowMs();
  if (at - record.lastSeenAtMs > idleMs || at - record.createdAtMs > absoluteMs) {
    await store.destroy(key);
    announceSessionEnded({ keyHash: key, reason: "expired" });
    return { state: "expired" };
  }
  // A page load fires several API calls within a second; writing lastSeen (an fsynced journal write) for each
  // costs more than the request itself. Refreshing at most every TOUCH_INTERVAL_MS means a session may end up to
  // that much before its 15 minutes of idleness are up, never after.
  if (options.touch && at - record.lastSeenAtMs >= TOUCH_INTERVAL_MS) {
    record.lastSeenAtMs = at;
    await store.touch(key, at, idleMs);
  }
  return { state: "live", key, record };
}
