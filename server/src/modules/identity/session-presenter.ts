/**
 * Presents a request's session as the {@link SessionResponse} of the HTTP contract: principal with account
 * names and codes, pending link step, CSRF token and expiry times.
 */
import { Types } from "mongoose";
import type { AccountSummary, Principal, SessionResponse } from "../../contracts/api/auth.js";
import type { RequestSession } from "../../http/middleware/session.js";
import { AgentModel } from "../agents/agent.model.js";
import { OrganisationModel } from "../organisations/organisation.model.js";
import type { SessionPrincipal } from "./session-store.js";

async function summaries(ids: string[]): Promise<Map<string, AccountSummary>> {
  const valid = ids.filter((id) => Types.ObjectId.isValid(id));
  const orgs = await OrganisationModel.find({ _id: { $in: valid } }).select({ kind: 1, code: 1, name: 1 }).lean().exec();
  return new Map(orgs.map((o) => [String(o._id), { organisationId: String(o._id), kind: o.kind, code: o.code, name: o.name }]));
}

/** The principal as the client sees it. */
export async function presentPrincipal(p: SessionPrincipal): Promise<Principal | null> {
  if (p.type === "agent") {
    const agent = await AgentModel.findById(p.agentId).select({ username: 1, displayName: 1, role: 1 }).lean().exec();
    if (!agent) return null;
    return { type: "agent", agentId: p.agentId, username: agent.username, name: agent.displayName, role: agent.role };
  }
  const active = p.activeOrganisationId;
  const schools = await OrganisationModel.find({ boardId: active, kind: "school" }).select({ kind: 1, code: 1, name: 1 }).sort({ code: 1 }).lean().exec();
  const byId = await summaries([...p.accounts, ...(p.actingForSchoolId ? [p.actingForSchoolId] : [])]);
  return {
    type: "contact",
    name: p.name,
    kvk: p.kvk,
    accounts: p.accounts.map((id) => byId.get(id)).filter((a): a is AccountSummary => a !== undefined),
    activeOrganisationId: active,
    accountChosen: p.accountChosen !== false,
    actingFor: p.actingForSchoolId ? (byId.get(p.actingForSchoolId) ?? null) : null,
    effectiveOrganisationId: p.actingForSchoolId ?? active,
    schools: schools.map((o) => ({ organisationId: String(o._id), kind: o.kind, code: o.code, name: o.name })),
  };
}

/** `GET /api/v1/session` body. Creates a pre-session for anonymous visitors (for the CSRF token). */
export async function presentSession(session: RequestSession, demo: boolean): Promise<SessionResponse> {
  const csrfToken = await session.ensureCsrfToken();
  const data = session.data;
  const principal = data.principal ? await presentPrincipal(data.principal) : null;
  const pending = data.pendingLink;
  const expiries = session.expiries;
  return {
    authenticated: principal !== null,
    csrfToken,
    demo,
    principal,
    pendingLink: pending
      ? {
          step: pending.pinId ? "pin" : "credentials",
          name: pending.name,
          kvk: pending.kvk,
          ...(pending.emailMasked ? { emailMasked: pending.emailMasked } : {}),
          ...(pending.pinExpiresAtMs ? { pinExpiresAt: new Date(pending.pinExpiresAtMs).toISOString() } : {}),
        }
      : null,
    idleExpiresAt: principal && expiries ? new Date(expiries.idleMs).toISOString() : null,
    absoluteExpiresAt: principal && expiries ? new Date(expiries.absoluteMs).toISOString() : null,
  };
}
