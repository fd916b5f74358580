/**
 * linkRevoker: undoes one eHerkenning link (lost or stolen means), by a helpdesk agent or the organisation's
 * gemachtigde (see policies.ts), and ends the sessions of that identity so a stolen means stops working at once.
 */
import { Types } from "mongoose";
import { AppError } from "../../../contracts/errors.js";

import { recordAudit } from "../../audit/record-audit.js";
import { EherkenningLinkModel } from "../eherkenning-link.model.js";
import { actsAsGemachtigde } from "../policies.js";
import { announceSessionEnded } from "../session-ended.js";
import type { SessionPrincipal, SessionStore } from "../session-store.js";

/** Props of {@link linkRevoker}. */
export interface LinkRevokerProps {
  actor: SessionPrincipal;
  organisationId: string;
  linkId: string;
  sessions: SessionStore;
  ip?: string | undefined;
}

export async function linkRevoker(props: LinkRevokerProps): Promise<void> {
  if (!Types.ObjectId.isValid(props.organisationId) || !Types.ObjectId.isValid(props.linkId)) throw new AppError("link_not_found");
  if (!(await actsAsGemachtigde(props.actor, props.organisationId))) throw new AppError("forbidden");
  const link = await EherkenningLinkModel.findOneAndDelete({ _id: props.linkId, organisationId: props.organisationId }).lean().exec();
  if (!link) throw new AppError("link_not_found");
  await props.sessions.destroyWhere?.({ ehPseudonym: link.pseudonym });
  announceSessionEnded({ ehPseudonym: link.pseudonym, reason: "revoked" });
  await recordAudit({
    type: "unlink",
    actor: props.actor.type === "agent" ? { type: "agent", id: props.actor.agentId } : { type: "contact", id: props.actor.ehPseudonym },
    organisationId: link.organisationId,
    ip: props.ip,
    data: { linkId: String(link._id) },
  });
}
