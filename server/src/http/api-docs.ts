/**
 * `GET /api/docs`: a readable, server-rendered page of every `/api/v1` route, built from the same OpenAPI
 * document as `/api/openapi.json` (so it cannot drift): method, path, summary, who may call it, parameters,
 * request and response schemas. No scripts and no CDN; the stylesheet is `/api/docs.css` because the CSP
 * allows styles from 'self' only.
 */
import { Router } from "express";
import type { RouteSpec } from "./define-route.js";
import { openApiDocument } from "./define-route.js";
import { escapeHtml } from "../infra/html.js";
import { apiRoutes } from "./routes.js";

interface Operation {
  summary?: string;
  tags?: string[];
  "x-balie-auth"?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}

const AUTH_TEXT: Record<string, string> = {
  public: "anyone",
  principal: "any logged-in person; organisation routes: contacts of that organisation (or its board), agents, supervisors",
  contact: "contact persons",
  agent: "helpdesk agents and supervisors",
  supervisor: "supervisors only",
};


/** A JSON Schema without its `$schema` line (noise on a page). */
function bare(schema: unknown): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = (schema ?? {}) as Record<string, unknown>;
  return rest;
}

function schemaBlock(label: string, schema: unknown): string {
  if (schema === undefined) return "";
  return `<details><summary>${escapeHtml(label)}</summary><pre>${escapeHtml(JSON.stringify(bare(schema), null, 2))}</pre></details>`;
}

function renderOperation(method: string, path: string, op: Operation): string {
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");
  const auth = op["x-balie-auth"] ?? "public";
  const params = (op.parameters ?? [])
    .map((p) => `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td><code>${escapeHtml(JSON.stringify(bare(p.schema)))}</code></td></tr>`)
    .join("");
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const responses = Object.entries(op.responses ?? {})
    .filter(([status]) => status !== "default")
    .map(([status, r]) => {
      const schema = r.content?.["application/json"]?.schema;
      return schema === undefined ? `<p>Response <strong>${escapeHtml(status)}</strong>: ${escapeHtml(r.description ?? "")}</p>` : schemaBlock(`Response ${status}`, schema);
    })
    .join("");
  return `<section class="op" id="${id}" aria-labelledby="${id}-h">
<h3 id="${id}-h"><span class="method method-${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? "")}</p>
<p class="auth">Who: <strong>${escapeHtml(auth)}</strong> — ${escapeHtml(AUTH_TEXT[auth] ?? auth)}</p>
${params ? `<table><caption>Parameters</caption><thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">required</th><th scope="col">schema</th></tr></thead><tbody>${params}</tbody></table>` : ""}
${schemaBlock("Request body", body)}
${responses}
</section>`;
}

/** The HTML page for an OpenAPI document. */
export function renderApiDocs(document: { info?: { title?: string; version?: string }; paths?: Record<string, Record<string, Operation>> }): string {
  const byTag = new Map<string, string[]>();
  let count = 0;
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(renderOperation(method, path, op));
      count++;
    }
  }
  const title = `${document.info?.title ?? "API"} v${document.info?.version ?? ""}`;
  const toc = [...byTag.keys()].map((tag) => `<li><a href="#tag-${escapeHtml(tag.replace(/[^A-Za-z0-9]+/g, "-"))}">${escapeHtml(tag)}</a></li>`).join("");
  const sections = [...byTag.entries()]
    .map(([tag, ops]) => `<h2 id="tag-${escapeHtml(tag.replace(/[^A-Za-z0-9]+/g, "-"))}">${escapeHtml(tag)}</h2>${ops.join("\n")}`)
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/api/docs.css"></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
<p>${count} routes under <code>/api/v1</code>. Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.
Errors use <code>{ "error": { "id", "message", "fields"?, "correlationId"? } }</code>; every non-GET request needs the
<code>X-CSRF-Token</code> header from <code>GET /api/v1/session</code>.</p>
<nav aria-label="Sections"><ul>${toc}</ul></nav>
${sections}
</main></body></html>`;
}

const CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem}
h2{border-bottom:2px solid #ccc;margin-top:2.5rem}
.op{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.op h3{font-size:1.05rem;margin:.5rem 0}
.method{display:inline-block;min-width:4.5rem;text-align:center;border-radius:4px;padding:0 .4rem;color:#fff;background:#444}
.method-get{background:#1f5f99}.method-post{background:#2e6b30}.method-patch{background:#7a4d00}.method-delete{background:#9b1c1c}.method-put{background:#5b2c83}
.auth{color:#333}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
pre{background:#f5f5f5;padding:.75rem;overflow:auto;max-height:30rem}summary{cursor:pointer}a{color:#1f5f99}`;

/** `GET /docs` and `GET /docs.css`, mounted at `/api`; documents {@link apiRoutes} unless given other routes. */
export function createApiDocsRouter(routes: readonly RouteSpec[] = apiRoutes): Router {
  const router = Router();
  let html: string | undefined;
  router.get("/docs", (_req, res) => {
    html ??= renderApiDocs(openApiDocument(routes, { title: "Balie API", version: "1" }) as Parameters<typeof renderApiDocs>[0]);
    res.type("html").set("Cache-Control", "no-cache").send(html);
  });
  router.get("/docs.css", (_req, res) => {
    res.type("css").set("Cache-Control", "public, max-age=300").send(CSS);
  });
  return router;
}
