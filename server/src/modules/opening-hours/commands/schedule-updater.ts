import type { z } from "zod";
import type { WeeklySchedule, weeklyScheduleInputSchema } from "../../../contracts/api/availability.js";
import { now } from "../../../infra/clock.js";
import type { AgentSessionPrincipal } from "../../identity/session-store.js";
import { WeeklyScheduleModel } from "../opening-hours.model.js";
import { presentSchedule } from "../presenter.js";
import { openingHours, scheduleChanged } from "../store.js";

/** Props of {@link scheduleUpdater}. */
export interface ScheduleUpdaterProps {
  /** The validated schedule (replaces the whole document). */
  input: z.output<typeof weeklyScheduleInputSchema>;
  /** The supervisor making the change. */
  principal: AgentSessionPrincipal;
}

/** Replaces the weekly schedule (and helpdesk phone/e-mail), then reloads and announces `schedule.changed`. */
export async function scheduleUpdater(props: ScheduleUpdaterProps): Promise<WeeklySchedule> {
  const { input, principal } = props;
  await WeeklyScheduleModel.replaceOne(
    { _id: "weekly" },
    { _id: "weekly", ...input, updatedBy: principal.agentId, updatedAt: now() },
    { upsert: true },
  ).exec();
  await scheduleChanged("schedule");
  return presentSchedule(openingHours());
}
