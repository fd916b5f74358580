/**
 * Balie as eHerkenning relying party over OpenID Connect (`openid-client` v6): authorization code flow with
 * PKCE, state and nonce. Discovery is lazy (first login) and retried after a failure, so Balie starts even when
 * the broker is down, and the built-in simulator (same process) can be discovered once the server listens.
 *
 * Identity = ActingSubjectID (pseudonym) + LegalSubjectID (KvK). Claim names are configurable; defaults are the
 * plain `acting_subject_id` / `legal_subject_id` / `name` that the simulator issues. A real broker that uses
 * e.g. `urn:etoegang:core:ActingSubjectID` is configured through {@link EherkenningClaimNames}.
 */
import * as oidc from "openid-client";

/** Assurance levels Balie accepts (EH3, EH4). */
export const ACCEPTED_ACR = ["urn:etoegang:core:assurance-class:loa3", "urn:etoegang:core:assurance-class:loa4"] as const;

/** Claim names holding the identity. */
export interface EherkenningClaimNames {
  actingSubject: string;
  legalSubject: string;
  name: string;
}

export const DEFAULT_CLAIM_NAMES: EherkenningClaimNames = {
  actingSubject: "acting_subject_id",
  legalSubject: "legal_subject_id",
  name: "name",
};

/** Options of {@link createRelyingParty}. */
export interface RelyingPartyOptions {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** Absolute URL of `/auth/eherkenning/callback`. */
  redirectUri: string;
  /** Allow http:// (the simulator in development and tests); never in production. */
  allowInsecureRequests: boolean;
  claimNames?: Partial<EherkenningClaimNames>;
  /** Rewrites back-channel URLs (discovery, token, keys) before they are fetched; see identity/install.ts. */
  backChannel?: (url: URL) => URL;
}

/** What must be remembered (in the session) between start and callback. */
export interface AuthorizationState {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Outcome of a callback. */
export type CallbackResult =
  | { ok: true; acr: string; identity: { pseudonym: string; kvk: string; name: string } }
  | { ok: false; reason: "assurance_too_low"; acr: string | null }
  | { ok: false; reason: "eherkenning_cancelled" | "eherkenning_failed"; detail: string };

export interface RelyingParty {
  /** Builds the broker URL and the state to keep. */
  start(): Promise<{ url: URL; state: AuthorizationState }>;
  /** Exchanges the code; checks state, nonce, PKCE, id_token and the assurance level. */
  callback(currentUrl: URL, expected: AuthorizationState): Promise<CallbackResult>;
}

export function createRelyingParty(options: RelyingPartyOptions): RelyingParty {
  const claims = { ...DEFAULT_CLAIM_NAMES, ...options.claimNames };
  let configuration: Promise<oidc.Configuration> | undefined;
  const rewrite = options.backChannel;
  const backChannelFetch: oidc.CustomFetch | undefined = rewrite
    ? (url, init) => fetch(rewrite(new URL(url)), init as RequestInit)
    : undefined;

  function discover(): Promise<oidc.Configuration> {
    configuration ??= oidc
      .discovery(
        new URL(options.issuerUrl),
        options.clientId,
        options.clientSecret,
        oidc.ClientSecretBasic(options.clientSecret),
        {
          ...(options.allowInsecureRequests ? { execute: [oidc.allowInsecureRequests] } : {}),
          ...(backChannelFetch ? { [oidc.customFetch]: backChannelFetch } : {}),
        },
      )
      .then((config) => {
        if (backChannelFetch) config[oidc.customFetch] = backChannelFetch;
        return config;
      })
      .catch((err: unknown) => {
        configuration = undefined;
        throw err;
      });
    return configuration;
  }

  return {
    async start() {
      const config = await discover();
      const state: AuthorizationState = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: "openid",
        response_type: "code",
        state: state.state,
        nonce: state.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(state.codeVerifier),
        code_challenge_method: "S256",
        acr_values: ACCEPTED_ACR.join(" "),
        // Every Balie login authenticates at the broker (no silent broker SSO after "Uitloggen").
        prompt: "login",
      });
      return { url, state };
    },

    async callback(currentUrl, expected) {
      if (currentUrl.searchParams.get("error") === "access_denied") {
        return { ok: false, reason: "eherkenning_cancelled", detail: "access_denied" };
      }
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        const config = await discover();
        tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: expected.codeVerifier,
          expectedState: expected.state,
          expectedNonce: expected.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        const error = (err as { error?: unknown }).error;
        if (error === "access_denied") return { ok: false, reason: "eherkenning_cancelled", detail: "access_denied" };
        return { ok: false, reason: "eherkenning_failed", detail: err instanceof Error ? err.message : String(err) };
      }
      const idClaims: Record<string, unknown> = tokens.claims() ?? {};
      const acr = typeof idClaims.acr === "string" ? idClaims.acr : null;
      if (!acr || !(ACCEPTED_ACR as readonly string[]).includes(acr)) return { ok: false, reason: "assurance_too_low", acr };
      const pseudonym = idClaims[claims.actingSubject];
      const kvk = idClaims[claims.legalSubject];
      const name = idClaims[claims.name];
      if (typeof pseudonym !== "string" || !pseudonym || typeof kvk !== "string" || !kvk) {
        return { ok: false, reason: "eherkenning_failed", detail: "identity claims missing" };
      }
      return { ok: true, acr, identity: { pseudonym, kvk, name: typeof name === "string" ? name : "" } };
    },
  };
}
