/**
 * Digitaal archief: documents and e-mails exchanged between an organisation and the helpdesk, both ways.
 * File contents live in GridFS (bucket {@link ARCHIVE_BUCKET}); an item holds a reference to its file.
 */
import mongoose, { Schema, type HydratedDocument, type Model, type Types } from "mongoose";
import { now } from "../../infra/clock.js";

/** GridFS bucket name for archive (and evaluation) files: collections `archive.files` and `archive.chunks`. */
export const ARCHIVE_BUCKET = "archive";

export const ARCHIVE_DIRECTIONS = ["to_helpdesk", "from_helpdesk"] as const;
export type ArchiveDirection = (typeof ARCHIVE_DIRECTIONS)[number];
export const ARCHIVE_KINDS = ["document", "email"] as const;
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

/** Reference to a file stored in GridFS. */
export interface FileRef {
  /** `_id` of the GridFS file in bucket {@link ARCHIVE_BUCKET}. */
  fileId: Types.ObjectId;
  /** Name offered on download. */
  filename: string;
  /** Content type established by sniffing at upload, served as-is with `nosniff`. */
  contentType: string;
  /** Bytes. */
  size: number;
}

/** Who sent an archive item: an agent, a contact person, or the helpdesk as a whole (name only). */
export interface ArchiveSender {
  name: string;
  agentId?: Types.ObjectId | null;
  /** The embedded contact person's `_id` in the organisation document. */
  contactId?: Types.ObjectId | null;
}

export interface ArchiveItem {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  direction: ArchiveDirection;
  kind: ArchiveKind;
  subject: string;
  /** Plain-text body of an e-mail (never rendered as HTML); a short note for a document. */
  body?: string | null;
  /** The document, or an e-mail's attachment. */
  file?: FileRef | null;
  sentAt: Date;
  sentBy: ArchiveSender;
  createdAt: Date;
  updatedAt: Date;
}

export type ArchiveItemDocument = HydratedDocument<ArchiveItem>;
export type ArchiveItemModel = Model<ArchiveItem>;

/** Reusable sub-schema for a GridFS file reference (archive items, evaluations). */
export const fileRefSchema = new Schema<FileRef>(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true, trim: true, maxlength: 255 },
    contentType: { type: String, required: true, maxlength: 120 },
    size: { type: Number, required: true, min: 0 },
  },
  { _id: false },
);

const archiveItemSchema = new Schema<ArchiveItem, ArchiveItemModel>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: "Organisation", required: true },
    direction: { type: String, enum: ARCHIVE_DIRECTIONS, required: true },
    kind: { type: String, enum: ARCHIVE_KINDS, required: true },
    subject: { type: String, required: true, trim: true, maxlength: 200 },
    body: { type: String, maxlength: 50_000 },
    file: { type: fileRefSchema, default: null },
    sentAt: { type: Date, required: true },
    sentBy: {
      type: new Schema<ArchiveSender>(
        {
          name: { type: String, required: true, trim: true, maxlength: 120 },
          agentId: { type: Schema.Types.ObjectId, ref: "Agent" },
          contactId: { type: Schema.Types.ObjectId },
        },
        { _id: false },
      ),
      required: true,
    },
  },
  { collection: "archive_items", versionKey: false, timestamps: { currentTime: () => now() } },
);

/** Newest first per organisation, keyset-paged. */
archiveItemSchema.index({ organisationId: 1, sentAt: -1, _id: -1 });

/** The archive items model. */
export const ArchiveItemModel: ArchiveItemModel =
  (mongoose.models.ArchiveItem as ArchiveItemModel | undefined) ??
  mongoose.model<ArchiveItem, ArchiveItemModel>("ArchiveItem", archiveItemSchema);
