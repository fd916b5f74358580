/**
 * agentAuthenticator: helpdesk agent login with username + argon2 password, with the 5-attempt / 15-minute
 * lockout counted per name and client address (attempt-recorder.ts). A known and an unknown name get the same
 * answers and the same work (an argon2 verify against a dummy hash), so neither the status nor the time tells
 * whether a name exists.
 */
import { verify as argon2Verify } from "@node-rs/argon2";
import { AppError } from "../../../contracts/errors.js";
import { recordAudit } from "../../audit/record-audit.js";
import { AgentModel } from "../../agents/agent.model.js";
import { accountBlocked, guardAttempt } from "../attempt-recorder.js";
import { DUMMY_HASH } from "../secrets.js";
import type { AgentSessionPrincipal } from "../session-store.js";

/** Props of {@link agentAuthenticator}. */
export interface AgentAuthenticatorProps {
  username: string;
  password: string;
  ip?: string | undefined;
}

export async function agentAuthenticator({ username, password, ip }: AgentAuthenticatorProps): Promise<AgentSessionPrincipal> {
  const name = username.trim().toLowerCase();
  const agent = await AgentModel.findOne({ username: name }).lean().exec();
  const usable = agent && !agent.disabledAt ? agent : null;
  const actor = usable ? { type: "agent" as const, id: String(usable._id) } : { type: "anonymous" as const };
  // Counted per name, also for names that do not exist: "blocked" must not reveal that a name is real.
  const outcome = await guardAttempt({ subject: `agent:${name}`, ip }, () =>
    argon2Verify(usable?.passwordHash ?? DUMMY_HASH, password)
      .then((ok) => ok && usable !== null)
      .catch(() => false),
  );
  if (!outcome.ok) {
    await recordAudit({ type: "login_failed", actor, ip, data: { reason: usable ? "invalid_credentials" : "unknown_agent" } });
    if (outcome.blockedUntil) {
      await recordAudit({ type: "blocked", actor, ip, data: {} });
      throw accountBlocked(outcome.blockedUntil);
    }
    throw new AppError("invalid_credentials");
  }
  await recordAudit({ type: "login", actor, ip, data: { method: "password" } });
  return { type: "agent", agentId: String(usable!._id), role: usable!.role };
}
