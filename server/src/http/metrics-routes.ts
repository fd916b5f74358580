/**
 * `/metrics` for Prometheus: on its own listener (`METRICS_PORT`, reachable only where the operator exposes it)
 * and/or on the main app behind `Authorization: Bearer METRICS_TOKEN`. The HTTP middleware records every
 * request's duration under its route template (`/api/v1/organisations/:organisationId`), never the raw URL.
 */
import { timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { RequestHandler } from "express";
import type { Metrics } from "../infra/metrics.js";

/** Records request durations by route template; unmatched requests count as `unmatched`. */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on("finish", () => {
      const route = req.route ? `${req.baseUrl}${String((req.route as { path: string }).path)}` : "unmatched";
      end({ method: req.method, route, status: String(res.statusCode) });
      const errorId = (res.locals as { errorId?: string }).errorId;
      if (errorId) metrics.onErrorId(errorId);
    });
    next();
  };
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith("Bearer ") ? header.slice(7) : "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** `GET /metrics` on the main app, only with the bearer token (404 without a configured token). */
export function metricsRoute(metrics: Metrics, token: string): RequestHandler {
  return (req, res, next) => {
    if (req.path !== "/metrics" || req.method !== "GET") return next();
    if (!tokenMatches(req.headers.authorization, token)) {
      res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').json({ error: { id: "unauthenticated" } });
      return;
    }
    void metrics.registry.metrics().then((body) => res.type(metrics.registry.contentType).send(body), next);
  };
}

/** A separate listener that serves only `/metrics` (`METRICS_PORT`). */
export function startMetricsServer(metrics: Metrics, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { "Content-Type": metrics.registry.contentType }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
