/**
 * Authentication guards for routes: who is the principal of this request?
 * `requireContact()` / `requireAgent(roles?)` / `requirePrincipal()` answer 401 `unauthenticated` (or 403
 * `forbidden` for the wrong kind or role) and otherwise leave the principal on `req.session.data.principal`.
 */
import type { Request, RequestHandler } from "express";
import { AppError } from "../../contracts/errors.js";
import type {
  AgentSessionPrincipal,
  ContactSessionPrincipal,
  SessionPrincipal,
} from "../../modules/identity/session-store.js";

/** The principal of the request, or null. */
export function principalOf(req: Request): SessionPrincipal | null {
  return req.session?.data.principal ?? null;
}

/** The contact principal, or throws 401/403. */
export function contactOf(req: Request): ContactSessionPrincipal {
  const p = principalOf(req);
  if (!p) throw new AppError("unauthenticated");
  if (p.type !== "contact") throw new AppError("forbidden");
  return p;
}

/** The agent principal, or throws 401/403. */
export function agentOf(req: Request, roles?: readonly AgentSessionPrincipal["role"][]): AgentSessionPrincipal {
  const p = principalOf(req);
  if (!p) throw new AppError("unauthenticated");
  if (p.type !== "agent" || (roles && !roles.includes(p.role))) throw new AppError("forbidden");
  return p;
}

export const requirePrincipal = (): RequestHandler => (req, _res, next) => {
  next(principalOf(req) ? undefined : new AppError("unauthenticated"));
};

export const requireContact = (): RequestHandler => (req, _res, next) => {
  try {
    contactOf(req);
    next();
  } catch (err) {
    next(err);
  }
};

export const requireAgent =
  (roles?: readonly AgentSessionPrincipal["role"][]): RequestHandler =>
  (req, _res, next) => {
    try {
      agentOf(req, roles);
      next();
    } catch (err) {
      next(err);
    }
  };
