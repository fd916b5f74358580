/**
 * Wires identity into the Express app, in this order (call it after `express.json()` and before the `/api/v1`
 * router, so every later route has `req.session` and CSRF protection):
 * 1. `/eh-sim` eHerkenning simulator (when enabled; loud warning if that is production),
 * 2. `/dev/mail` development outbox (without SMTP_URL, never in production),
 * 3. the session middleware and CSRF protection for every route (the simulator is exempt),
 * 4. `/auth/eherkenning/*` (browser navigations). Identity's JSON routes (`/api/v1/session`, `/api/v1/auth/*`,
 *    an organisation's links and activation code) are declared in routes/identity.routes.ts and mounted with
 *    every other `/api/v1` route.
 * The hourly stale-link job (`jobs/stale-link-remover.ts`) is started by `server.ts` with the other jobs.
 */
import type { Express } from "express";

import type { Config } from "../../config/env.js";
import { createSessionMiddleware } from "../../http/middleware/session.js";
import { csrfProtection } from "../../http/middleware/csrf.js";
import { createRelyingParty, type EherkenningClaimNames, type RelyingParty } from "../../infra/eherkenning/relying-party.js";
import { devOutboxRouter, type DevOutbox } from "../../infra/dev-outbox.js";
import type { Logger } from "../../infra/logger.js";
import { createMailer, type Mailer } from "../../infra/mailer.js";
import type { Metrics } from "../../infra/metrics.js";
import { createEhSimulator, SIMULATOR_PATH } from "../eh-simulator/simulator.js";
import { eherkenningRouter } from "./routes/eherkenning.routes.js";
import { sha256 } from "./secrets.js";
import { mongoSessionStore, type SessionStore } from "./session-store.js";

/** Options of {@link installIdentity}. */
export interface InstallIdentityOptions {
  config: Config;
  logger: Logger;
  /** Replace the mailer (tests); default: SMTP_URL or the dev outbox. */
  mailer?: Mailer;
  /** Replace the session store; default MongoDB. */
  sessions?: SessionStore;
  /** Claim names of a real broker (defaults: acting_subject_id / legal_subject_id / name). */
  claimNames?: Partial<EherkenningClaimNames>;
  /** Counts mails sent and failed. */
  metrics?: Pick<Metrics, "mails">;
}

/** What {@link installIdentity} set up. */
export interface IdentityHandle {
  mailer: Mailer;
  /** The dev outbox when mails stay in memory. */
  outbox: DevOutbox | undefined;
  sessions: SessionStore;
  /** Closes the mailer. */
  stop(): Promise<void>;
}

export function installIdentity(app: Express, options: InstallIdentityOptions): IdentityHandle {
  const { config, logger } = options;
  const log = logger.child({ module: "identity" });
  const publicUrl = config.http.publicUrl;
  const mailerHandle = options.mailer ? undefined : createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from });
  const plainMailer: Mailer = options.mailer ?? mailerHandle!;
  const mails = options.metrics?.mails;
  const mailer: Mailer = mails
    ? {
        send: (message) =>
          plainMailer.send(message).then(
            () => void mails.inc({ result: "sent" }),
            (err: unknown) => {
              mails.inc({ result: "failed" });
              throw err;
            },
          ),
        close: () => plainMailer.close(),
      }
    : plainMailer;
  const sessions = options.sessions ?? mongoSessionStore();
  const redirectUri = `${publicUrl}/auth/eherkenning/callback`;
  const clientId = config.eherkenning.clientId ?? "balie";
  const clientSecret = config.eherkenning.clientSecret ?? sha256(`eh-sim:${config.session.secret}`);

  let issuerUrl = config.eherkenning.issuerUrl;
  let simulatorIssuer: string | undefined;
  // The simulator keeps its state (codes, grants) in this process's memory. Behind a proxy with several nodes,
  // its token call must reach this node, not whichever node the proxy picks: back-channel calls to it go here.
  const ownOrigin = config.http.port ? `http://${["0.0.0.0", "::", ""].includes(config.http.host) ? "127.0.0.1" : config.http.host}:${config.http.port}` : undefined;
  if (config.eherkenning.simulator) {
    if (config.isProduction) {
      log.warn("!!! THE eHERKENNING SIMULATOR IS MOUNTED IN PRODUCTION (EH_SIMULATOR_ALLOW_IN_PRODUCTION). ANYONE CAN LOG IN AS ANYONE. !!!");
    }
    const sim = createEhSimulator({
      publicUrl,
      clientId,
      clientSecret,
      redirectUri,
      cookieKeys: [config.session.secret, ...config.session.previousSecrets].map((s) => sha256(`eh-sim-cookie:${s}`)),
      claimNames: { ...config.eherkenning.claims, ...options.claimNames },
    });
    app.use(sim.router);
    issuerUrl = sim.issuer;
    simulatorIssuer = sim.issuer;
    log.info({ issuer: sim.issuer }, "eHerkenning simulator mounted");
  } else if (!issuerUrl) {
    log.warn("no EH_ISSUER_URL configured and the simulator is off: eHerkenning login is unavailable");
  }

  const outbox = mailerHandle?.outbox;
  if (outbox && !config.isProduction) app.use(devOutboxRouter(outbox));

  app.use(createSessionMiddleware({ store: sessions, secureCookie: config.isProduction, csrfSecret: config.session.secret }));
  app.use(csrfProtection({ exempt: [SIMULATOR_PATH] }));

  let rp: RelyingParty | undefined;
  const relyingParty = (): RelyingParty => {
    if (!issuerUrl) throw new Error("eHerkenning is not configured");
    rp ??= createRelyingParty({
      issuerUrl,
      clientId,
      clientSecret,
      redirectUri,
      // A real broker is always https in production. Our own simulator lives at PUBLIC_URL, which is http in
      // production only in a lab that said so (ALLOW_INSECURE_PUBLIC_URL), e.g. the proxied cluster test.
      allowInsecureRequests: issuerUrl.startsWith("http:") && (!config.isProduction || config.eherkenning.simulator),
      ...(simulatorIssuer && ownOrigin ? { backChannel: toOwnNode(simulatorIssuer, ownOrigin) } : {}),
      claimNames: { ...config.eherkenning.claims, ...options.claimNames },
    });
    return rp;
  };

  app.use(eherkenningRouter({ relyingParty, publicUrl, logger: log }));

  return {
    mailer,
    outbox,
    sessions,
    async stop() {
      await mailer.close();
    },
  };
}

/**
 * Rewrites back-channel URLs under the simulator's public issuer URL (token, keys) to this node's own address.
 * Discovery stays on the public URL: the simulator builds its endpoint URLs from the request's host, and the
 * browser must be sent to the public one.
 */
function toOwnNode(issuer: string, origin: string): (url: URL) => URL {
  const prefix = new URL(issuer);
  return (url) =>
    url.origin === prefix.origin && url.pathname.startsWith(prefix.pathname) && !url.pathname.includes("/.well-known/")
      ? new URL(url.pathname + url.search, origin)
      : url;
}
