/**
 * "A session ended" as a process-local hook. Identity has no event bus (the Express app is built without one),
 * so the places that end sessions — logout (`RequestSession.destroy`), expiry seen by `loadSession`, and
 * `linkRevoker` (all sessions of a pseudonym) — call {@link announceSessionEnded}; the real-time layer
 * subscribes with {@link onSessionEnded} and re-emits it as the domain event `session.ended` on the bus, which
 * crosses processes over Redis, so sockets authenticated with that session are disconnected on every node.
 */

import type { DomainEvents } from "../../events/bus.js";

/**
 * Which sessions ended. Exactly one of `keyHash` (sha256 of the session id, the store key) / `ehPseudonym`
 * (every session of that eHerkenning identity) / `agentId` (every session of that agent) is set.
 */
export type SessionEnded = DomainEvents["session.ended"];

type Listener = (ended: SessionEnded) => void;
const listeners = new Set<Listener>();

/** Subscribes; returns the unsubscribe. */
export function onSessionEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every subscriber; a throwing subscriber never fails the caller (logout must always succeed). */
export function announceSessionEnded(ended: SessionEnded): void {
  for (const listener of listeners) {
    try {
      listener(ended);
    } catch {
      // The subscriber logs its own errors.
    }
  }
}
