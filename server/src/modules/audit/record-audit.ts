import { Types } from "mongoose";
import { now } from "../../infra/clock.js";
import { AuditEventModel, type AuditActor, type AuditEventType } from "./audit-event.model.js";

/** Keys that must never reach the audit log, even by accident. */
const FORBIDDEN_KEYS = /pass|pin|code|token|secret|cookie|session/i;

/** Props of {@link recordAudit}. */
export interface RecordAuditProps {
  type: AuditEventType;
  actor: AuditActor;
  /** The organisation the event concerns. */
  organisationId?: Types.ObjectId | string | null;
  ip?: string | null | undefined;
  /** Non-secret facts; keys that look like secrets are dropped. */
  data?: Record<string, unknown>;
}

/** Appends one audit event (time from the clock). Rejects when the write fails. */
export async function recordAudit(props: RecordAuditProps): Promise<void> {
  const data = props.data
    ? Object.fromEntries(Object.entries(props.data).filter(([k, v]) => !FORBIDDEN_KEYS.test(k) && v !== undefined))
    : null;
  await AuditEventModel.create({
    type: props.type,
    at: now(),
    actor: { type: props.actor.type, id: props.actor.id ?? null },
    organisationId: props.organisationId ? new Types.ObjectId(String(props.organisationId)) : null,
    ip: props.ip ?? null,
    data,
  });
}
