import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import mongoose from "mongoose";
import { ZodError } from "zod";
import { zodFields } from "../../contracts/zod-fields.js";
import {
  AppError,
  errorEnvelope,
  pickLocale,
  type ErrorDetail,
  type ErrorId,
  type FieldError,
} from "../../contracts/errors.js";

/**
 * The one place where thrown things become HTTP error envelopes. Translates:
 * AppError · ZodError · mongoose CastError/ValidationError · duplicate key (11000) · body-parser errors
 * (malformed JSON → 400, too large → 413) · anything else → 500 internal_error, logged with the correlation id,
 * no stack or message to the client.
 */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const { id, status, fields, details } = classify(err);
  res.locals.errorId = id; // for the metrics (login failures, blocks)
  if (status >= 500) req.log.error({ err }, "request failed");
  else req.log.debug({ err: { id, fields } }, "request rejected");
  const locale = pickLocale(req.headers["accept-language"]);
  const retryAfterMs = (details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  if (typeof retryAfterMs === "number") res.set("Retry-After", String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  res
    .status(status)
    .set("Content-Language", locale)
    .set("Cache-Control", "no-store")
    .json(errorEnvelope(id, locale, { fields, details, correlationId: correlationId(req) }));
};

/** 404 in the error envelope, for unknown `/api` routes. */
export const apiNotFound: RequestHandler = (req, res) => {
  const locale = pickLocale(req.headers["accept-language"]);
  res
    .status(404)
    .set("Content-Language", locale)
    .json(errorEnvelope("not_found", locale, { correlationId: correlationId(req) }));
};

function correlationId(req: Request): string | undefined {
  return req.id === undefined ? undefined : String(req.id);
}

interface Classified {
  id: ErrorId;
  status: number;
  fields?: Record<string, FieldError> | undefined;
  details?: Record<string, ErrorDetail> | undefined;
}

const STATUS_TO_ID: Record<number, ErrorId> = {
  400: "validation_failed",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  429: "rate_limited",
  503: "service_unavailable",
};

function classify(err: unknown): Classified {
  if (err instanceof AppError) return { id: err.id, status: err.status, fields: err.fields, details: err.details };
  // The router decodes path parameters with decodeURIComponent: a malformed %-sequence is the caller's fault.
  if (err instanceof URIError) return { id: "bad_request", status: 400 };
  if (err instanceof ZodError) return { id: "validation_failed", status: 400, fields: zodFields(err) };
  if (err instanceof mongoose.Error.ValidationError) {
    const fields: Record<string, FieldError> = {};
    for (const [path, e] of Object.entries(err.errors)) {
      fields[path] = { code: mongooseKind(e), message: e.message };
    }
    return { id: "validation_failed", status: 400, fields };
  }
  if (err instanceof mongoose.Error.CastError) {
    return {
      id: "validation_failed",
      status: 400,
      fields: { [err.path]: { code: "invalid_type", message: `expected ${err.kind}` } },
    };
  }
  if (isDuplicateKey(err)) {
    const keys = Object.keys(err.keyPattern ?? err.keyValue ?? {});
    const fields: Record<string, FieldError> = {};
    // Values are not echoed: they are often personal data (e-mail addresses).
    for (const key of keys) fields[key] = { code: "duplicate", message: `${key} already exists` };
    return { id: "conflict", status: 409, fields };
  }
  const bodyParser = bodyParserError(err);
  if (bodyParser) return bodyParser;
  return { id: "internal_error", status: 500 };
}

function mongooseKind(e: mongoose.Error.ValidatorError | mongoose.Error.CastError): string {
  if (e instanceof mongoose.Error.CastError) return "invalid_type";
  switch (e.kind) {
    case "required":
      return "required";
    case "min":
    case "minlength":
      return "too_small";
    case "max":
    case "maxlength":
      return "too_big";
    case "enum":
      return "invalid_value";
    case "regexp":
      return "invalid_format";
    default:
      return "invalid_value";
  }
}

interface DuplicateKeyError {
  code: 11000;
  keyPattern?: Record<string, unknown>;
  keyValue?: Record<string, unknown>;
}

function isDuplicateKey(err: unknown): err is DuplicateKeyError {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === 11000;
}

/** body-parser / http-errors carry `type`, `status` and `expose`. */
function bodyParserError(err: unknown): Classified | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const { type, status, expose } = err as { type?: unknown; status?: unknown; expose?: unknown };
  if (type === "entity.parse.failed") return { id: "malformed_json", status: 400 };
  if (type === "entity.too.large") return { id: "payload_too_large", status: 413 };
  if (typeof status === "number" && status >= 400 && status < 500 && expose === true) {
    const id = STATUS_TO_ID[status] ?? "validation_failed";
    return { id, status };
  }
  return undefined;
}
