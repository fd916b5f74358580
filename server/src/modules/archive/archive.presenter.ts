/** Archive items and file references as the API shows them. */
import { historyPaths, type ArchiveItemDetail, type ArchiveItemView } from "../../contracts/api/history.js";
import type { ArchiveItem, FileRef } from "./archive-item.model.js";

/** An item as read with `lean()`. */
export type ArchiveItemRow = Pick<ArchiveItem, "_id" | "organisationId" | "direction" | "kind" | "subject" | "body" | "file" | "sentAt" | "sentBy">;

/** A file reference with the URL that downloads it. */
export function presentFile(file: FileRef | null | undefined, downloadUrl: string) {
  return file ? { filename: file.filename, contentType: file.contentType, size: file.size, downloadUrl } : null;
}

export function presentArchiveItem(item: ArchiveItemRow): ArchiveItemView {
  const orgId = String(item.organisationId);
  const id = String(item._id);
  return {
    id,
    organisationId: orgId,
    direction: item.direction,
    kind: item.kind,
    subject: item.subject,
    sentAt: item.sentAt.toISOString(),
    sentBy: item.sentBy.name,
    hasText: Boolean(item.body),
    file: presentFile(item.file, historyPaths.archiveFile(orgId, id)),
  };
}

export function presentArchiveItemDetail(item: ArchiveItemRow): ArchiveItemDetail {
  return { ...presentArchiveItem(item), text: item.body ?? null };
}
