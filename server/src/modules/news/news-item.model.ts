/**
 * Nieuws en mededelingen: announcements from the helpdesk, shown on "Mijn gegevens" newest first.
 * Supervisors publish, edit and withdraw them.
 */
import mongoose, { Schema, type HydratedDocument, type Model, type Types } from "mongoose";
import { now } from "../../infra/clock.js";
import { SECTORS, type Sector } from "../organisations/organisation.model.js";

export const NEWS_AUDIENCE_TYPES = ["all", "sector", "kind", "organisations"] as const;
export type NewsAudienceType = (typeof NEWS_AUDIENCE_TYPES)[number];

/** Who sees an item: everyone, one sector, or a list of organisations. */
export interface NewsAudience {
  type: NewsAudienceType;
  /** With `type: "sector"`. */
  sector?: Sector | null;
  /** With `type: "kind"`: every school or every board. */
  kind?: "school" | "board" | null;
  /** With `type: "organisations"`; a board listed here does not imply its schools. */
  organisationIds?: Types.ObjectId[];
}

export interface NewsItem {
  _id: Types.ObjectId;
  title: string;
  /** Plain text; paragraphs separated by blank lines. */
  body: string;
  audience: NewsAudience;
  /** Visible from this moment; may lie in the future (scheduled). */
  publishedAt: Date;
  /** Hidden from this moment on; kept for the record. */
  withdrawnAt?: Date | null;
  authorAgentId: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export type NewsItemDocument = HydratedDocument<NewsItem>;
export type NewsItemModel = Model<NewsItem>;

const audienceSchema = new Schema<NewsAudience>(
  {
    type: { type: String, enum: NEWS_AUDIENCE_TYPES, required: true },
    sector: { type: String, enum: [...SECTORS, null] },
    kind: { type: String, enum: ["school", "board", null] },
    organisationIds: { type: [{ type: Schema.Types.ObjectId, ref: "Organisation" }], default: undefined },
  },
  { _id: false },
);

audienceSchema.pre("validate", function () {
  if (this.type === "sector" && !this.sector) this.invalidate("sector", "required");
  if (this.type === "kind" && !this.kind) this.invalidate("kind", "required");
  if (this.type === "organisations" && !(this.organisationIds?.length ?? 0)) {
    this.invalidate("organisationIds", "required");
  }
});

const newsItemSchema = new Schema<NewsItem, NewsItemModel>(
  {
    title: { type: String, required: true, trim: true, maxlength: 200 },
    body: { type: String, required: true, trim: true, maxlength: 20_000 },
    audience: { type: audienceSchema, required: true },
    publishedAt: { type: Date, required: true },
    withdrawnAt: { type: Date, default: null },
    authorAgentId: { type: Schema.Types.ObjectId, ref: "Agent", required: true },
  },
  { collection: "news_items", versionKey: false, timestamps: { currentTime: () => now() } },
);

newsItemSchema.index({ publishedAt: -1, _id: -1 });
newsItemSchema.index({ "audience.organisationIds": 1 });

/** The news model. */
export const NewsItemModel: NewsItemModel =
  (mongoose.models.NewsItem as NewsItemModel | undefined) ??
  mongoose.model<NewsItem, NewsItemModel>("NewsItem", newsItemSchema);
