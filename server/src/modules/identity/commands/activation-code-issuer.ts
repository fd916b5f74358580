/**
 * activationCodeIssuer: a helpdesk agent issues a fresh activation code (24 h, single use) for an
 * organisation's account, e.g. for a new school, or to link again after a link was undone (password linking is
 * off once an account was linked). Creates the account when the organisation has none. The code is returned
 * once, to be passed on to the school; only its hash is stored.
 */
import { Types } from "mongoose";
import { IDENTITY_LIMITS } from "../../../contracts/api/auth.js";
import { AppError } from "../../../contracts/errors.js";
import { now } from "../../../infra/clock.js";
import { recordAudit } from "../../audit/record-audit.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import { PortalAccountModel } from "../portal-account.model.js";
import { hashActivationCode, randomActivationCode } from "../secrets.js";
import type { AgentSessionPrincipal } from "../session-store.js";

/** Props of {@link activationCodeIssuer}. */
export interface ActivationCodeIssuerProps {
  actor: AgentSessionPrincipal;
  organisationId: string;
  ip?: string | undefined;
}

export async function activationCodeIssuer(props: ActivationCodeIssuerProps): Promise<{ username: string; activationCode: string; expiresAt: Date }> {
  if (!Types.ObjectId.isValid(props.organisationId)) throw new AppError("not_found");
  const org = await OrganisationModel.findById(props.organisationId).select({ kind: 1, code: 1 }).lean().exec();
  if (!org) throw new AppError("not_found");
  const code = randomActivationCode();
  const at = now();
  const expiresAt = new Date(at.getTime() + IDENTITY_LIMITS.activationCodeMs);
  const account = await PortalAccountModel.findOneAndUpdate(
    { organisationId: org._id },
    {
      $set: { activationCode: { hash: hashActivationCode(code), createdAt: at, expiresAt, usedAt: null } },
      $setOnInsert: { username: `${org.kind === "school" ? "school" : "bestuur"}-${org.code.toLowerCase()}`, failedAttempts: 0 },
    },
    { upsert: true, returnDocument: "after" },
  )
    .lean()
    .exec();
  await recordAudit({ type: "activation_code_issued", actor: { type: "agent", id: props.actor.agentId }, organisationId: org._id, ip: props.ip });
  return { username: account!.username, activationCode: code, expiresAt };
}
