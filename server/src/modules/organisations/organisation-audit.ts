/**
 * Audit entries for changes made on "Mijn gegevens" (organisation details, contact persons, news). They record
 * who changed what for which organisation and the NAMES of the changed fields, never their values (addresses,
 * e-mail addresses and phone numbers are personal data).
 */
import type { Types } from "mongoose";
import type { AuditActor, AuditEventType } from "../audit/audit-event.model.js";
import { recordAudit } from "../audit/record-audit.js";
import type { OrganisationAccess } from "../../http/organisation-access.js";
import type { SessionPrincipal } from "../identity/session-store.js";

/** The event types written here. */
export type OrganisationAuditType = Extract<
  AuditEventType,
  "organisation_updated" | "contact_added" | "contact_updated" | "contact_removed" | "gemachtigde_granted" | "gemachtigde_revoked" | "news_published" | "news_updated" | "news_withdrawn"
>;

/** The audit actor for a session principal. */
export function auditActor(principal: SessionPrincipal): AuditActor {
  return principal.type === "agent" ? { type: "agent", id: principal.agentId } : { type: "contact", id: principal.ehPseudonym };
}

/** Audit facts of how the principal reached the organisation: `{ via: "own" | "board" | "agent", boardId? }`. */
export function accessFacts(access: OrganisationAccess | null | undefined): Record<string, unknown> {
  if (!access) return {};
  return access.via === "board" ? { via: "board", boardId: access.boardId } : { via: access.via };
}

/** Props of {@link recordOrganisationAudit}. */
export interface RecordOrganisationAuditProps {
  type: OrganisationAuditType;
  principal: SessionPrincipal;
  organisationId?: Types.ObjectId | string | null;
  ip?: string | null | undefined;
  /** Facts without personal data: `{ fields: ["phone"], contactId, via: "board" }`. */
  data?: Record<string, unknown>;
}

/** Appends one audit entry; rejects when the write fails (the change itself has already happened). */
export async function recordOrganisationAudit(props: RecordOrganisationAuditProps): Promise<void> {
  await recordAudit({
    type: props.type,
    actor: auditActor(props.principal),
    organisationId: props.organisationId ?? null,
    ip: props.ip ?? null,
    ...(props.data ? { data: props.data } : {}),
  });
}
