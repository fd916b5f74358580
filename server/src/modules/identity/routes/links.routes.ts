/**
 * eHerkenning links of an organisation: list and undo (lost or stolen means). Agents, supervisors and the
 * organisation's gemachtigde (policies.ts). Mounted under `/api/v1`.
 */
import { Router } from "express";
import { Types } from "mongoose";
import type { ActivationCodeResponse, LinkListResponse } from "../../../contracts/api/auth.js";
import { AppError } from "../../../contracts/errors.js";
import { agentOf, principalOf } from "../../../http/middleware/auth.js";
import { activationCodeIssuer } from "../commands/activation-code-issuer.js";
import { linkRevoker } from "../commands/link-revoker.js";
import { EherkenningLinkModel } from "../eherkenning-link.model.js";
import { actsAsGemachtigde } from "../policies.js";
import type { SessionStore } from "../session-store.js";

export function linksRouter(deps: { sessions: SessionStore }): Router {
  const router = Router();

  router.get("/organisations/:orgId/links", async (req, res) => {
    const principal = principalOf(req);
    if (!principal) throw new AppError("unauthenticated");
    const orgId = req.params.orgId;
    if (!Types.ObjectId.isValid(orgId) || !(await actsAsGemachtigde(principal, orgId))) throw new AppError("forbidden");
    const links = await EherkenningLinkModel.find({ organisationId: orgId }).sort({ linkedAt: 1 }).lean().exec();
    const body: LinkListResponse = {
      links: links.map((l) => ({
        linkId: String(l._id),
        name: l.name,
        email: l.email,
        kvk: l.kvk,
        linkedAt: l.linkedAt.toISOString(),
        lastUsedAt: l.lastUsedAt.toISOString(),
      })),
    };
    res.json(body);
  });

  router.delete("/organisations/:orgId/links/:linkId", async (req, res) => {
    const principal = principalOf(req);
    if (!principal) throw new AppError("unauthenticated");
    await linkRevoker({ actor: principal, organisationId: req.params.orgId, linkId: req.params.linkId, sessions: deps.sessions, ip: req.ip });
    res.status(204).end();
  });

  router.post("/organisations/:orgId/activation-code", async (req, res) => {
    const actor = agentOf(req);
    const issued = await activationCodeIssuer({ actor, organisationId: req.params.orgId, ip: req.ip });
    const body: ActivationCodeResponse = { username: issued.username, activationCode: issued.activationCode, expiresAt: issued.expiresAt.toISOString() };
    res.status(201).set("Cache-Control", "no-store").json(body);
  });

  return router;
}
