/**
 * Evaluaties: evaluation reports published for an organisation (tab "Evaluaties"). Many organisations have none.
 */
import mongoose, { Schema, type HydratedDocument, type Model, type Types } from "mongoose";
import { now } from "../../infra/clock.js";
import { fileRefSchema, type FileRef } from "../archive/archive-item.model.js";

export interface Evaluation {
  _id: Types.ObjectId;
  organisationId: Types.ObjectId;
  title: string;
  /** First day of the evaluated period (date only, stored as UTC midnight). */
  periodStart: Date;
  /** Last day of the evaluated period (date only, stored as UTC midnight). */
  periodEnd: Date;
  publishedAt: Date;
  summary: string;
  /** The report itself, in GridFS bucket `archive`. */
  file?: FileRef | null;
  createdAt: Date;
  updatedAt: Date;
}

export type EvaluationDocument = HydratedDocument<Evaluation>;
export type EvaluationModel = Model<Evaluation>;

const evaluationSchema = new Schema<Evaluation, EvaluationModel>(
  {
    organisationId: { type: Schema.Types.ObjectId, ref: "Organisation", required: true },
    title: { type: String, required: true, trim: true, maxlength: 200 },
    periodStart: { type: Date, required: true },
    periodEnd: { type: Date, required: true },
    publishedAt: { type: Date, required: true },
    summary: { type: String, required: true, trim: true, maxlength: 5000 },
    file: { type: fileRefSchema, default: null },
  },
  { collection: "evaluations", versionKey: false, timestamps: { currentTime: () => now() } },
);

evaluationSchema.pre("validate", function () {
  if (this.periodStart && this.periodEnd && this.periodEnd < this.periodStart) {
    this.invalidate("periodEnd", "period_end_before_start");
  }
});

evaluationSchema.index({ organisationId: 1, publishedAt: -1 });

/** The evaluations model. */
export const EvaluationModel: EvaluationModel =
  (mongoose.models.Evaluation as EvaluationModel | undefined) ??
  mongoose.model<Evaluation, EvaluationModel>("Evaluation", evaluationSchema);
