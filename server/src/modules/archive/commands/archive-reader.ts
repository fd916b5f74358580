/**
 * Reading the Digitaal archief: a keyset page (newest first), one item with its text, one item's file.
 * An item is only found through its own organisation: an id from another organisation is 404.
 */
import { Types } from "mongoose";
import type { ArchiveItemDetail, ArchivePage } from "../../../contracts/api/history.js";
import { AppError } from "../../../contracts/errors.js";
import { decodeCursor, keysetFilter, keysetSort, pageOf } from "../../contact-moments/keyset.js";
import { recordArchiveAudit, type ArchiveAuditContext } from "../archive-audit.js";
import { ArchiveItemModel, type FileRef } from "../archive-item.model.js";
import { presentArchiveItem, presentArchiveItemDetail, type ArchiveItemRow } from "../archive.presenter.js";

/** Props of {@link archiveLister}. */
export interface ArchiveListerProps {
  organisationId: string;
  cursor?: string | undefined;
  limit: number;
}

/** One page of the archive, documents and e-mails both ways, newest first. */
export async function archiveLister(props: ArchiveListerProps): Promise<ArchivePage> {
  const after = props.cursor ? decodeCursor(props.cursor) : null;
  const rows = await ArchiveItemModel.find({ organisationId: new Types.ObjectId(props.organisationId), ...keysetFilter("sentAt", {}, after) })
    .sort(keysetSort("sentAt"))
    .limit(props.limit + 1)
    .lean<ArchiveItemRow[]>()
    .exec();
  const page = pageOf(rows, props.limit, (r) => r.sentAt);
  return { items: page.rows.map(presentArchiveItem), nextCursor: page.nextCursor };
}

/** Props of {@link archiveItemReader} and {@link archiveFileDownloader}. */
export interface ArchiveItemProps {
  organisationId: string;
  itemId: string;
}

async function findItem(props: ArchiveItemProps): Promise<ArchiveItemRow> {
  const item = await ArchiveItemModel.findOne({ _id: new Types.ObjectId(props.itemId), organisationId: new Types.ObjectId(props.organisationId) })
    .lean<ArchiveItemRow>()
    .exec();
  if (!item) throw new AppError("not_found", { detail: "archive item" });
  return item;
}

/** One item with its text (an e-mail's body). */
export async function archiveItemReader(props: ArchiveItemProps): Promise<ArchiveItemDetail> {
  return presentArchiveItemDetail(await findItem(props));
}

/** The file of one item to download, with an audit entry; 404 when the item has none. */
export async function archiveFileDownloader(props: ArchiveItemProps & { audit: ArchiveAuditContext }): Promise<FileRef> {
  const item = await findItem(props);
  if (!item.file) throw new AppError("not_found", { detail: "archive item without file" });
  await recordArchiveAudit("archive_downloaded", props.audit, { organisationId: props.organisationId, itemId: props.itemId, kind: item.kind });
  return item.file;
}
