/**
 * "Document naar de helpdesk sturen": a contact person uploads a document for their organisation (or, from a
 * board, for one of its schools). The file is checked and stored (upload-receiver), then the archive item and a
 * portal contact moment are written. Without transactions these are two single-document inserts, item first:
 * a failure in between leaves an item without its timeline entry, never a timeline entry pointing nowhere.
 */
import type { Request } from "express";
import { Types } from "mongoose";
import { archiveUploadFieldsSchema, HISTORY_LIMITS, type ArchiveItemView } from "../../../contracts/api/history.js";
import { now } from "../../../infra/clock.js";
import { contactMomentRecorder } from "../../contact-moments/commands/contact-moment-recorder.js";
import { recordArchiveAudit, type ArchiveAuditContext } from "../archive-audit.js";
import { ArchiveItemModel } from "../archive-item.model.js";
import { presentArchiveItem } from "../archive.presenter.js";
import { receiveUpload } from "../upload-receiver.js";

/** Props of {@link archiveUploader}. */
export interface ArchiveUploaderProps {
  /** The multipart request (fields `subject`, optional `note`, and `file`). */
  req: Request;
  organisationId: string;
  /** Name of the person sending, as shown in the archive. */
  senderName: string;
  audit: ArchiveAuditContext;
}

export async function archiveUploader(props: ArchiveUploaderProps): Promise<ArchiveItemView> {
  const { fields, file } = await receiveUpload(props.req, {
    fields: archiveUploadFieldsSchema,
    maxBytes: HISTORY_LIMITS.uploadMaxBytes,
    metadata: { organisationId: props.organisationId, direction: "to_helpdesk" },
  });
  const sentAt = now();
  const item = await ArchiveItemModel.create({
    organisationId: new Types.ObjectId(props.organisationId),
    direction: "to_helpdesk",
    kind: "document",
    subject: fields.subject,
    body: fields.note || null,
    file,
    sentAt,
    sentBy: { name: props.senderName || "Contactpersoon" },
  });
  await contactMomentRecorder({
    organisationId: props.organisationId,
    channel: "portal",
    direction: "in",
    subject: fields.subject,
    summary: `Document naar de helpdesk gestuurd: ${file.filename}.`,
    contactName: props.senderName || null,
    startedAt: sentAt,
    archiveItemId: item._id,
  });
  await recordArchiveAudit("archive_uploaded", props.audit, { organisationId: props.organisationId, itemId: String(item._id), kind: "document" });
  return presentArchiveItem(item.toObject());
}
