import type { z } from "zod";
import type { Closure, closureInputSchema } from "../../../contracts/api/availability.js";
import { now } from "../../../infra/clock.js";
import type { AgentSessionPrincipal } from "../../identity/session-store.js";
import { ChatClosureModel } from "../opening-hours.model.js";
import { presentClosure } from "../presenter.js";
import { openingHours, scheduleChanged } from "../store.js";
import { addDays, parseLocalDate, zonedToUtc } from "../tz.js";

/** Props of {@link closureAdder}. */
export interface ClosureAdderProps {
  /** A whole local day (`date`) or an explicit range (`startsAt`/`endsAt`), validated. */
  input: z.output<typeof closureInputSchema>;
  /** The supervisor adding it. */
  principal: AgentSessionPrincipal;
}

/**
 * Adds a closure. A whole-day closure runs from local midnight to the next local midnight in the schedule's
 * zone (23 or 25 hours on DST change days). Then reloads and announces `schedule.changed`.
 */
export async function closureAdder(props: ClosureAdderProps): Promise<Closure> {
  const { input, principal } = props;
  let span: { date: string | null; startsAt: Date; endsAt: Date };
  if ("date" in input) {
    const tz = openingHours().rules.timeZone;
    const day = parseLocalDate(input.date);
    span = { date: input.date, startsAt: new Date(zonedToUtc(day, 0, tz)), endsAt: new Date(zonedToUtc(addDays(day, 1), 0, tz)) };
  } else {
    span = { date: null, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
  }
  const created = await ChatClosureModel.create({ ...span, reason: input.reason, createdBy: principal.agentId, createdAt: now() });
  await scheduleChanged("closure.added");
  return presentClosure(created);
}
