/** newsPublisher: a supervisor publishes (or schedules) a news item. */
import { Types } from "mongoose";
import type { NewsAudienceParsed, NewsItem as NewsItemDto } from "../../../contracts/api/news.js";
import { now } from "../../../infra/clock.js";
import type { AgentSessionPrincipal } from "../../identity/session-store.js";
import { recordOrganisationAudit } from "../../organisations/organisation-audit.js";
import { NewsItemModel } from "../news-item.model.js";
import { presentNewsItems } from "../news.presenter.js";
import { resolveNewsAudience } from "./news-audience.js";

/** Props of {@link newsPublisher}. */
export interface NewsPublisherProps {
  input: { title: string; body: string; audience: NewsAudienceParsed; publishedAt?: string | undefined };
  /** The supervisor (author). */
  principal: AgentSessionPrincipal;
  ip?: string | undefined;
}

export async function newsPublisher({ input, principal, ip }: NewsPublisherProps): Promise<NewsItemDto> {
  const audience = await resolveNewsAudience(input.audience);
  const created = await NewsItemModel.create({
    title: input.title,
    body: input.body,
    audience,
    publishedAt: input.publishedAt ? new Date(input.publishedAt) : now(),
    withdrawnAt: null,
    authorAgentId: new Types.ObjectId(principal.agentId),
  });
  await recordOrganisationAudit({ type: "news_published", principal, ip, data: { newsId: String(created._id), audience: audience.type } });
  const [presented] = await presentNewsItems([created.toObject()], now());
  return presented!;
}
