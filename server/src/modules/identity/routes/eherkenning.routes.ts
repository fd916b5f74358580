/**
 * Browser navigations of the eHerkenning login: `/auth/eherkenning/start` → broker → `/auth/eherkenning/callback`
 * → `/portaal`, `/account-kiezen`, `/koppelen` or `/inloggen?fout=…` (see contracts/api/auth.ts).
 */
import { Router } from "express";
import { eherkenningStartQuerySchema } from "../../../contracts/api/auth.js";
import type { RelyingParty } from "../../../infra/eherkenning/relying-party.js";
import type { Logger } from "../../../infra/logger.js";
import { recordAudit } from "../../audit/record-audit.js";
import { identityResolver } from "../commands/identity-resolver.js";

/** Deps of {@link eherkenningRouter}. */
export interface EherkenningRouteDeps {
  /** Returns the relying party (lazily built: the simulator's issuer is only reachable once we listen). */
  relyingParty: () => RelyingParty;
  /** Balie's public URL, to rebuild the callback URL exactly as registered. */
  publicUrl: string;
  logger: Logger;
}

export function eherkenningRouter(deps: EherkenningRouteDeps): Router {
  const router = Router();

  router.get("/auth/eherkenning/start", async (req, res, next) => {
    try {
      const { intent } = eherkenningStartQuerySchema.parse(req.query);
      const { url, state } = await deps.relyingParty().start();
      await req.session.update({ oidc: { ...state, intent } });
      res.set("Cache-Control", "no-store").redirect(302, url.href);
    } catch (err) {
      deps.logger.error({ err }, "eHerkenning start failed");
      if (res.headersSent) return next(err);
      res.redirect(302, "/inloggen?fout=eherkenning_failed");
    }
  });

  router.get("/auth/eherkenning/callback", async (req, res, next) => {
    try {
      const expected = req.session.data.oidc;
      if (!expected) {
        res.redirect(302, "/inloggen?fout=session_expired");
        return;
      }
      // Single use: the state is cleared before anything else can fail.
      await req.session.update({ oidc: null });
      const currentUrl = new URL(req.originalUrl, deps.publicUrl);
      const result = await deps.relyingParty().callback(currentUrl, expected);
      if (!result.ok) {
        if (result.reason === "assurance_too_low") {
          await recordAudit({ type: "assurance_too_low", actor: { type: "anonymous" }, ip: req.ip, data: { acr: result.acr } });
        } else {
          deps.logger.warn({ reason: result.reason, detail: result.detail }, "eHerkenning callback refused");
        }
        res.redirect(302, `/inloggen?fout=${result.reason}`);
        return;
      }
      const { identity } = result;
      const principal = await identityResolver({ identity, ip: req.ip });
      if (!principal) {
        await req.session.rotate({ principal: null, pendingLink: { ...identity } });
        res.redirect(302, "/koppelen");
        return;
      }
      if (expected.intent === "add") {
        await req.session.rotate({ principal, pendingLink: { ...identity } });
        res.redirect(302, "/koppelen");
        return;
      }
      const choose = principal.type === "contact" && principal.accounts.length > 1;
      await req.session.rotate({ principal: choose ? { ...principal, accountChosen: false } : principal, pendingLink: null });
      res.redirect(302, choose ? "/account-kiezen" : "/portaal");
    } catch (err) {
      next(err);
    }
  });

  return router;
}
