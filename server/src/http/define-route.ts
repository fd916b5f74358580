/**
 * Every REST route is declared once with {@link defineRoute}: its zod schemas (params, query, body, response),
 * who may call it, and one handler that calls one command and presents the result. From the same declarations
 * `mountRoutes` builds the Express handlers and `openApiDocument` builds `/api/openapi.json`, so the document
 * can never drift from what the server validates.
 *
 * The path of a request: validate (400 `validation_failed` with per-field errors) → authenticate by `auth` →
 * authorize the organisation named by `organisationParam` (403) → handler → response.
 */
import type { Request, RequestHandler, Response, Router } from "express";
import { z } from "zod";
import { AppError } from "../contracts/errors.js";
import type { Mailer } from "../infra/mailer.js";
import type { AgentSessionPrincipal, ContactSessionPrincipal, SessionPrincipal, SessionStore } from "../modules/identity/session-store.js";
import { zodFields } from "../contracts/zod-fields.js";
import { organisationAccess, type OrganisationAccess } from "./organisation-access.js";

/** Who may call a route. */
export type RouteAuth = "public" | "principal" | "contact" | "agent" | "supervisor";

type PrincipalFor<A extends RouteAuth> = A extends "public"
  ? SessionPrincipal | null
  : A extends "contact"
    ? ContactSessionPrincipal
    : A extends "agent" | "supervisor"
      ? AgentSessionPrincipal
      : SessionPrincipal;

/** The process's shared services a handler may use, built once in `app.ts` and passed to `mountRoutes`. */
export interface RouteServices {
  mailer: Mailer;
  /** Where sessions live (ending a person's sessions when their link is undone). */
  sessions: SessionStore;
  /** Pepper for PIN hashes (the session secret). */
  pepper: string;
  /** PUBLIC_URL, for links in mails. */
  publicUrl: string;
  /** This installation runs on demo data (config `seed.demo`; never in production). */
  demo: boolean;
}

/** What a handler receives. */
export interface RouteContext<P, Q, B, A extends RouteAuth> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  principal: PrincipalFor<A>;
  /** Set when the route names an `organisationParam`: how the principal reaches that organisation. */
  access: OrganisationAccess | null;
  services: RouteServices;
}

/** One route. Paths are relative to `/api/v1` and use Express syntax (`/organisations/:organisationId`). */
export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  A extends RouteAuth = RouteAuth,
> {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  /** One line for the API docs. */
  summary: string;
  /** Groups the route in the API docs. */
  tag: string;
  auth: A;
  /** Name of the path parameter holding the organisation id; the caller must be allowed to act for it. */
  organisationParam?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of a successful response body; omit for 204. */
  response?: R;
  /** Success status, default 200 (204 when there is no response schema). */
  status?: number;
  /**
   * What the zod schemas cannot say (a multipart request body, a binary download), assigned over the generated
   * OpenAPI operation, e.g. `{ requestBody: {...} }` or `{ responses: {...} }`.
   */
  openApi?: Record<string, unknown>;
  handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>, A>) => Promise<z.input<R> | void>;
}

/** Declares a route; the generic parameters are inferred from the schemas. */
export function defineRoute<
  P extends z.ZodType = z.ZodObject<{}>,
  Q extends z.ZodType = z.ZodObject<{}>,
  B extends z.ZodType = z.ZodUnknown,
  R extends z.ZodType = z.ZodVoid,
  A extends RouteAuth = RouteAuth,
>(spec: RouteSpec<P, Q, B, R, A>): RouteSpec {
  return spec as unknown as RouteSpec;
}


function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, part: string): z.output<T> {
  if (!schema) return {} as z.output<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("validation_failed", { fields: zodFields(result.error, part === "body" ? undefined : part) });
  return result.data;
}

function authenticate(req: Request, auth: RouteAuth): SessionPrincipal | null {
  const principal = req.session?.data.principal ?? null;
  if (auth === "public") return principal;
  if (!principal) throw new AppError("unauthenticated");
  if (auth === "contact" && principal.type !== "contact") throw new AppError("forbidden");
  if (auth === "agent" && principal.type !== "agent") throw new AppError("forbidden");
  if (auth === "supervisor" && (principal.type !== "agent" || principal.role !== "supervisor")) throw new AppError("forbidden");
  return principal;
}

function toHandler(spec: RouteSpec, services: RouteServices): RequestHandler {
  return async (req, res, next) => {
    try {
      const principal = authenticate(req, spec.auth);
      const params = parsePart(spec.params, req.params, "params");
      const query = parsePart(spec.query, req.query, "query");
      const body = parsePart(spec.body, req.body, "body");
      let access: OrganisationAccess | null = null;
      if (spec.organisationParam) {
        const organisationId = (params as Record<string, unknown>)[spec.organisationParam];
        access = principal ? await organisationAccess(principal, String(organisationId)) : null;
        // Agents may act for every organisation, so for them "no access" can only mean it does not exist.
        if (!access) throw new AppError(!principal ? "unauthenticated" : principal.type === "agent" ? "not_found" : "forbidden");
      }
      const result = await spec.handler({ req, res, params, query, body, principal: principal as never, access, services });
      if (res.headersSent) return;
      if (spec.response === undefined || result === undefined) {
        res.status(spec.status ?? 204).end();
        return;
      }
      res.status(spec.status ?? 200).json(result);
    } catch (err) {
      next(err);
    }
  };
}

/** Adds the routes to an Express router (mounted at `/api/v1`). */
export function mountRoutes(router: Router, specs: readonly RouteSpec[], services: RouteServices): void {
  for (const spec of specs) router[spec.method](spec.path, toHandler(spec, services));
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: "any" });
}

/** The OpenAPI 3.1 document for `specs`. */
export function openApiDocument(specs: readonly RouteSpec[], info: { title: string; version: string }): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const openApiPath = "/api/v1" + spec.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
    const parameters: unknown[] = [];
    for (const [where, schema] of [["path", spec.params], ["query", spec.query]] as const) {
      if (!(schema instanceof z.ZodObject)) continue;
      for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
        parameters.push({ name, in: where, required: where === "path" || !field.safeParse(undefined).success, schema: jsonSchema(field, "input") });
      }
    }
    const status = String(spec.status ?? (spec.response ? 200 : 204));
    paths[openApiPath] ??= {};
    paths[openApiPath][spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      security: spec.auth === "public" ? [] : [{ session: [] }],
      "x-balie-auth": spec.auth,
      parameters,
      ...(spec.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(spec.body, "input") } } } } : {}),
      responses: {
        [status]: spec.response
          ? { description: "OK", content: { "application/json": { schema: jsonSchema(spec.response, "output") } } }
          : { description: "No content" },
        default: { description: "Error envelope `{ error: { id, message, fields?, correlationId? } }`" },
      },
      ...spec.openApi,
    };
  }
  return {
    openapi: "3.1.0",
    info,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "balie.sid", description: "Session cookie; state-changing requests also need the X-CSRF-Token header." },
      },
    },
    paths,
  };
}
