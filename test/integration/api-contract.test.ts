/**
 * Every JSON route the server mounts under `/api/v1` is in the API contract (`/api/openapi.json`), and every
 * documented operation is mounted: the Express app's own route table of a running server, compared with the
 * document it serves. A router added beside `defineRoute` (as identity's once were) fails this test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../harness/http-client.js";
import { startTestServer, type TestServer } from "../harness/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  match(path: string): boolean;
}

const PROBE = "/__balie_probe__/x";

/** Where a mounted router sits, among the prefixes that can lead to `/api/v1`; null for anything else. */
function mountOf(layer: Layer): string | null {
  for (const prefix of ["", "/api", "/api/v1"]) if (layer.match(prefix + PROBE)) return prefix;
  return null;
}

/** `GET /api/v1/organisations/{organisationId}` for every route in the stack, recursively. */
function routesOf(stack: Layer[], prefix = ""): string[] {
  const out: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const path of paths) {
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== "_all")) {
          out.push(`${method.toUpperCase()} ${(prefix + path).replace(/:([A-Za-z0-9_]+)/g, "{$1}")}`);
        }
      }
    } else if (layer.handle?.stack) {
      const mount = mountOf(layer);
      if (mount !== null) out.push(...routesOf(layer.handle.stack, prefix + mount));
    }
  }
  return out;
}

describe("the API contract", () => {
  it("lists every mounted /api/v1 route, and mounts every operation it lists", async () => {
    const doc = (await new HttpClient(server.url).get<{ paths: Record<string, Record<string, unknown>> }>("/api/openapi.json")).body;
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    const mounted = [...new Set(routesOf((server.app as unknown as { router: { stack: Layer[] } }).router.stack))].filter((r) => / \/api\/v1\//.test(r));

    expect(mounted.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !mounted.includes(r))).toEqual([]);
    // The identity routes are among them (they were the ones outside the contract).
    expect(mounted).toEqual(expect.arrayContaining(["GET /api/v1/session", "POST /api/v1/auth/link", "DELETE /api/v1/organisations/{orgId}/links/{linkId}"]));
    expect(mounted.length).toBeGreaterThan(50);
  });
});
