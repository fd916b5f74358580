/** Read side of news: what an organisation sees, and the supervisors' full list. */
import { Types } from "mongoose";
import type { NewsList, OrganisationNewsList } from "../../contracts/api/news.js";
import { AppError } from "../../contracts/errors.js";
import { now } from "../../infra/clock.js";
import { OrganisationModel } from "../organisations/organisation.model.js";
import { NewsItemModel, type NewsItem } from "./news-item.model.js";
import { presentNewsItems, presentOrganisationNewsItem } from "./news.presenter.js";

/**
 * Published (not scheduled), not withdrawn items for an organisation: audience `all`, its sector, its kind, or a list
 * naming it; newest first.
 */
export async function listOrganisationNews(organisationId: string, limit: number): Promise<OrganisationNewsList> {
  const orgId = new Types.ObjectId(organisationId);
  const org = await OrganisationModel.findById(orgId).select({ sector: 1, kind: 1 }).lean().exec();
  if (!org) throw new AppError("not_found");
  const items = await NewsItemModel.find({
    publishedAt: { $lte: now() },
    withdrawnAt: null,
    $or: [
      { "audience.type": "all" },
      { "audience.type": "sector", "audience.sector": org.sector },
      { "audience.type": "kind", "audience.kind": org.kind },
      { "audience.type": "organisations", "audience.organisationIds": orgId },
    ],
  })
    .sort({ publishedAt: -1, _id: -1 })
    .limit(limit)
    .lean<NewsItem[]>()
    .exec();
  return { items: items.map(presentOrganisationNewsItem) };
}

/** Every item, newest first, including scheduled and withdrawn ones (supervisors). */
export async function listAllNews(limit: number): Promise<NewsList> {
  const items = await NewsItemModel.find({}).sort({ publishedAt: -1, _id: -1 }).limit(limit).lean<NewsItem[]>().exec();
  return { items: await presentNewsItems(items, now()) };
}
