/**
 * GTB-overzicht (Geconsolideerde Tellingen Bekostiging): pupil counts per peildatum for one organisation.
 * Read-only in Balie: the counts were frozen at the "bijgewerkt tot" date (8 December 2021 in the source).
 */
import mongoose, { Schema, type HydratedDocument, type Model, type Types } from "mongoose";
import { now } from "../../infra/clock.js";

/** The pupil count on one reference date. */
export interface GtbCount {
  /** Peildatum, usually 1 October (date only, stored as UTC midnight). */
  referenceDate: Date;
  /** Number of pupils counted. */
  pupils: number;
  /** Pupils weighted for funding (gewogen leerlingen), when DUO reported it. */
  weightedPupils?: number | null;
}

export interface GtbReport {
  _id: Types.ObjectId;
  /** One report per organisation. */
  organisationId: Types.ObjectId;
  /** "Bijgewerkt tot": the date the overview was last brought up to date (date only, UTC midnight). */
  updatedUntil: Date;
  /** Oldest peildatum first. */
  counts: GtbCount[];
  createdAt: Date;
  updatedAt: Date;
}

export type GtbReportDocument = HydratedDocument<GtbReport>;
export type GtbReportModel = Model<GtbReport>;

const gtbReportSchema = new Schema<GtbReport, GtbReportModel>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: "Organisation", required: true },
    updatedUntil: { type: Date, required: true },
    counts: {
      type: [
        new Schema<GtbCount>(
          {
            referenceDate: { type: Date, required: true },
            pupils: { type: Number, required: true, min: 0 },
            weightedPupils: { type: Number, min: 0 },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { collection: "gtb_reports", versionKey: false, timestamps: { currentTime: () => now() } },
);

gtbReportSchema.index({ organisationId: 1 }, { unique: true });

/** The GTB reports model. */
export const GtbReportModel: GtbReportModel =
  (mongoose.models.GtbReport as GtbReportModel | undefined) ??
  mongoose.model<GtbReport, GtbReportModel>("GtbReport", gtbReportSchema);
