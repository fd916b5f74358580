/**
 * Chat tokens: for `<hd-chat>` on a page outside the portal, where the session cookie does not travel. A token
 * names the person (pseudonym, name) and the organisation they act for, expires after 5 minutes, and is signed
 * with HMAC-SHA256 under SESSION_SECRET: `base64url(json).base64url(mac)`. Only the handshake accepts it.
 *
 * Lifetime of a token-authenticated socket: the 5 minutes bound the handshake only. The token also names the
 * portal session that minted it (`s`: the session's store key, sha256 of the id — not a usable cookie), and the
 * socket is bound to that session exactly like a cookie socket: refused at the handshake when that session is no
 * longer live, disconnected when it ends (logout, expiry, link revoked → `session.ended`), and re-checked on
 * inbound commands (realtime/session-guard.ts). Tokens without `s` (benchmarks, scripts) are bounded by the
 * person's revocation (`session.ended` by pseudonym) and by an absolute cap of one session lifetime (8 h).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { CHAT_LIMITS } from "../../contracts/realtime.js";
import { nowMs } from "../../infra/clock.js";

/** What a token says. */
export interface ChatTokenClaims {
  organisationId: string;
  pseudonym: string;
  name: string;
  /** Store key (sha256 of the id) of the portal session that minted the token; the socket lives and dies with it. */
  sessionKey?: string | undefined;
  /** Expiry, ms since the epoch. */
  exp: number;
}

const mac = (secret: string, body: string) => createHmac("sha256", `chat-token:${secret}`).update(body).digest();

/** Signs a token valid for {@link CHAT_LIMITS.chatTokenTtlMs}. */
export function signChatToken(secret: string, claims: Omit<ChatTokenClaims, "exp">): { token: string; expiresAt: Date } {
  const exp = nowMs() + CHAT_LIMITS.chatTokenTtlMs;
  const body = Buffer.from(
    JSON.stringify({ o: claims.organisationId, p: claims.pseudonym, n: claims.name, e: exp, ...(claims.sessionKey ? { s: claims.sessionKey } : {}) }),
  ).toString("base64url");
  return { token: `${body}.${mac(secret, body).toString("base64url")}`, expiresAt: new Date(exp) };
}

/**
 * The claims of a valid, unexpired token; null otherwise. `secrets` is the current secret and, during a rotation,
 * the previous ones (`SESSION_SECRET_PREVIOUS`): a token signed with any of them verifies.
 */
export function verifyChatToken(secrets: string | readonly string[], token: string): ChatTokenClaims | null {
  const dot = token.indexOf(".");
  if (dot <= 0 || token.length > 2000) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const signedByOne = (typeof secrets === "string" ? [secrets] : secrets).some((secret) => {
    const expected = mac(secret, body);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!signedByOne) return null;
  try {
    const c = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { o?: unknown; p?: unknown; n?: unknown; e?: unknown; s?: unknown };
    if (typeof c.o !== "string" || typeof c.p !== "string" || typeof c.n !== "string" || typeof c.e !== "number") return null;
    if (c.s !== undefined && typeof c.s !== "string") return null;
    if (c.e <= nowMs()) return null;
    return { organisationId: c.o, pseudonym: c.p, name: c.n, exp: c.e, ...(typeof c.s === "string" ? { sessionKey: c.s } : {}) };
  } catch {
    return null;
  }
}
