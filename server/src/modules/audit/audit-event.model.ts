/**
 * Audit log of identity events (login, failed attempt, block, link, unlink, logout, …), changes to an
 * organisation's details and news, and archive uploads and downloads: who, when, for which organisation. Never secrets: no passwords, PINs, activation codes, tokens or session ids.
 */
import mongoose, { Schema, type Model, type Types } from "mongoose";

export const AUDIT_EVENT_TYPES = [
  "login",
  "login_failed",
  "blocked",
  "link_requested",
  "link",
  "unlink",
  "stale_unlink",
  "logout",
  "switch",
  "assurance_too_low",
  "password_reset_requested",
  "password_reset",
  "session_expired",
  "activation_code_issued",
  "organisation_updated",
  "contact_added",
  "contact_updated",
  "contact_removed",
  "gemachtigde_granted",
  "gemachtigde_revoked",
  "news_published",
  "news_updated",
  "news_withdrawn",
  "archive_uploaded",
  "archive_downloaded",
  "archive_sent",
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Who did it. `contact` ids are eHerkenning pseudonyms; `system` is a job. */
export interface AuditActor {
  type: "contact" | "agent" | "anonymous" | "system";
  id?: string | null;
}

export interface AuditEvent {
  _id: Types.ObjectId;
  type: AuditEventType;
  at: Date;
  actor: AuditActor;
  organisationId?: Types.ObjectId | null;
  /** Client IP as Express sees it (trust proxy decides). */
  ip?: string | null;
  /** Non-secret facts: `{ reason: "invalid_pin", variant: "activation" }`. */
  data?: Record<string, unknown> | null;
}

const auditEventSchema = new Schema<AuditEvent>(
  {
    type: { type: String, enum: AUDIT_EVENT_TYPES, required: true },
    at: { type: Date, required: true },
    actor: {
      type: { type: String, enum: ["contact", "agent", "anonymous", "system"], required: true },
      id: { type: String, default: null },
    },
    organisationId: { type: Schema.Types.ObjectId, default: null },
    ip: { type: String, default: null },
    data: { type: Schema.Types.Mixed, default: null },
  },
  { collection: "auditEvents", versionKey: false },
);
auditEventSchema.index({ organisationId: 1, at: -1 });
auditEventSchema.index({ type: 1, at: -1 });

export const AuditEventModel: Model<AuditEvent> =
  (mongoose.models.AuditEvent as Model<AuditEvent> | undefined) ?? mongoose.model<AuditEvent>("AuditEvent", auditEventSchema);
