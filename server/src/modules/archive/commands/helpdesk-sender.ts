/**
 * The helpdesk puts an e-mail or a document in an organisation's Digitaal archief: the archive item, an
 * outgoing contact moment pointing at it, and a notification mail to the organisation's gemachtigde(n).
 */
import type { Request } from "express";
import { Types } from "mongoose";
import { helpdeskDocumentFieldsSchema, HISTORY_LIMITS, type HelpdeskSendResponse } from "../../../contracts/api/history.js";
import { AppError } from "../../../contracts/errors.js";
import { now } from "../../../infra/clock.js";
import { AgentModel } from "../../agents/agent.model.js";
import { contactMomentRecorder } from "../../contact-moments/commands/contact-moment-recorder.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import { recordArchiveAudit, type ArchiveAuditContext } from "../archive-audit.js";
import { ArchiveItemModel, type FileRef } from "../archive-item.model.js";
import { notifyNewArchiveItem } from "../archive-notifier.js";
import { presentArchiveItem } from "../archive.presenter.js";
import { receiveUpload } from "../upload-receiver.js";

interface Item {
  organisationId: string;
  agentId: string;
  kind: "email" | "document";
  subject: string;
  body: string | null;
  file: FileRef | null;
  audit: ArchiveAuditContext;
}

async function send(props: Item): Promise<HelpdeskSendResponse> {
  const [org, agent] = await Promise.all([
    OrganisationModel.findById(props.organisationId).select({ name: 1, code: 1, contacts: 1 }).lean().exec(),
    AgentModel.findById(props.agentId).select({ displayName: 1 }).lean().exec(),
  ]);
  if (!org) throw new AppError("not_found", { detail: "organisation" });
  const sentAt = now();
  const item = await ArchiveItemModel.create({
    organisationId: new Types.ObjectId(props.organisationId),
    direction: "from_helpdesk",
    kind: props.kind,
    subject: props.subject,
    body: props.body,
    file: props.file,
    sentAt,
    sentBy: { name: agent?.displayName ?? "Helpdesk primair onderwijs", agentId: new Types.ObjectId(props.agentId) },
  });
  await contactMomentRecorder({
    organisationId: props.organisationId,
    channel: props.kind === "email" ? "email" : "portal",
    direction: "out",
    subject: props.subject,
    summary: props.kind === "email" ? "E-mail in het Digitaal archief gezet." : `Document in het Digitaal archief gezet: ${props.file?.filename ?? ""}.`,
    agentId: props.agentId,
    startedAt: sentAt,
    archiveItemId: item._id,
  });
  await recordArchiveAudit("archive_sent", props.audit, { organisationId: props.organisationId, itemId: String(item._id), kind: props.kind });
  const notification = await notifyNewArchiveItem(org);
  return { item: presentArchiveItem(item.toObject()), notification };
}

/** Props of {@link helpdeskEmailSender}. */
export interface HelpdeskEmailSenderProps {
  organisationId: string;
  agentId: string;
  subject: string;
  /** Plain text. */
  body: string;
  audit: ArchiveAuditContext;
}

/** An e-mail from the helpdesk into the archive. */
export function helpdeskEmailSender(props: HelpdeskEmailSenderProps): Promise<HelpdeskSendResponse> {
  return send({ organisationId: props.organisationId, agentId: props.agentId, kind: "email", subject: props.subject, body: props.body, file: null, audit: props.audit });
}

/** Props of {@link helpdeskDocumentSender}. */
export interface HelpdeskDocumentSenderProps {
  /** Multipart request: `subject`, optional `note`, `file`. */
  req: Request;
  organisationId: string;
  agentId: string;
  audit: ArchiveAuditContext;
}

/** A document from the helpdesk into the archive (same type and size rules as a school's upload). */
export async function helpdeskDocumentSender(props: HelpdeskDocumentSenderProps): Promise<HelpdeskSendResponse> {
  const { fields, file } = await receiveUpload(props.req, {
    fields: helpdeskDocumentFieldsSchema,
    maxBytes: HISTORY_LIMITS.uploadMaxBytes,
    metadata: { organisationId: props.organisationId, direction: "from_helpdesk", agentId: props.agentId },
  });
  return send({ organisationId: props.organisationId, agentId: props.agentId, kind: "document", subject: fields.subject, body: fields.note || null, file, audit: props.audit });
}
