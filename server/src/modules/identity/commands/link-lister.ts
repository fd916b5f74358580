/**
 * The eHerkenning identities linked to an organisation's account, oldest link first: for agents, supervisors
 * and the organisation's gemachtigde (policies.ts). Anyone else, or an id that is not one, gets 403.
 */
import { Types } from "mongoose";
import type { LinkListResponse } from "../../../contracts/api/auth.js";
import { AppError } from "../../../contracts/errors.js";
import { EherkenningLinkModel } from "../eherkenning-link.model.js";
import { actsAsGemachtigde } from "../policies.js";
import type { SessionPrincipal } from "../session-store.js";

export async function linkLister(props: { actor: SessionPrincipal; organisationId: string }): Promise<LinkListResponse> {
  const { actor, organisationId } = props;
  if (!Types.ObjectId.isValid(organisationId) || !(await actsAsGemachtigde(actor, organisationId))) throw new AppError("forbidden");
  const links = await EherkenningLinkModel.find({ organisationId }).sort({ linkedAt: 1 }).lean().exec();
  return {
    links: links.map((l) => ({
      linkId: String(l._id),
      name: l.name,
      email: l.email,
      kvk: l.kvk,
      linkedAt: l.linkedAt.toISOString(),
      lastUsedAt: l.lastUsedAt.toISOString(),
    })),
  };
}
