/**
 * Balie's own small session middleware (not express-session: we need clock-driven idle/absolute expiry,
 * rotation at login and link, and a store keyed by sha256(id)).
 *
 * Cookie `balie.sid`: httpOnly, SameSite=Lax, Secure in production, path `/`, no Max-Age (browser session).
 * A session exists only once something is stored (`update`, `rotate`). An anonymous visitor who only needs a CSRF
 * token gets none: the token is an HMAC of a random nonce in the `balie.pre` cookie, checked without any store
 * (so 2,000 anonymous page loads store nothing). When a session is then created, it keeps that token, so the page
 * does not have to fetch a new one. Every request with a live session refreshes its idle timer. Expired sessions are destroyed on sight and `req.session.expired` is
 * set, so routes can answer "uw sessie is verlopen".
 */
import type { RequestHandler, Response } from "express";
import { nowMs } from "../../infra/clock.js";
import { IDENTITY_LIMITS, SESSION_COOKIE } from "../../contracts/api/auth.js";
import { createHmac } from "node:crypto";
import { randomToken, sha256 } from "../../modules/identity/secrets.js";
import { announceSessionEnded } from "../../modules/identity/session-ended.js";
import { loadSession, readCookie } from "../../modules/identity/session-loader.js";
import type { SessionData, SessionRecord, SessionStore } from "../../modules/identity/session-store.js";

/** Options of {@link createSessionMiddleware}. */
export interface SessionOptions {
  store: SessionStore;
  /** Adds `Secure` to the cookie (production). */
  secureCookie: boolean;
  /** Idle timeout; default 15 min. */
  idleMs?: number;
  /** Absolute lifetime counted from creation/rotation; default 8 h. */
  absoluteMs?: number;
  /** Key for anonymous CSRF tokens (the session secret). */
  csrfSecret: string;
}

/** Cookie with the nonce of an anonymous visitor's CSRF token. */
export const PRE_SESSION_COOKIE = "balie.pre";

/** The session of one request. */
export class RequestSession {
  private key: string | null;
  private record: SessionRecord | null;
  /** True when the request carried a session cookie whose session had expired (idle or absolute). */
  readonly expired: boolean;

  constructor(
    private readonly options: Required<SessionOptions>,
    private readonly res: Response,
    loaded: { key: string; record: SessionRecord } | null,
    expired: boolean,
    /** The `balie.pre` nonce the request carried, if any. */
    private preNonce: string | null = null,
  ) {
    this.key = loaded?.key ?? null;
    this.record = loaded?.record ?? null;
    this.expired = expired;
  }

  /** The anonymous CSRF token for the request's nonce, or null without one. */
  private get anonymousToken(): string | null {
    return this.preNonce ? createHmac("sha256", this.options.csrfSecret).update(`csrf:${this.preNonce}`).digest("base64url") : null;
  }

  /** sha256 of the session id (the store key), or null without a session. Binds chat tokens to this session. */
  get keyHash(): string | null {
    return this.key;
  }

  /** True when a server-side session exists for this request. */
  get exists(): boolean {
    return this.record !== null;
  }

  /** Current data (read-only snapshot; change it with {@link update}). Anonymous: only the anonymous token. */
  get data(): Readonly<SessionData> {
    return this.record?.data ?? { csrfToken: this.anonymousToken ?? "" };
  }

  /** When the session ends if idle and at the latest (ms), or null without a session. */
  get expiries(): { idleMs: number; absoluteMs: number } | null {
    if (!this.record) return null;
    return {
      idleMs: this.record.lastSeenAtMs + this.options.idleMs,
      absoluteMs: this.record.createdAtMs + this.options.absoluteMs,
    };
  }

  /** Merges `patch` into the data and saves; creates the session (and cookie) when there is none. */
  async update(patch: Partial<SessionData>): Promise<void> {
    if (!this.record || !this.key) {
      // Keep the token the page already holds.
      await this.start({ csrfToken: this.anonymousToken ?? randomToken(), ...patch });
      return;
    }
    this.record = { ...this.record, data: { ...this.record.data, ...patch } };
    await this.options.store.set(this.key, this.record, this.options.idleMs);
  }

  /** The CSRF token: the session's, or an anonymous one (a nonce cookie, nothing stored). */
  async ensureCsrfToken(): Promise<string> {
    if (this.record) return this.record.data.csrfToken;
    if (!this.preNonce) {
      this.preNonce = randomToken(24);
      this.res.cookie(PRE_SESSION_COOKIE, this.preNonce, cookieOptions(this.options.secureCookie));
    }
    return this.anonymousToken!;
  }

  /**
   * New id, new CSRF token, new absolute lifetime; the old id stops working at once. Used at login and link,
   * so an id planted before login (session fixation) is worthless afterwards.
   */
  async rotate(data: Omit<SessionData, "csrfToken">): Promise<void> {
    if (this.key) await this.options.store.destroy(this.key);
    await this.start({ ...data, csrfToken: randomToken() });
  }

  /** Removes the session server-side and clears the cookie. */
  async destroy(): Promise<void> {
    if (this.key) {
      await this.options.store.destroy(this.key);
      // Real-time: sockets authenticated with this session are disconnected (realtime/session-guard.ts).
      announceSessionEnded({ keyHash: this.key, reason: "logout" });
    }
    this.key = null;
    this.record = null;
    // The next anonymous token comes from a fresh nonce: nothing from before the logout stays valid.
    this.preNonce = null;
    this.res.clearCookie(SESSION_COOKIE, cookieOptions(this.options.secureCookie));
  }

  private async start(data: SessionData): Promise<void> {
    const id = randomToken(32);
    const at = nowMs();
    this.key = sha256(id);
    this.record = { data, createdAtMs: at, lastSeenAtMs: at };
    await this.options.store.set(this.key, this.record, this.options.idleMs);
    this.res.cookie(SESSION_COOKIE, id, cookieOptions(this.options.secureCookie));
  }
}

declare module "express-serve-static-core" {
  interface Request {
    /** Set by the session middleware. */
    session: RequestSession;
  }
}

function cookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/" };
}

/** The middleware: sets `req.session` on every request. */
export function createSessionMiddleware(options: SessionOptions): RequestHandler {
  const resolved: Required<SessionOptions> = {
    idleMs: IDENTITY_LIMITS.sessionIdleMs,
    absoluteMs: IDENTITY_LIMITS.sessionAbsoluteMs,
    ...options,
  };
  return async (req, res, next) => {
    try {
      const loaded = await loadSession(resolved.store, req.headers.cookie, { ...resolved, touch: true });
      // A cookie whose session is gone (expired, logged out elsewhere) is cleared, so the browser stops sending it.
      if (loaded.state !== "live" && readCookie(req.headers.cookie, SESSION_COOKIE)) res.clearCookie(SESSION_COOKIE, cookieOptions(resolved.secureCookie));
      req.session = new RequestSession(
        resolved,
        res,
        loaded.state === "live" ? { key: loaded.key, record: loaded.record } : null,
        loaded.state === "expired",
        preNonceOf(req.headers.cookie),
      );
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** The `balie.pre` nonce from a Cookie header, when it has the shape we issue. */
function preNonceOf(cookieHeader: string | undefined): string | null {
  const nonce = readCookie(cookieHeader, PRE_SESSION_COOKIE);
  return nonce && /^[A-Za-z0-9_-]{16,64}$/.test(nonce) ? nonce : null;
}
