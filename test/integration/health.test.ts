import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connectSocket, type Socket } from "socket.io-client";
import { loginAsAgent } from "../harness/login.js";
import { startTestServer, type TestServer } from "../harness/server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("health probes", () => {
  it("answers /healthz with 200 and a request id", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps a well-formed incoming X-Request-Id", async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "proxy-req-12345678" } });
    expect(res.headers.get("x-request-id")).toBe("proxy-req-12345678");
  });

  it("answers /readyz with 200 when the store answers", async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", checks: { mongo: "ok" } });
  });
});

describe("http skeleton", () => {
  it("serves a Dutch home page with security headers", async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('lang="nl"');
    expect(html).toContain("Balie — helpdesk voor scholen");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("answers unknown /api routes with a Dutch 404 envelope by default", async () => {
    const res = await fetch(`${server.url}/api/v1/does-not-exist`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { id: string; message: string; correlationId: string } };
    expect(body.error.id).toBe("not_found");
    expect(body.error.message).toBe("Dit onderdeel bestaat niet (meer).");
    expect(body.error.correlationId).toBe(res.headers.get("x-request-id"));
  });

  it("answers in English when the browser prefers English", async () => {
    const res = await fetch(`${server.url}/api/other`, { headers: { "accept-language": "en-GB,en;q=0.9,nl;q=0.5" } });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toBe("This item does not exist (anymore).");
    expect(res.headers.get("content-language")).toBe("en");
  });

  it("answers a malformed percent-encoding in a path parameter with 400 bad_request, not 500", async () => {
    const res = await fetch(`${server.url}/api/v1/organisations/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe("bad_request");
  });

  it("rejects malformed JSON with 400 malformed_json", async () => {
    const res = await fetch(`${server.url}/api/v1/anything`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"broken": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe("malformed_json");
  });

  it("rejects an oversized JSON body with 413 payload_too_large", async () => {
    const res = await fetch(`${server.url}/api/v1/anything`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "x".repeat(200_000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { id: string } }).error.id).toBe("payload_too_large");
  });
});

describe("socket.io handshake", () => {
  const open: Socket[] = [];
  let cookie = "";
  beforeAll(async () => {
    // Sockets are only for signed-in people (or a chat token), so the Origin check is exercised as an agent.
    const agent = await loginAsAgent(server);
    cookie = agent.cookieHeader();
  });
  afterAll(() => open.forEach((s) => s.close()));

  function attempt(extraHeaders: Record<string, string>, transport: "polling" | "websocket") {
    const socket = connectSocket(server.url, { transports: [transport], extraHeaders, reconnection: false, timeout: 5_000 });
    open.push(socket);
    return new Promise<{ connected: boolean; error?: string }>((resolve) => {
      socket.once("connect", () => resolve({ connected: true }));
      socket.once("connect_error", (err) => resolve({ connected: false, error: err.message }));
    });
  }

  it.each(["polling", "websocket"] as const)("accepts an allowed Origin (%s)", async (transport) => {
    expect(await attempt({ origin: server.url, cookie }, transport)).toEqual({ connected: true });
  });

  it("accepts a client without Origin (same-origin polling, server-side clients)", async () => {
    expect(await attempt({ cookie }, "polling")).toEqual({ connected: true });
  });

  it("refuses a client that is not signed in", async () => {
    expect(await attempt({ origin: server.url }, "websocket")).toEqual({ connected: false, error: "unauthenticated" });
  });

  it.each(["polling", "websocket"] as const)("refuses a disallowed Origin (%s)", async (transport) => {
    const result = await attempt({ origin: "https://evil.example", cookie }, transport);
    expect(result.connected).toBe(false);
  });
});
