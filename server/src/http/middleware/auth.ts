/**
 * An authentication guard for non-API paths: `requireAgent(roles?)` answers 401 `unauthenticated` (403
 * `forbidden` for a contact or the wrong role). `/api/v1` routes say who may call them in `defineRoute`.
 */
import type { RequestHandler } from "express";
import { AppError } from "../../contracts/errors.js";
import type { AgentSessionPrincipal } from "../../modules/identity/session-store.js";

export const requireAgent =
  (roles?: readonly AgentSessionPrincipal["role"][]): RequestHandler =>
  (req, _res, next) => {
    const p = req.session?.data.principal ?? null;
    if (!p) return next(new AppError("unauthenticated"));
    if (p.type !== "agent" || (roles && !roles.includes(p.role))) return next(new AppError("forbidden"));
    next();
  };
