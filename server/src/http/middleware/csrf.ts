/**
 * CSRF protection (synchronizer token): every request that is not GET/HEAD/OPTIONS must send the session's
 * token in `X-CSRF-Token`, else 403 `csrf_failed`. Clients get the token from `GET /api/v1/session` (anonymous
 * visitors get one bound to a nonce cookie, with nothing stored; see session.ts). Paths in `exempt` (the eHerkenning simulator's own forms, which carry
 * oidc-provider's protections) are skipped.
 */
import type { RequestHandler } from "express";
import { AppError } from "../../contracts/errors.js";
import { safeEqual } from "../../modules/identity/secrets.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Options of {@link csrfProtection}. */
export interface CsrfOptions {
  /** Path prefixes that are not checked, e.g. `["/eh-sim"]`. */
  exempt?: readonly string[];
}

export function csrfProtection(options: CsrfOptions = {}): RequestHandler {
  const exempt = options.exempt ?? [];
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (exempt.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) return next();
    const sent = req.get("x-csrf-token");
    const expected = req.session?.data.csrfToken;
    if (!sent || !expected || !safeEqual(sent, expected)) {
      next(new AppError("csrf_failed", { detail: req.session?.expired ? "session expired" : "token missing or wrong" }));
      return;
    }
    next();
  };
}
