/** `API_DOCS=off` (issue 16 §5): the API description is not served at all. (`agents`: production.test.ts.) */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../harness/http-client.js";
import { startTestServer, type TestServer } from "../harness/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ API_DOCS: "off" });
});
afterAll(async () => {
  await server?.stop();
});

describe("API_DOCS=off", () => {
  it("serves neither /api/docs nor /api/openapi.json: 404 like any unknown API path", async () => {
    for (const path of ["/api/openapi.json", "/api/docs"]) {
      const res = await new HttpClient(server.url).json<{ error: { id: string } }>("GET", path);
      expect({ path, status: res.status, id: res.body.error.id }).toEqual({ path, status: 404, id: "not_found" });
    }
  });
});
