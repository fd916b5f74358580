/**
 * JSON routes of identity under `/api/v1`: session, switch, link (+ confirm), wachtwoord vergeten/herstellen,
 * agent login, logout. Thin: validate → command → present. The contract is contracts/api/auth.ts.
 */
import { AppError } from "../../../contracts/errors.js";
import { Router, type Request } from "express";
import {
  agentLoginRequestSchema,
  linkConfirmRequestSchema,
  linkRequestSchema,
  passwordForgottenRequestSchema,
  passwordResetCheckSchema,
  passwordResetRequestSchema,
  type PasswordResetCheckResponse,
  switchRequestSchema,
  type LinkConfirmResponse,
  type LinkResponse,
} from "../../../contracts/api/auth.js";

import { contactOf } from "../../../http/middleware/auth.js";
import type { Mailer } from "../../../infra/mailer.js";
import { recordAudit } from "../../audit/record-audit.js";
import { accountSwitcher } from "../commands/account-switcher.js";
import { agentAuthenticator } from "../commands/agent-authenticator.js";
import { identityLinker } from "../commands/identity-linker.js";
import { linkedOrganisationIds, type EherkenningIdentity } from "../commands/identity-resolver.js";
import { passwordResetChecker, passwordResetRequester, passwordResetter } from "../commands/password-resetter.js";
import { pinConfirmer } from "../commands/pin-confirmer.js";
import { presentSession } from "../session-presenter.js";
import type { ContactSessionPrincipal } from "../session-store.js";

/** Deps of {@link authRouter}. */
export interface AuthRouteDeps {
  mailer: Mailer;
  /** Pepper for PIN hashes (the session secret). */
  pepper: string;
  publicUrl: string;
}

/** The identity that is linking: the pending eHerkenning identity, or the logged-in contact ("Account toevoegen"). */
function linkingIdentity(req: Request): EherkenningIdentity {
  const pending = req.session.data.pendingLink;
  if (pending) return { pseudonym: pending.pseudonym, kvk: pending.kvk, name: pending.name };
  const p = req.session.data.principal;
  if (p?.type === "contact") return { pseudonym: p.ehPseudonym, kvk: p.kvk, name: p.name };
  throw new AppError("no_pending_link");
}

export function authRouter(deps: AuthRouteDeps): Router {
  const router = Router();

  router.get("/session", async (req, res) => {
    res.set("Cache-Control", "no-store").json(await presentSession(req.session));
  });

  router.post("/session/switch", async (req, res) => {
    const body = switchRequestSchema.parse(req.body);
    const principal = await accountSwitcher({ principal: contactOf(req), organisationId: body.organisationId, ip: req.ip });
    await req.session.update({ principal });
    res.json(await presentSession(req.session));
  });

  router.post("/auth/link", async (req, res) => {
    const request = linkRequestSchema.parse(req.body);
    const identity = linkingIdentity(req);
    const result = await identityLinker({ identity, request, mailer: deps.mailer, pepper: deps.pepper, ip: req.ip });
    await req.session.update({
      pendingLink: { ...identity, pinId: result.pinId, emailMasked: result.emailMasked, pinExpiresAtMs: result.pinExpiresAt.getTime() },
    });
    const body: LinkResponse = { status: "pin_sent", emailMasked: result.emailMasked, pinExpiresAt: result.pinExpiresAt.toISOString() };
    res.status(202).json(body);
  });

  router.post("/auth/link/confirm", async (req, res) => {
    const { pin } = linkConfirmRequestSchema.parse(req.body);
    const pending = req.session.data.pendingLink;
    if (!pending?.pinId) throw new AppError("no_pending_pin");
    const identity = { pseudonym: pending.pseudonym, kvk: pending.kvk, name: pending.name };
    const { organisationId } = await pinConfirmer({ pinId: pending.pinId, pin, identity, pepper: deps.pepper, ip: req.ip });
    const accounts = await linkedOrganisationIds(identity.pseudonym, identity.kvk);
    const principal: ContactSessionPrincipal = {
      type: "contact",
      ehPseudonym: identity.pseudonym,
      kvk: identity.kvk,
      name: identity.name,
      accounts,
      activeOrganisationId: organisationId,
      actingForSchoolId: null,
    };
    await req.session.rotate({ principal, pendingLink: null });
    await recordAudit({ type: "login", actor: { type: "contact", id: identity.pseudonym }, organisationId, ip: req.ip, data: { method: "link" } });
    const body: LinkConfirmResponse = { redirectTo: "/portaal", session: await presentSession(req.session) };
    res.json(body);
  });

  router.post("/auth/password-forgotten", async (req, res) => {
    const { username } = passwordForgottenRequestSchema.parse(req.body);
    await passwordResetRequester({ username, mailer: deps.mailer, publicUrl: deps.publicUrl, ip: req.ip });
    res.status(202).json({});
  });

  router.post("/auth/password-reset/check", async (req, res) => {
    const { token } = passwordResetCheckSchema.parse(req.body);
    const { username, expiresAt } = await passwordResetChecker(token);
    const body: PasswordResetCheckResponse = { username, expiresAt: expiresAt.toISOString() };
    res.json(body);
  });

  router.post("/auth/password-reset", async (req, res) => {
    const { token, password } = passwordResetRequestSchema.parse(req.body);
    await passwordResetter({ token, password, ip: req.ip });
    res.status(204).end();
  });

  router.post("/auth/agent/login", async (req, res) => {
    const { username, password } = agentLoginRequestSchema.parse(req.body);
    const principal = await agentAuthenticator({ username, password, ip: req.ip });
    await req.session.rotate({ principal, pendingLink: null });
    res.json(await presentSession(req.session));
  });

  router.post("/auth/logout", async (req, res) => {
    const p = req.session.data.principal;
    if (p) {
      await recordAudit({
        type: "logout",
        actor: p.type === "agent" ? { type: "agent", id: p.agentId } : { type: "contact", id: p.ehPseudonym },
        organisationId: p.type === "contact" ? p.activeOrganisationId : null,
        ip: req.ip,
      });
    }
    await req.session.destroy();
    res.json(await presentSession(req.session));
  });

  return router;
}
