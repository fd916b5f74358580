/**
 * eHerkenning links (koppelingen): one eHerkenning identity (pseudonym + KvK) tied to one portal account.
 * One identity may be linked to several accounts ("Account toevoegen"); one account may have links from several
 * people. Removed by an agent or the gemachtigde (lost/stolen means) or by the stale-link job after 18 months.
 */
import mongoose, { Schema, type Model, type Types } from "mongoose";

export interface EherkenningLink {
  _id: Types.ObjectId;
  /** ActingSubjectID: the broker's pseudonym for the person. */
  pseudonym: string;
  /** LegalSubjectID: KvK number of the organisation the person acted for at the broker. */
  kvk: string;
  /** Name as released by the broker (may be empty). */
  name: string;
  accountId: Types.ObjectId;
  organisationId: Types.ObjectId;
  /** The personal e-mail address the PIN went to. */
  email: string;
  /**
   * The contact person this link speaks for, set once when the link is made (the contact whose e-mail address
   * the PIN proved). Whether the person is gemachtigde follows that contact's roles — never a later e-mail match,
   * because contact e-mail addresses are editable. Null: the person is no contact person of the organisation.
   */
  contactId: Types.ObjectId | null;
  linkedAt: Date;
  lastUsedAt: Date;
}

const linkSchema = new Schema<EherkenningLink>(
  {
    pseudonym: { type: String, required: true },
    kvk: { type: String, required: true },
    name: { type: String, default: "" },
    accountId: { type: Schema.Types.ObjectId, required: true },
    organisationId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true, lowercase: true, trim: true },
    contactId: { type: Schema.Types.ObjectId, default: null },
    linkedAt: { type: Date, required: true },
    lastUsedAt: { type: Date, required: true },
  },
  { collection: "eherkenningLinks", versionKey: false },
);
linkSchema.index({ pseudonym: 1, kvk: 1, accountId: 1 }, { unique: true });
linkSchema.index({ organisationId: 1 });
linkSchema.index({ lastUsedAt: 1 });

export const EherkenningLinkModel: Model<EherkenningLink> =
  (mongoose.models.EherkenningLink as Model<EherkenningLink> | undefined) ??
  mongoose.model<EherkenningLink>("EherkenningLink", linkSchema);
