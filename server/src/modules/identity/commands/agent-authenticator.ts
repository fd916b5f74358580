/**
 * agentAuthenticator: helpdesk agent login with username + argon2 password, with the same 5-attempt /
 * 15-minute lockout as portal accounts (attempts reserved atomically before the password is checked).
 */
import { accountBlocked } from "../../../modules/identity/attempt-recorder.js";
import { AppError } from "../../../contracts/errors.js";
import { verify as argon2Verify } from "@node-rs/argon2";

import { recordAudit } from "../../audit/record-audit.js";
import { AgentModel } from "../../agents/agent.model.js";
import { clearAttempts, reserveAttempt } from "../attempt-recorder.js";
import type { AgentSessionPrincipal } from "../session-store.js";

/** Props of {@link agentAuthenticator}. */
export interface AgentAuthenticatorProps {
  username: string;
  password: string;
  ip?: string | undefined;
}

export async function agentAuthenticator({ username, password, ip }: AgentAuthenticatorProps): Promise<AgentSessionPrincipal> {
  const agent = await AgentModel.findOne({ username: username.trim().toLowerCase() }).lean().exec();
  if (!agent || agent.disabledAt) {
    await recordAudit({ type: "login_failed", actor: { type: "anonymous" }, ip, data: { reason: "unknown_agent" } });
    throw new AppError("invalid_credentials");
  }
  const actor = { type: "agent" as const, id: String(agent._id) };
  const reservation = await reserveAttempt({ model: AgentModel, id: agent._id });
  if (!reservation.ok) {
    if (reservation.blockedUntil) throw accountBlocked(reservation.blockedUntil);
    throw new AppError("invalid_credentials");
  }
  const ok = await argon2Verify(agent.passwordHash, password).catch(() => false);
  if (!ok) {
    await recordAudit({ type: "login_failed", actor, ip, data: { reason: "invalid_credentials" } });
    if (reservation.blockedUntil) {
      await recordAudit({ type: "blocked", actor, ip, data: {} });
      throw accountBlocked(reservation.blockedUntil);
    }
    throw new AppError("invalid_credentials");
  }
  await clearAttempts({ model: AgentModel, id: agent._id });
  await recordAudit({ type: "login", actor, ip, data: { method: "password" } });
  return { type: "agent", agentId: String(agent._id), role: agent.role };
}
