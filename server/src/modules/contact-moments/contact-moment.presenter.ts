/**
 * Contact moments as the API shows them. Agent names are looked up with one `_id $in` query over a page's
 * agents that are not in a small cache (a minute old at most): a page costs one store round trip, and a changed
 * name shows within a minute.
 */
import type { ContactMomentView } from "../../contracts/api/history.js";
import { nowMs } from "../../infra/clock.js";
import { AgentModel } from "../agents/agent.model.js";
import type { ContactMoment } from "./contact-moment.model.js";

/** A moment as read with `lean()`. */
export type ContactMomentRow = Pick<
  ContactMoment,
  "_id" | "organisationId" | "channel" | "direction" | "subject" | "summary" | "agentId" | "contactName" | "startedAt" | "endedAt" | "links" | "callbackRequested" | "summaryPending"
>;

const NAME_TTL_MS = 60_000;
const MAX_CACHED = 2_000;
const nameCache = new Map<string, { name: string | null; at: number }>();

/** Display names of the agents of `rows` (null for an agent that no longer exists). */
async function agentNames(rows: readonly ContactMomentRow[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(rows.map((r) => (r.agentId ? String(r.agentId) : null)).filter((id): id is string => id !== null))];
  const out = new Map<string, string | null>();
  const at = nowMs();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = nameCache.get(id);
    if (hit && at - hit.at >= 0 && at - hit.at < NAME_TTL_MS) out.set(id, hit.name);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const agents = await AgentModel.find({ _id: { $in: missing } }).select({ displayName: 1 }).lean().exec();
  const found = new Map(agents.map((a) => [String(a._id), a.displayName]));
  if (nameCache.size > MAX_CACHED) nameCache.clear();
  for (const id of missing) {
    const name = found.get(id) ?? null;
    nameCache.set(id, { name, at });
    out.set(id, name);
  }
  return out;
}

/** Presents one page of moments. */
export async function presentContactMoments(rows: readonly ContactMomentRow[]): Promise<ContactMomentView[]> {
  const names = await agentNames(rows);
  return rows.map((r) => ({
    id: String(r._id),
    organisationId: String(r.organisationId),
    channel: r.channel,
    direction: r.direction,
    subject: r.subject,
    summary: r.summary,
    agentName: r.agentId ? (names.get(String(r.agentId)) ?? null) : null,
    contactName: r.contactName ?? null,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt ? r.endedAt.toISOString() : null,
    archiveItemId: r.links?.archiveItemId ? String(r.links.archiveItemId) : null,
    conversationId: r.links?.conversationId ? String(r.links.conversationId) : null,
    callbackRequested: r.callbackRequested ?? false,
    summaryPending: r.summaryPending ?? false,
  }));
}
