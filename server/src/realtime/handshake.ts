/**
 * Who a socket is, decided once at the handshake (`io.use`):
 * - `auth.token` (a chat token from `POST /api/v1/chat/token`, for pages on other origins): a school person
 *   acting for the organisation the token names;
 * - otherwise the session cookie (same-origin portal or console): the session's contact person (acting for the
 *   effective organisation) or agent (display name and role from the agent record; disabled agents refused).
 * Anything else is refused with `unauthenticated` / `invalid_chat_token` (the client's `connect_error`).
 * Either way the socket is bound to a session (`sessionKey`) and ends with it (session-guard.ts).
 */
import type { IncomingMessage } from "node:http";
import { handshakeAuthSchema, type RealtimePrincipal, type SocketData } from "../contracts/realtime.js";
import { pickLocale } from "../contracts/errors.js";
import { findAgentProfile } from "../modules/agents/agent.queries.js";
import { verifyChatToken } from "../modules/chat/chat-token.js";
import { loadSession, loadSessionByKey } from "../modules/identity/session-loader.js";
import { effectiveOrganisationId, type SessionStore } from "../modules/identity/session-store.js";
import { CHAT_LIMITS } from "../contracts/realtime.js";
import { nowMs } from "../infra/clock.js";
import { tokenNotAfterMs } from "./session-guard.js";

/** Options of {@link authenticateHandshake}. */
export interface HandshakeOptions {
  sessions: SessionStore;
  /** Current secret first, then previous ones still accepted during a rotation. */
  tokenSecret: string | readonly string[];
}

/** Thrown for a refused handshake; `message` is the error id the client sees. */
export class HandshakeError extends Error {}

export async function authenticateHandshake(
  request: IncomingMessage,
  auth: unknown,
  options: HandshakeOptions,
): Promise<SocketData> {
  const parsed = handshakeAuthSchema.safeParse(auth ?? {});
  if (!parsed.success) throw new HandshakeError("unauthenticated");
  const locale = parsed.data.locale ?? pickLocale(request.headers["accept-language"]);

  if (parsed.data.token) {
    const claims = verifyChatToken(options.tokenSecret, parsed.data.token);
    if (!claims) throw new HandshakeError("invalid_chat_token");
    const principal = { kind: "contact" as const, organisationId: claims.organisationId, pseudonym: claims.pseudonym, name: claims.name };
    if (claims.sessionKey) {
      // Bound to the minting session: a token copied before logout is worthless afterwards.
      const minting = await loadSessionByKey(options.sessions, claims.sessionKey, { touch: true });
      if (minting.state !== "live") throw new HandshakeError("invalid_chat_token");
      return { locale, principal, sessionKey: claims.sessionKey, sessionCheckedAtMs: nowMs() };
    }
    return { locale, principal, notAfterMs: tokenNotAfterMs(claims.exp, CHAT_LIMITS.chatTokenTtlMs) };
  }

  const session = await loadSession(options.sessions, request.headers.cookie, { touch: true });
  if (session.state !== "live") throw new HandshakeError("unauthenticated");
  const principal = session.record.data.principal;
  if (!principal) throw new HandshakeError("unauthenticated");
  let realtime: RealtimePrincipal;
  if (principal.type === "contact") {
    realtime = { kind: "contact", organisationId: effectiveOrganisationId(principal), pseudonym: principal.ehPseudonym, name: principal.name };
  } else {
    const agent = await findAgentProfile(principal.agentId);
    if (!agent || agent.disabledAt) throw new HandshakeError("unauthenticated");
    realtime = { kind: "agent", agentId: principal.agentId, role: agent.role, name: agent.displayName };
  }
  return { locale, principal: realtime, sessionKey: session.key, sessionCheckedAtMs: nowMs() };
}
