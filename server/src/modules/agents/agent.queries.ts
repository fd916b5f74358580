/** Agent reads for other layers, so they need not know the agents model. */
import { AgentModel, type Agent } from "./agent.model.js";

/** What a socket needs to know about an agent: name shown, role, and whether the account is switched off. */
export type AgentProfile = Pick<Agent, "displayName" | "role" | "disabledAt">;

/** The agent's profile, or null for an unknown id. */
export async function findAgentProfile(agentId: string): Promise<AgentProfile | null> {
  return AgentModel.findById(agentId).select({ displayName: 1, role: 1, disabledAt: 1 }).lean().exec();
}
