/**
 * Identity's JSON routes under `/api/v1`, declared with `defineRoute` like every other route (so they are
 * validated, authenticated and documented in `/api/openapi.json` the same way): session, switch, link (+
 * confirm), wachtwoord vergeten/herstellen, agent login, logout, an organisation's links and activation code.
 * Thin: validate → command → present. The contract is contracts/api/auth.ts; the browser navigations of
 * eHerkenning (`/auth/eherkenning/*`, redirects, not JSON) stay in eherkenning.routes.ts.
 */
import type { Request } from "express";
import { z } from "zod";
import {
  activationCodeResponseSchema,
  agentLoginRequestSchema,
  linkConfirmRequestSchema,
  linkConfirmResponseSchema,
  linkListResponseSchema,
  linkRequestSchema,
  linkResponseSchema,
  passwordForgottenRequestSchema,
  passwordResetCheckSchema,
  passwordResetRequestSchema,
  sessionResponseSchema,
  switchRequestSchema,
} from "../../../contracts/api/auth.js";
import { AppError } from "../../../contracts/errors.js";
import { defineRoute, type RouteSpec } from "../../../http/define-route.js";
import { recordAudit } from "../../audit/record-audit.js";
import { accountSwitcher } from "../commands/account-switcher.js";
import { activationCodeIssuer } from "../commands/activation-code-issuer.js";
import { agentAuthenticator } from "../commands/agent-authenticator.js";
import { identityLinker } from "../commands/identity-linker.js";
import { linkedOrganisationIds, type EherkenningIdentity } from "../commands/identity-resolver.js";
import { linkLister } from "../commands/link-lister.js";
import { linkRevoker } from "../commands/link-revoker.js";
import { passwordResetChecker, passwordResetRequester, passwordResetter } from "../commands/password-resetter.js";
import { pinConfirmer } from "../commands/pin-confirmer.js";
import { presentSession } from "../session-presenter.js";
import type { ContactSessionPrincipal } from "../session-store.js";

const TAG = "Identiteit";

/** The identity that is linking: the pending eHerkenning identity, or the logged-in contact ("Account toevoegen"). */
function linkingIdentity(req: Request): EherkenningIdentity {
  const pending = req.session.data.pendingLink;
  if (pending) return { pseudonym: pending.pseudonym, kvk: pending.kvk, name: pending.name };
  const p = req.session.data.principal;
  if (p?.type === "contact") return { pseudonym: p.ehPseudonym, kvk: p.kvk, name: p.name };
  throw new AppError("no_pending_link");
}

// Ids in these paths are checked by the commands (403/404 as for any id the caller may not see), not as 400s.
const linksParams = z.object({ orgId: z.string() });
const linkParams = z.object({ orgId: z.string(), linkId: z.string() });

export const identityRoutes: readonly RouteSpec[] = [
  defineRoute({
    method: "get",
    path: "/session",
    summary: "The caller's session: who is logged in, the CSRF token, a pending link, expiry (never an error)",
    tag: TAG,
    auth: "public",
    response: sessionResponseSchema,
    handler: async ({ req, res, services }) => {
      res.set("Cache-Control", "no-store");
      return presentSession(req.session, services.demo);
    },
  }),
  defineRoute({
    method: "post",
    path: "/session/switch",
    summary: "Work in another of the contact's linked accounts (or a school of the board)",
    tag: TAG,
    auth: "contact",
    body: switchRequestSchema,
    response: sessionResponseSchema,
    handler: async ({ req, body, principal, services }) => {
      const next = await accountSwitcher({ principal, organisationId: body.organisationId, ip: req.ip });
      await req.session.update({ principal: next });
      return presentSession(req.session, services.demo);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/link",
    summary: "Koppelen, step 1: username + password or activation code, and a personal e-mail; mails a PIN",
    tag: TAG,
    auth: "public",
    body: linkRequestSchema,
    response: linkResponseSchema,
    status: 202,
    handler: async ({ req, body, services }) => {
      const identity = linkingIdentity(req);
      const result = await identityLinker({ identity, request: body, mailer: services.mailer, pepper: services.pepper, ip: req.ip });
      await req.session.update({
        pendingLink: { ...identity, pinId: result.pinId, emailMasked: result.emailMasked, pinExpiresAtMs: result.pinExpiresAt.getTime() },
      });
      return { status: "pin_sent" as const, emailMasked: result.emailMasked, pinExpiresAt: result.pinExpiresAt.toISOString() };
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/link/confirm",
    summary: "Koppelen, step 2: the PIN from the mail; links the identity, rotates the session, logs in",
    tag: TAG,
    auth: "public",
    body: linkConfirmRequestSchema,
    response: linkConfirmResponseSchema,
    handler: async ({ req, body, services }) => {
      const pending = req.session.data.pendingLink;
      if (!pending?.pinId) throw new AppError("no_pending_pin");
      const identity = { pseudonym: pending.pseudonym, kvk: pending.kvk, name: pending.name };
      const { organisationId } = await pinConfirmer({ pinId: pending.pinId, pin: body.pin, identity, pepper: services.pepper, ip: req.ip });
      const principal: ContactSessionPrincipal = {
        type: "contact",
        ehPseudonym: identity.pseudonym,
        kvk: identity.kvk,
        name: identity.name,
        accounts: await linkedOrganisationIds(identity.pseudonym, identity.kvk),
        activeOrganisationId: organisationId,
        actingForSchoolId: null,
      };
      await req.session.rotate({ principal, pendingLink: null });
      await recordAudit({ type: "login", actor: { type: "contact", id: identity.pseudonym }, organisationId, ip: req.ip, data: { method: "link" } });
      return { redirectTo: "/portaal", session: await presentSession(req.session, services.demo) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password-forgotten",
    summary: "Wachtwoord vergeten: mails a reset link to the account's gemachtigde (always 202, no enumeration)",
    tag: TAG,
    auth: "public",
    body: passwordForgottenRequestSchema,
    response: z.object({}),
    status: 202,
    handler: async ({ req, body, services }) => {
      await passwordResetRequester({ username: body.username, mailer: services.mailer, publicUrl: services.publicUrl, ip: req.ip });
      return {};
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password-reset/check",
    summary: "Is this reset link still usable? (POST so the token stays out of access logs)",
    tag: TAG,
    auth: "public",
    body: passwordResetCheckSchema,
    response: z.object({ username: z.string(), expiresAt: z.iso.datetime() }),
    handler: async ({ body }) => {
      const { username, expiresAt } = await passwordResetChecker(body.token);
      return { username, expiresAt: expiresAt.toISOString() };
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/password-reset",
    summary: "Set a new password with a reset link's token (single use)",
    tag: TAG,
    auth: "public",
    body: passwordResetRequestSchema,
    handler: async ({ req, body }) => {
      await passwordResetter({ token: body.token, password: body.password, ip: req.ip });
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/agent/login",
    summary: "Helpdesk login with username and password; rotates the session",
    tag: TAG,
    auth: "public",
    body: agentLoginRequestSchema,
    response: sessionResponseSchema,
    handler: async ({ req, body, services }) => {
      const principal = await agentAuthenticator({ username: body.username, password: body.password, ip: req.ip });
      await req.session.rotate({ principal, pendingLink: null });
      return presentSession(req.session, services.demo);
    },
  }),
  defineRoute({
    method: "post",
    path: "/auth/logout",
    summary: "Log out (ends the session; its sockets are closed)",
    tag: TAG,
    auth: "public",
    response: sessionResponseSchema,
    handler: async ({ req, principal, services }) => {
      if (principal) {
        await recordAudit({
          type: "logout",
          actor: principal.type === "agent" ? { type: "agent", id: principal.agentId } : { type: "contact", id: principal.ehPseudonym },
          organisationId: principal.type === "contact" ? principal.activeOrganisationId : null,
          ip: req.ip,
        });
      }
      await req.session.destroy();
      return presentSession(req.session, services.demo);
    },
  }),
  defineRoute({
    method: "get",
    path: "/organisations/:orgId/links",
    summary: "The eHerkenning identities linked to an organisation's account (helpdesk and the gemachtigde)",
    tag: TAG,
    auth: "principal",
    params: linksParams,
    response: linkListResponseSchema,
    handler: async ({ params, principal }) => linkLister({ actor: principal, organisationId: params.orgId }),
  }),
  defineRoute({
    method: "delete",
    path: "/organisations/:orgId/links/:linkId",
    summary: "Undo a link (means lost, stolen or broken): the person's sessions and sockets end at once",
    tag: TAG,
    auth: "principal",
    params: linkParams,
    handler: async ({ req, params, principal, services }) => {
      await linkRevoker({ actor: principal, organisationId: params.orgId, linkId: params.linkId, sessions: services.sessions, ip: req.ip });
    },
  }),
  defineRoute({
    method: "post",
    path: "/organisations/:orgId/activation-code",
    summary: "A fresh activation code (24 h, single use) for the organisation's account, shown once (helpdesk)",
    tag: TAG,
    auth: "agent",
    params: linksParams,
    response: activationCodeResponseSchema,
    status: 201,
    handler: async ({ req, res, params, principal }) => {
      const issued = await activationCodeIssuer({ actor: principal, organisationId: params.orgId, ip: req.ip });
      res.set("Cache-Control", "no-store");
      return { username: issued.username, activationCode: issued.activationCode, expiresAt: issued.expiresAt.toISOString() };
    },
  }),
];
