/** Canned answers (standaardantwoorden): listed for every agent, kept by supervisors. */
import type { z } from "zod";
import type { cannedAnswerInputSchema, cannedAnswerPatchSchema, CannedAnswer as CannedAnswerView } from "../../contracts/api/chat.js";
import { AppError } from "../../contracts/errors.js";
import { CannedAnswerModel, type CannedAnswer } from "./canned-answer.model.js";

const present = (c: CannedAnswer): CannedAnswerView => ({ id: String(c._id), title: c.title, text: c.text, updatedAt: new Date(c.updatedAt).toISOString() });

/** All canned answers by title (at most 500). */
export async function cannedAnswerLister(): Promise<{ items: CannedAnswerView[] }> {
  return { items: (await CannedAnswerModel.find({}).sort({ title: 1 }).limit(500).lean().exec()).map(present) };
}

export async function cannedAnswerCreator(input: z.output<typeof cannedAnswerInputSchema>): Promise<CannedAnswerView> {
  return present((await CannedAnswerModel.create(input)).toObject());
}

export async function cannedAnswerUpdater(id: string, changes: z.output<typeof cannedAnswerPatchSchema>): Promise<CannedAnswerView> {
  const updated = await CannedAnswerModel.findByIdAndUpdate(id, { $set: changes }, { returnDocument: "after", runValidators: true }).lean().exec();
  if (!updated) throw new AppError("canned_answer_not_found");
  return present(updated);
}

export async function cannedAnswerRemover(id: string): Promise<void> {
  const removed = await CannedAnswerModel.findByIdAndDelete(id).lean().exec();
  if (!removed) throw new AppError("canned_answer_not_found");
}
