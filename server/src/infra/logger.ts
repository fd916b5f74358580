import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pino, type Logger } from "pino";
import { pinoHttp, type HttpLogger } from "pino-http";
import pretty from "pino-pretty";
import type { LogLevel } from "../config/env.js";

export type { Logger } from "pino";

/**
 * Field names that hold personal data or secrets. They are redacted wherever they appear in a log object,
 * up to {@link REDACT_DEPTH} levels deep (pino's redaction needs explicit paths; `*` matches one level).
 * `name` is only redacted below the top level, since pino's own `name` field sits at the top. Plain `code` is
 * not listed: error codes (11000, ECONNREFUSED) are needed in logs; one-time codes use specific field names.
 */
export const PERSONAL_FIELDS = [
  "email",
  "phone",
  "phoneNumber",
  "name",
  "firstName",
  "lastName",
  "fullName",
  "displayName",
  "password",
  "pin",
  "activationCode",
  "verificationCode",
  "token",
  "accessToken",
  "refreshToken",
  "idToken",
  "secret",
  "clientSecret",
  "sessionSecret",
  "authorization",
  "cookie",
] as const;

const REDACT_DEPTH = 5;

/** Query parameters whose values are replaced in logged URLs (activation links, OIDC callbacks). */
const SENSITIVE_QUERY = new Set(["token", "code", "activationcode", "email", "pin", "state", "id_token", "access_token"]);

function redactPaths(): string[] {
  const paths = [
    "req.headers.authorization",
    "req.headers.cookie",
    'req.headers["x-csrf-token"]',
    'res.headers["set-cookie"]',
  ];
  for (const field of PERSONAL_FIELDS) {
    if (field !== "name") paths.push(field);
    for (let depth = 1; depth <= REDACT_DEPTH; depth++) paths.push(`${"*.".repeat(depth)}${field}`);
  }
  return paths;
}

/** Replaces values of sensitive query parameters in a request URL. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const q = url.indexOf("?");
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const key of [...params.keys()]) {
    if (SENSITIVE_QUERY.has(key.toLowerCase())) {
      params.set(key, "[Redacted]");
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  level: LogLevel;
  /** Where log lines go (tests capture them); defaults to stdout. */
  destination?: pino.DestinationStream;
  /** Human-readable lines (pino-pretty) instead of JSON: development on a terminal only. */
  pretty?: boolean;
}

/** The process logger: JSON lines, personal data redacted. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      redact: { paths: redactPaths(), censor: "[Redacted]" },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? (options.pretty ? prettyStream() : pino.destination({ sync: false })),
  );
}

/** pino-pretty as an in-process stream (no worker thread): colours, local time, no pid/hostname noise. */
function prettyStream(): pino.DestinationStream {
  return pretty({ colorize: true, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname", sync: true });
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Request logging with a correlation id per request: an incoming well-formed `X-Request-Id` (from a proxy) is
 * kept, otherwise a UUID is made. The id is echoed as `X-Request-Id`, available as `req.id`, and put in
 * error envelopes as `correlationId`.
 */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const incoming = req.headers["x-request-id"];
      const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    customLogLevel(_req, res, err) {
      if (err || res.statusCode >= 500) return "error";
      if (res.statusCode >= 400) return "warn";
      return "info";
    },
    // Probes every few seconds would drown everything else.
    autoLogging: { ignore: (req) => req.url === "/healthz" || req.url === "/readyz" },
    serializers: {
      req(req: { id: unknown; method: string; url: string; headers: Record<string, unknown>; remoteAddress?: string }) {
        return {
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
          userAgent: req.headers["user-agent"],
          remoteAddress: req.remoteAddress,
        };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
    },
  });
}
