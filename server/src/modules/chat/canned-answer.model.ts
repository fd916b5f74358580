/** Canned answers (standaardantwoorden): texts agents insert into a chat; supervisors manage them. */
import mongoose, { Schema, type Model, type Types } from "mongoose";
import { now } from "../../infra/clock.js";

export interface CannedAnswer {
  _id: Types.ObjectId;
  title: string;
  text: string;
  createdAt: Date;
  updatedAt: Date;
}

export type CannedAnswerModel = Model<CannedAnswer>;

const cannedAnswerSchema = new Schema<CannedAnswer, CannedAnswerModel>(
  {
    title: { type: String, required: true, trim: true, maxlength: 120 },
    text: { type: String, required: true, trim: true, maxlength: 2000 },
  },
  { collection: "chat_canned_answers", versionKey: false, timestamps: { currentTime: () => now() } },
);
cannedAnswerSchema.index({ title: 1 });

export const CannedAnswerModel: CannedAnswerModel =
  (mongoose.models.ChatCannedAnswer as CannedAnswerModel | undefined) ??
  mongoose.model<CannedAnswer, CannedAnswerModel>("ChatCannedAnswer", cannedAnswerSchema);
