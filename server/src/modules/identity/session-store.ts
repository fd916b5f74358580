/**
 * Server-side session storage behind one small interface: MongoDB collection `sessions` by default, Redis when
 * configured. Records are keyed by sha256(session id), so a database dump does not hand out live cookies.
 * Expiry (idle 15 min, absolute 8 h) is decided by `session-loader.ts` against `clock.nowMs()`; the store's
 * own TTL (Mongo TTL index / Redis EXPIRE) only cleans up, with a margin.
 */
import mongoose, { Schema, type Model } from "mongoose";
import type { Principal } from "../../contracts/api/auth.js";

/** Contact principal as stored (ids as strings). Presentation adds names and codes. */
export interface ContactSessionPrincipal {
  type: "contact";
  ehPseudonym: string;
  kvk: string;
  name: string;
  /** Organisation ids of the linked accounts. */
  accounts: string[];
  activeOrganisationId: string;
  /** A school the active board account acts for. */
  actingForSchoolId?: string | null;
  /**
   * False right after logging in with several accounts, until the person picks one: the active account is then
   * only a default, and the account chooser must not call it "huidig". Absent means chosen.
   */
  accountChosen?: boolean;
}

export interface AgentSessionPrincipal {
  type: "agent";
  agentId: string;
  role: "agent" | "supervisor";
}

export type SessionPrincipal = ContactSessionPrincipal | AgentSessionPrincipal;

/**
 * The organisation id a contact works for right now (a board acting for a school → the school). Portal routes
 * and the chat scope every query to it.
 */
export function effectiveOrganisationId(p: ContactSessionPrincipal): string {
  return p.actingForSchoolId ?? p.activeOrganisationId;
}

/** eHerkenning identity waiting to be linked, and the PIN step's state. */
export interface PendingLinkState {
  pseudonym: string;
  kvk: string;
  name: string;
  /** Set once a PIN was mailed. */
  pinId?: string | null;
  emailMasked?: string | null;
  pinExpiresAtMs?: number | null;
}

/** OIDC state between /auth/eherkenning/start and the callback. */
export interface OidcState {
  state: string;
  nonce: string;
  codeVerifier: string;
  intent: "login" | "add";
}

/** Everything kept in a session. */
export interface SessionData {
  csrfToken: string;
  principal?: SessionPrincipal | null;
  pendingLink?: PendingLinkState | null;
  oidc?: OidcState | null;
}

/** A stored session. */
export interface SessionRecord {
  data: SessionData;
  createdAtMs: number;
  lastSeenAtMs: number;
}

/** The store interface (Mongo or Redis). */
export interface SessionStore {
  get(key: string): Promise<SessionRecord | null>;
  /** Creates or replaces. `cleanupAfterMs`: the store may forget the record after this long. */
  set(key: string, record: SessionRecord, cleanupAfterMs: number): Promise<void>;
  /** Updates lastSeen only. */
  touch(key: string, lastSeenAtMs: number, cleanupAfterMs: number): Promise<void>;
  destroy(key: string): Promise<void>;
  /** Removes every session of a principal (e.g. after unlink); returns how many. */
  destroyWhere?(predicate: { agentId?: string; ehPseudonym?: string }): Promise<number>;
}

interface SessionDoc {
  _id: string;
  data: SessionData;
  createdAtMs: number;
  lastSeenAtMs: number;
  /** Cleanup only: the TTL index removes the document after this moment (real time). */
  expiresAt: Date;
}

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String },
    data: { type: Schema.Types.Mixed, required: true },
    createdAtMs: { type: Number, required: true },
    lastSeenAtMs: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: "sessions", versionKey: false, minimize: false },
);
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
sessionSchema.index({ "data.principal.ehPseudonym": 1 });

export const SessionModel: Model<SessionDoc> =
  (mongoose.models.Session as Model<SessionDoc> | undefined) ?? mongoose.model<SessionDoc>("Session", sessionSchema);

/** Sessions in MongoDB. */
export function mongoSessionStore(): SessionStore {
  // The TTL margin is generous: the clock that decides expiry may be a test's ManualClock, the TTL monitor uses
  // real time, and a record must never vanish before the middleware would have expired it.
  const cleanupAt = (lastSeenAtMs: number, ms: number) => new Date(Math.max(lastSeenAtMs, Date.now()) + ms + 3_600_000);
  return {
    async get(key) {
      const doc = await SessionModel.findById(key).lean().exec();
      return doc ? { data: doc.data, createdAtMs: doc.createdAtMs, lastSeenAtMs: doc.lastSeenAtMs } : null;
    },
    async set(key, record, cleanupAfterMs) {
      await SessionModel.replaceOne(
        { _id: key },
        { _id: key, ...record, expiresAt: cleanupAt(record.lastSeenAtMs, cleanupAfterMs) },
        { upsert: true },
      ).exec();
    },
    async touch(key, lastSeenAtMs, cleanupAfterMs) {
      await SessionModel.updateOne({ _id: key }, { $set: { lastSeenAtMs, expiresAt: cleanupAt(lastSeenAtMs, cleanupAfterMs) } }).exec();
    },
    async destroy(key) {
      await SessionModel.deleteOne({ _id: key }).exec();
    },
    async destroyWhere(predicate) {
      const filter: Record<string, string> = {};
      if (predicate.agentId) filter["data.principal.agentId"] = predicate.agentId;
      if (predicate.ehPseudonym) filter["data.principal.ehPseudonym"] = predicate.ehPseudonym;
      if (Object.keys(filter).length === 0) return 0;
      const result = await SessionModel.deleteMany(filter).exec();
      return result.deletedCount ?? 0;
    },
  };
}

export type { Principal };
