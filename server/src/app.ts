import compression from "compression";
import express, { type Express } from "express";
import helmet from "helmet";
import type { Redis } from "ioredis";
import type { Config } from "./config/env.js";
import { createHealthRouter, type HealthDeps } from "./http/health.js";
import { requireAgent } from "./http/middleware/auth.js";
import { errorHandler } from "./http/middleware/error-handler.js";
import { apiNotFound, createApiRouter, createOpenApiRouter } from "./http/router.js";
import { createApiDocsRouter } from "./http/api-docs.js";
import { createStaticRouter } from "./http/static.js";
import { httpMetrics, metricsRoute } from "./http/metrics-routes.js";
import type { Metrics } from "./infra/metrics.js";
import { createHttpLogger, type Logger } from "./infra/logger.js";
import { installIdentity } from "./modules/identity/install.js";
import { redisSessionStore } from "./modules/identity/redis-session-store.js";
import { configureHistoryNotifications } from "./modules/contact-moments/history-routes.js";

/** What {@link createApp} needs besides config. */
export interface AppDeps {
  logger: Logger;
  /** Readiness checks for `/readyz`. */
  health: HealthDeps;
  /** Shared Redis client when REDIS_URL is set: sessions live there so every process sees them. */
  redis?: Redis | undefined;
  /** Directory of the Vite build (`dist/public`); a placeholder page is served when it has no index.html. */
  publicDir: string;
  /** Prometheus metrics of this process. */
  metrics?: Metrics | undefined;
}

/**
 * The Express application: security headers, request logging, health probes, `/api/v1`, static files and the
 * error middleware, in that order. No listening and no I/O here; see `server.ts`.
 */
export function createApp(config: Config, deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  // Which X-Forwarded-* to believe (TRUST_PROXY): req.ip, and so audit entries and rate limits, see the real
  // client behind our proxies, and a client cannot spoof it by sending the header itself.
  app.set("trust proxy", config.http.trustProxy === false ? false : config.http.trustProxy);
  const httpsOnly = config.isProduction && config.http.publicUrl.startsWith("https:");

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          fontSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          // 'self' covers same-origin ws:/wss: in current browsers; Socket.IO falls back to polling otherwise.
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          // Only where Balie is served over https: in an http lab (ALLOW_INSECURE_PUBLIC_URL) it would break every page.
          ...(httpsOnly ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // HSTS only makes sense behind https in production; on http://localhost it would only confuse browsers.
      strictTransportSecurity: httpsOnly,
    }),
  );
  app.use(createHttpLogger(deps.logger));
  if (deps.metrics) {
    app.use(httpMetrics(deps.metrics));
    if (config.metrics.token) app.use(metricsRoute(deps.metrics, config.metrics.token));
  }
  app.use(createHealthRouter(deps.health));
  app.use(express.json({ limit: config.http.jsonBodyLimit }));
  // Identity: eHerkenning (+ simulator), sessions, CSRF, /dev/mail, auth routes (see modules/identity/install.ts).
  const identity = installIdentity(app, {
    config,
    logger: deps.logger,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.redis ? { sessions: redisSessionStore(deps.redis) } : {}),
  });
  // "Er staat een nieuw bericht in uw Digitaal archief" goes out through the same mailer as the PIN mails.
  configureHistoryNotifications({ mailer: identity.mailer, publicUrl: config.http.publicUrl });

  app.use("/api/v1", createApiRouter({ mailer: identity.mailer, sessions: identity.sessions, pepper: config.session.secret, publicUrl: config.http.publicUrl, demo: config.seed.demo }));
  if (config.apiDocs !== "off") {
    if (config.apiDocs === "agents") app.use(["/api/docs", "/api/docs.css", "/api/openapi.json"], requireAgent());
    app.use("/api", createOpenApiRouter());
    app.use("/api", createApiDocsRouter());
  }
  app.use("/api", apiNotFound);

  // Pages, bundles and the embeddable chat go out compressed (the chat loader's budget is ≤ 10 KB gzip on the
  // wire). API answers are small JSON pages and stay uncompressed, so their latency is not spent on deflate.
  app.use(compression());
  app.use(createStaticRouter(deps.publicDir));
  app.use(errorHandler);
  return app;
}
