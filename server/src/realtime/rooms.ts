/**
 * Socket.IO room names, in one place. Sockets join at the handshake (`install.ts`) and when a conversation is
 * started, resumed or assigned; only the broadcaster emits to them.
 *
 * | room | members |
 * | --- | --- |
 * | `agents` | every agent/supervisor console: queue, presence |
 * | `agent:<agentId>` | the consoles of one agent (several tabs, several nodes) |
 * | `contacts` | every school person's socket (availability) |
 * | `org:<orgId>` | school persons' sockets of one organisation |
 * | `contact:<orgId>:<pseudonym>` | the sockets (tabs) of one school person for one organisation |
 * | `conv:<id>:contact` / `conv:<id>:agent` | the two sides of one conversation; notes only go to `agent` |
 * | `session:<keyHash>` | the sockets bound to one session (disconnected when it ends; session-guard.ts) |
 */
import type { PartyKind } from "../contracts/realtime.js";

export const rooms = {
  agents: () => "agents",
  agent: (agentId: string) => `agent:${agentId}`,
  contacts: () => "contacts",
  org: (organisationId: string) => `org:${organisationId}`,
  contact: (organisationId: string, pseudonym: string) => `contact:${organisationId}:${pseudonym}`,
  session: (keyHash: string) => `session:${keyHash}`,
  /** One side of a conversation. */
  conversation: (conversationId: string, side: PartyKind) => `conv:${conversationId}:${side}`,
  /** Both sides of a conversation. */
  conversationBoth: (conversationId: string) => [`conv:${conversationId}:contact`, `conv:${conversationId}:agent`],
} as const;
