import { isValidObjectId } from "mongoose";
import { AppError } from "../../../contracts/errors.js";
import { ChatClosureModel } from "../opening-hours.model.js";
import { scheduleChanged } from "../store.js";

/** Props of {@link closureRemover}. */
export interface ClosureRemoverProps {
  closureId: string;
}

/** Removes a closure (404 `not_found` when there is none), then reloads and announces `schedule.changed`. */
export async function closureRemover(props: ClosureRemoverProps): Promise<void> {
  if (!isValidObjectId(props.closureId)) throw new AppError("not_found");
  const result = await ChatClosureModel.deleteOne({ _id: props.closureId }).exec();
  if (result.deletedCount === 0) throw new AppError("not_found");
  await scheduleChanged("closure.removed");
}
