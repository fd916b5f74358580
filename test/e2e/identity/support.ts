/**
 * Support for the identity browser tests: a Vite dev server for `client/` that answers every identity path
 * with `auth.html` (what the real server must do too), and an API stub for page-level tests that do not need
 * the backend.
 */
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Page, Route } from "playwright-core";
import { createServer, type Plugin, type ViteDevServer } from "vite";
import { authPaths } from "../../../client/src/auth/routes.js";

const clientRoot = fileURLToPath(new URL("../../../client", import.meta.url));

/** Rewrites the identity paths to `/auth.html`, like the server's history fallback. */
function authFallback(): Plugin {
  return {
    name: "balie-auth-fallback",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = new URL(req.url ?? "/", "http://x");
        const path = url.pathname.replace(/\/+$/, "").toLowerCase();
        if ((authPaths as readonly string[]).includes(path)) req.url = "/auth.html" + url.search;
        next();
      });
    },
  };
}

/** A running Vite dev server for the client pages. */
export interface ClientServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts Vite (no config file: independent of the build config) on a free port. */
export async function startClientServer(): Promise<ClientServer> {
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: clientRoot,
    logLevel: "silent",
    appType: "mpa",
    plugins: [authFallback()],
    server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const port = (server.httpServer!.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** One stubbed API answer. */
export interface StubResponse {
  status: number;
  body?: unknown;
}

/** Handler per "METHOD /path"; unknown calls answer 404 not_found. Returns the log of calls made. */
export async function stubApi(
  page: Page,
  handlers: Record<string, (body: unknown) => StubResponse>,
): Promise<{ calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[] }> {
  const calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[] = [];
  await page.route("**/api/v1/**", async (route: Route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const body = request.postData() ? JSON.parse(request.postData()!) : undefined;
    calls.push({ method: request.method(), path, body, headers: request.headers() });
    const handler = handlers[`${request.method()} ${path}`];
    const answer = handler
      ? handler(body)
      : { status: 404, body: { error: { id: "not_found", message: "Dit onderdeel bestaat niet (meer)." } } };
    await route.fulfill({
      status: answer.status,
      contentType: "application/json",
      body: answer.body === undefined ? "" : JSON.stringify(answer.body),
    });
  });
  return { calls };
}

/** An anonymous session answer. */
export const anonymousSession = {
  authenticated: false,
  csrfToken: "csrf-test-token",
  principal: null,
  pendingLink: null,
  idleExpiresAt: null,
  absoluteExpiresAt: null,
};
