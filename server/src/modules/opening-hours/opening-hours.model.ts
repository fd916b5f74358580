/**
 * Opening hours as stored: one weekly schedule document (`_id: "weekly"`) and the closures supervisors add.
 * Until a supervisor saves a schedule, the built-in default (Mon–Fri 09:00–16:00 Europe/Amsterdam) applies.
 */
import mongoose, { Schema, type Model, type Types } from "mongoose";
import { WEEKDAYS, type OpeningPeriod, type Weekday } from "../../contracts/api/availability.js";
import { now } from "../../infra/clock.js";

/** The single weekly schedule document. */
export interface WeeklyScheduleDoc {
  _id: "weekly";
  timeZone: string;
  days: Record<Weekday, OpeningPeriod[]>;
  /** Helpdesk phone and e-mail shown instead of the Chat button. */
  phone: string;
  email: string;
  updatedBy: string;
  updatedAt: Date;
}

const periodSchema = new Schema<OpeningPeriod>({ from: { type: String, required: true }, to: { type: String, required: true } }, { _id: false });

const weeklyScheduleSchema = new Schema<WeeklyScheduleDoc>(
  {
    _id: { type: String, required: true },
    timeZone: { type: String, required: true },
    days: new Schema(Object.fromEntries(WEEKDAYS.map((d) => [d, { type: [periodSchema], default: [] }])), { _id: false }),
    phone: { type: String, required: true },
    email: { type: String, required: true },
    updatedBy: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "opening_hours", versionKey: false },
);

export const WeeklyScheduleModel: Model<WeeklyScheduleDoc> =
  (mongoose.models.WeeklySchedule as Model<WeeklyScheduleDoc> | undefined) ??
  mongoose.model<WeeklyScheduleDoc>("WeeklySchedule", weeklyScheduleSchema);

/** A period in which the chat is closed whatever the schedule says: `[startsAt, endsAt)`. */
export interface ChatClosure {
  _id: Types.ObjectId;
  /** Local date (`YYYY-MM-DD`) for a whole-day closure; null for a time range. */
  date: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  /** Agent id of the supervisor. */
  createdBy: string;
  createdAt: Date;
}

const closureSchema = new Schema<ChatClosure>(
  {
    date: { type: String, default: null },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    reason: { type: String, required: true, maxlength: 200 },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true, default: () => now() },
  },
  { collection: "chat_closures", versionKey: false },
);
// The store loads closures that have not ended yet.
closureSchema.index({ endsAt: 1 });

export const ChatClosureModel: Model<ChatClosure> =
  (mongoose.models.ChatClosure as Model<ChatClosure> | undefined) ?? mongoose.model<ChatClosure>("ChatClosure", closureSchema);
