/**
 * Removes eHerkenning links not used for 18 months (by the clock); the person must link again. Runs hourly on
 * an unref'ed timer (server.ts, jobs/schedule.ts); {@link removeStaleLinks} is callable from tests.
 */
import { IDENTITY_LIMITS } from "../contracts/api/auth.js";
import { nowMs } from "../infra/clock.js";
import { recordAudit } from "../modules/audit/record-audit.js";
import { EherkenningLinkModel } from "../modules/identity/eherkenning-link.model.js";

/** Removes stale links; returns how many. 18 months = {@link IDENTITY_LIMITS.staleLinkMs}. */
export async function removeStaleLinks(): Promise<number> {
  const cutoff = new Date(nowMs() - IDENTITY_LIMITS.staleLinkMs);
  const stale = await EherkenningLinkModel.find({ lastUsedAt: { $lt: cutoff } }).select({ _id: 1, organisationId: 1 }).lean().exec();
  let removed = 0;
  for (const link of stale) {
    // Conditional on lastUsedAt again: a login between find and delete keeps the link.
    const result = await EherkenningLinkModel.deleteOne({ _id: link._id, lastUsedAt: { $lt: cutoff } }).exec();
    if (result.deletedCount === 1) {
      removed++;
      await recordAudit({ type: "stale_unlink", actor: { type: "system", id: "stale-link-remover" }, organisationId: link.organisationId, data: { linkId: String(link._id) } });
    }
  }
  return removed;
}
