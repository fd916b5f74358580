/** newsUpdater: a supervisor edits a news item (title, body, audience, publication moment). */
import { Types } from "mongoose";
import type { NewsAudienceParsed, NewsItem as NewsItemDto } from "../../../contracts/api/news.js";
import { AppError } from "../../../contracts/errors.js";
import { now } from "../../../infra/clock.js";
import type { AgentSessionPrincipal } from "../../identity/session-store.js";
import { recordOrganisationAudit } from "../../organisations/organisation-audit.js";
import { NewsItemModel, type NewsItem } from "../news-item.model.js";
import { presentNewsItems } from "../news.presenter.js";
import { resolveNewsAudience } from "./news-audience.js";

/** Props of {@link newsUpdater}. */
export interface NewsUpdaterProps {
  newsId: string;
  changes: { title?: string | undefined; body?: string | undefined; audience?: NewsAudienceParsed | undefined; publishedAt?: string | undefined };
  principal: AgentSessionPrincipal;
  ip?: string | undefined;
}

export async function newsUpdater({ newsId, changes, principal, ip }: NewsUpdaterProps): Promise<NewsItemDto> {
  const set: Record<string, unknown> = {};
  if (changes.title !== undefined) set.title = changes.title;
  if (changes.body !== undefined) set.body = changes.body;
  if (changes.audience !== undefined) set.audience = await resolveNewsAudience(changes.audience);
  if (changes.publishedAt !== undefined) set.publishedAt = new Date(changes.publishedAt);
  const updated = await NewsItemModel.findOneAndUpdate({ _id: new Types.ObjectId(newsId) }, { $set: set }, { returnDocument: "after", runValidators: true })
    .lean<NewsItem>()
    .exec();
  if (!updated) throw new AppError("news_not_found");
  await recordOrganisationAudit({ type: "news_updated", principal, ip, data: { newsId, fields: Object.keys(set) } });
  const [presented] = await presentNewsItems([updated], now());
  return presented!;
}
