/**
 * Contact moments (contactmomenten): one contact between the helpdesk and an organisation, on any channel.
 * Together they form the "Ondersteuning en contact" timeline of a school, and, per school, of its board.
 */
import mongoose, { Schema, type HydratedDocument, type Model, type Types } from "mongoose";
import { now } from "../../infra/clock.js";

/** chat, telefoon, e-mail, brief, portaal. */
export const CONTACT_CHANNELS = ["chat", "phone", "email", "letter", "portal"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
/** `in`: the organisation contacted the helpdesk; `out`: the helpdesk contacted the organisation. */
export const CONTACT_DIRECTIONS = ["in", "out"] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];

export interface ContactMomentLinks {
  /** The archive item (e-mail or letter) this moment is about. */
  archiveItemId?: Types.ObjectId | null;
  /** The chat conversation whose transcript this moment summarises. */
  conversationId?: Types.ObjectId | null;
}

export interface ContactMoment {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  /**
   * The organisation's board, copied at write time (schools do not change boards in Balie), so a board's
   * history over all its schools is one index range instead of an `$in` over every school.
   */
  boardId?: Types.ObjectId | null;
  channel: ContactChannel;
  direction: ContactDirection;
  subject: string;
  /** What was asked and answered, written by the agent; visible to the organisation. */
  summary: string;
  /** The agent who handled it; null for moments without one (a portal message, an unserved chat). */
  agentId?: Types.ObjectId | null;
  /** The person at the organisation, as a name (contact persons come and go; history must not). */
  contactName?: string | null;
  /** The embedded contact person's `_id`, when known. */
  contactId?: Types.ObjectId | null;
  startedAt: Date;
  /** End of a call or chat; absent for e-mails, letters and portal messages. */
  endedAt?: Date | null;
  links: ContactMomentLinks;
  /** The organisation asked to be called back (set on unserved chats at closing time, or by the agent). */
  callbackRequested: boolean;
  /** A chat the school ended before the agent wrote its summary: the console asks for it until it is there. */
  summaryPending?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type ContactMomentDocument = HydratedDocument<ContactMoment>;
export type ContactMomentModel = Model<ContactMoment>;

const contactMomentSchema = new Schema<ContactMoment, ContactMomentModel>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: "Organisation", required: true },
    boardId: { type: Schema.Types.ObjectId, ref: "Organisation", default: null },
    channel: { type: String, enum: CONTACT_CHANNELS, required: true },
    direction: { type: String, enum: CONTACT_DIRECTIONS, required: true },
    subject: { type: String, required: true, trim: true, maxlength: 200 },
    summary: { type: String, required: true, trim: true, maxlength: 5000 },
    agentId: { type: Schema.Types.ObjectId, ref: "Agent", default: null },
    contactName: { type: String, trim: true, maxlength: 120 },
    contactId: { type: Schema.Types.ObjectId, default: null },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    links: {
      type: new Schema<ContactMomentLinks>(
        {
          archiveItemId: { type: Schema.Types.ObjectId, ref: "ArchiveItem" },
          conversationId: { type: Schema.Types.ObjectId },
        },
        { _id: false },
      ),
      default: () => ({}),
    },
    callbackRequested: { type: Boolean, required: true, default: false },
    summaryPending: { type: Boolean, default: false },
  },
  { collection: "contact_moments", versionKey: false, timestamps: { currentTime: () => now() } },
);

/** Keyset paging of one organisation's timeline: `startedAt < t OR (startedAt = t AND _id < id)`. */
contactMomentSchema.index({ organisationId: 1, startedAt: -1, _id: -1 });
/** The same for a board's view over all its schools. */
contactMomentSchema.index({ boardId: 1, startedAt: -1, _id: -1 });

/** The contact moments model. */
export const ContactMomentModel: ContactMomentModel =
  (mongoose.models.ContactMoment as ContactMomentModel | undefined) ??
  mongoose.model<ContactMoment, ContactMomentModel>("ContactMoment", contactMomentSchema);
