/**
 * newsWithdrawer: a supervisor withdraws a news item; organisations no longer see it. Idempotent: withdrawing
 * again keeps the first withdrawal time.
 */
import { Types } from "mongoose";
import type { NewsItem as NewsItemDto } from "../../../contracts/api/news.js";
import { AppError } from "../../../contracts/errors.js";
import { now } from "../../../infra/clock.js";
import type { AgentSessionPrincipal } from "../../identity/session-store.js";
import { recordOrganisationAudit } from "../../organisations/organisation-audit.js";
import { NewsItemModel, type NewsItem } from "../news-item.model.js";
import { presentNewsItems } from "../news.presenter.js";

/** Props of {@link newsWithdrawer}. */
export interface NewsWithdrawerProps {
  newsId: string;
  principal: AgentSessionPrincipal;
  ip?: string | undefined;
}

export async function newsWithdrawer({ newsId, principal, ip }: NewsWithdrawerProps): Promise<NewsItemDto> {
  const id = new Types.ObjectId(newsId);
  const at = now();
  const withdrawn = await NewsItemModel.findOneAndUpdate({ _id: id, withdrawnAt: null }, { $set: { withdrawnAt: at } }, { returnDocument: "after" }).lean<NewsItem>().exec();
  if (withdrawn) await recordOrganisationAudit({ type: "news_withdrawn", principal, ip, data: { newsId } });
  const item = withdrawn ?? (await NewsItemModel.findById(id).lean<NewsItem>().exec());
  if (!item) throw new AppError("news_not_found");
  const [presented] = await presentNewsItems([item], at);
  return presented!;
}
