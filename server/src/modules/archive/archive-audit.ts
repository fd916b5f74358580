/**
 * Audit entries for the Digitaal archief: who sent or downloaded which item of which organisation, how they
 * reached it (own, via the board, helpdesk) and from where. Only the item's id and kind: never the file's
 * content, name or subject, which may hold personal data.
 */
import type { OrganisationAccess } from "../../http/organisation-access.js";
import { recordAudit } from "../audit/record-audit.js";
import type { SessionPrincipal } from "../identity/session-store.js";
import { accessFacts, auditActor } from "../organisations/organisation-audit.js";

/** Who acts, as the route knows it; passed to the archive's commands. */
export interface ArchiveAuditContext {
  principal: SessionPrincipal;
  access: OrganisationAccess | null;
  ip: string | undefined;
}

/** Appends one archive audit entry; rejects when the write fails. */
export async function recordArchiveAudit(
  type: "archive_uploaded" | "archive_downloaded" | "archive_sent",
  context: ArchiveAuditContext,
  item: { organisationId: string; itemId: string; kind: "email" | "document" },
): Promise<void> {
  await recordAudit({
    type,
    actor: auditActor(context.principal),
    organisationId: item.organisationId,
    ip: context.ip ?? null,
    data: { itemId: item.itemId, kind: item.kind, ...accessFacts(context.access) },
  });
}
