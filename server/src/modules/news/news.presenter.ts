/** News documents → the API shapes of `contracts/api/news.ts`. */
import { Types } from "mongoose";
import type { NewsItem as NewsItemDto, OrganisationNewsItem } from "../../contracts/api/news.js";
import type { OrganisationRef } from "../../contracts/api/organisations.js";
import { OrganisationModel } from "../organisations/organisation.model.js";
import { presentOrganisationRef } from "../organisations/organisation.presenter.js";
import type { NewsItem } from "./news-item.model.js";

/** An item as an organisation reads it. */
export function presentOrganisationNewsItem(item: NewsItem): OrganisationNewsItem {
  return { id: String(item._id), title: item.title, body: item.body, publishedAt: item.publishedAt.toISOString() };
}

/** Items as supervisors manage them (audience organisations resolved to `{ id, kind, code, name }`). */
export async function presentNewsItems(items: readonly NewsItem[], at: Date): Promise<NewsItemDto[]> {
  const ids = [...new Set(items.flatMap((i) => (i.audience.organisationIds ?? []).map(String)))];
  const orgs = ids.length
    ? await OrganisationModel.find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }).select({ kind: 1, code: 1, name: 1 }).lean().exec()
    : [];
  const byId = new Map<string, OrganisationRef>(orgs.map((o) => [String(o._id), presentOrganisationRef(o)]));
  return items.map((item) => ({
    ...presentOrganisationNewsItem(item),
    audience: {
      type: item.audience.type,
      sector: item.audience.sector ?? null,
      kind: item.audience.kind ?? null,
      organisations: (item.audience.organisationIds ?? []).map((id) => byId.get(String(id))).filter((o): o is OrganisationRef => o !== undefined),
    },
    withdrawnAt: item.withdrawnAt ? item.withdrawnAt.toISOString() : null,
    status: item.withdrawnAt ? "withdrawn" : item.publishedAt.getTime() > at.getTime() ? "scheduled" : "published",
    authorAgentId: String(item.authorAgentId),
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  }));
}
