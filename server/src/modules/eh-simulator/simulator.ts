/**
 * The simulated eHerkenning broker: an `oidc-provider` v9 OpenID Provider mounted at `/eh-sim`, with Balie
 * registered as its only client, and our own interaction pages (supplier choice, then test identity and the
 * assurance level to return, so EH2 refusal can be demonstrated). The id_token carries `acr` and the identity
 * claims under the configured names (default `acting_subject_id` (pseudonym), `legal_subject_id` (KvK), `name`).
 *
 * Development, demo and tests only; `installIdentity` refuses to mount it in production unless explicitly
 * allowed (EH_SIMULATOR_ALLOW_IN_PRODUCTION), and logs loudly when it does.
 */
import { generateKeyPairSync } from "node:crypto";
import express, { Router, type Request, type Response } from "express";
import Provider, { type Configuration } from "oidc-provider";
import type { EherkenningClaimNames } from "../../infra/eherkenning/relying-party.js";
import { Types } from "mongoose";
import { identityPage, SIM_CSS, SIM_LEVELS, SIM_SUPPLIERS, supplierPage } from "./pages.js";
import { SimIdentityModel } from "./sim-identity.model.js";

/** Mount path of the simulator. */
export const SIMULATOR_PATH = "/eh-sim";

/** Options of {@link createEhSimulator}. */
export interface EhSimulatorOptions {
  /** Balie's public URL; the issuer becomes `${publicUrl}/eh-sim`. */
  publicUrl: string;
  clientId: string;
  clientSecret: string;
  /** Balie's callback (`${publicUrl}/auth/eherkenning/callback`). */
  redirectUri: string;
  /** Keys for the simulator's own cookies. */
  cookieKeys: string[];
  /** Claim names to issue the identity under (the same ones Balie's relying party reads). */
  claimNames: EherkenningClaimNames;
}

interface SubjectClaims {
  pseudonym: string;
  kvk: string;
  name: string;
}

/** The sub encodes the chosen identity, so the provider needs no account store. */
function encodeSub(claims: SubjectClaims): string {
  return Buffer.from(JSON.stringify(claims)).toString("base64url");
}
function decodeSub(sub: string): SubjectClaims | null {
  try {
    const parsed = JSON.parse(Buffer.from(sub, "base64url").toString("utf8")) as SubjectClaims;
    return typeof parsed.pseudonym === "string" && typeof parsed.kvk === "string" ? parsed : null;
  } catch {
    return null;
  }
}

/** Builds the simulator; mount the returned router at the app root (its routes start with `/eh-sim`). */
export function createEhSimulator(options: EhSimulatorOptions): { router: Router; issuer: string } {
  const issuer = `${options.publicUrl}${SIMULATOR_PATH}`;
  const names = options.claimNames;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...jwk, kid: "eh-sim-1", alg: "RS256", use: "sig" } as never] },
    claims: { openid: ["sub", names.actingSubject, names.legalSubject, names.name] },
    conformIdTokenClaims: false,
    acrValues: SIM_LEVELS.map((l) => l.value),
    pkce: { required: () => true },
    ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, Interaction: 900, Session: 900, Grant: 900 },
    cookies: { keys: options.cookieKeys },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `${SIMULATOR_PATH}/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const claims = decodeSub(sub);
      if (!claims) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, [names.actingSubject]: claims.pseudonym, [names.legalSubject]: claims.kvk, [names.name]: claims.name };
        },
      };
    },
    // Balie is a first-party client: grant `openid` and the identity claims without a consent screen.
    async loadExistingGrant(ctx) {
      const client = ctx.oidc.client!;
      const session = ctx.oidc.session!;
      const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
      grant.addOIDCScope("openid");
      grant.addOIDCClaims(["sub", names.actingSubject, names.legalSubject, names.name, "acr"]);
      await grant.save();
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Fout – eHerkenning (simulator)</title></head><body><main><h1>Er ging iets mis</h1><p>${String(out.error).replace(/[<>&"]/g, "")}</p></main></body></html>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  // The simulator is reached over http://127.0.0.1 in tests; no proxy headers to trust.
  provider.proxy = false;

  const router = Router();
  const form = express.urlencoded({ extended: false, limit: "10kb" });
  const base = `${SIMULATOR_PATH}/interaction/:uid`;

  router.get(`${SIMULATOR_PATH}/assets/style.css`, (_req, res) => {
    res.type("css").set("Cache-Control", "no-cache").send(SIM_CSS);
  });

  router.get(base, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== req.params.uid) throw new Error("interaction mismatch");
      html(res, supplierPage(details.uid));
    } catch (err) {
      next(err);
    }
  });

  router.post(`${base}/supplier`, form, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const supplier = SIM_SUPPLIERS.find((s) => s.id === (req.body as Record<string, string>).supplier) ?? SIM_SUPPLIERS[0];
      html(res, identityPage(details.uid, supplier.name, await listIdentities()));
    } catch (err) {
      next(err);
    }
  });

  router.post(`${base}/login`, form, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const body = req.body as Record<string, string | undefined>;
      const acr = SIM_LEVELS.find((l) => l.value === body.acr)?.value ?? SIM_LEVELS[1].value;
      let claims: SubjectClaims | null = null;
      if (body.identity && body.identity !== "custom" && Types.ObjectId.isValid(body.identity)) {
        const chosen = await SimIdentityModel.findById(body.identity).lean().exec();
        if (chosen) claims = { pseudonym: chosen.pseudonym, kvk: chosen.kvk, name: chosen.name };
      } else {
        const kvk = (body.kvk ?? "").trim();
        const pseudonym = (body.pseudonym ?? "").trim();
        const name = (body.name ?? "").trim();
        if (/^\d{8}$/.test(kvk) && pseudonym.length >= 3 && pseudonym.length <= 100 && name.length <= 100) claims = { pseudonym, kvk, name };
      }
      if (!claims) {
        html(res, identityPage(details.uid, SIM_SUPPLIERS[0].name, await listIdentities(), "Kies een testidentiteit, of vul een naam, een KvK-nummer van 8 cijfers en een pseudoniem in."), 422);
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: encodeSub(claims), acr, amr: ["pwd"] } }, { mergeWithLastSubmission: false });
    } catch (err) {
      next(err);
    }
  });

  router.post(`${base}/abort`, async (req, res, next) => {
    try {
      await provider.interactionFinished(req, res, { error: "access_denied", error_description: "Inloggen geannuleerd" }, { mergeWithLastSubmission: false });
    } catch (err) {
      next(err);
    }
  });

  router.use(SIMULATOR_PATH, provider.callback());
  return { router, issuer };
}

async function listIdentities() {
  return SimIdentityModel.find().sort({ label: 1, name: 1 }).limit(50).lean().exec();
}

function html(res: Response, body: string, status = 200): void {
  res.status(status).type("html").set("Cache-Control", "no-store").send(body);
}

export type { Request };
