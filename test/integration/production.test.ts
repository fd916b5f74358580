/**
 * Production mode on a listening server: Secure session cookies, /readyz warning about the embedded store when
 * it is allowed on purpose, TRUST_PROXY deciding which X-Forwarded-For entry is the client (the one our proxy
 * appended, never one the client wrote itself), and SESSION_SECRET_PREVIOUS still verifying chat tokens signed
 * before a rotation while new ones are signed with the current secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signChatToken, verifyChatToken } from "../../server/src/modules/chat/chat-token.js";
import { AuditEventModel } from "../../server/src/modules/audit/audit-event.model.js";
import { createAgent, createSchool, FACTORY_PASSWORD } from "../factories/index.js";
import { HttpClient } from "../harness/http-client.js";
import { startTestServer, type TestServer } from "../harness/server.js";
import { startSmtpCapture, type SmtpCapture } from "../harness/smtp.js";
import { loginAsAgent } from "../harness/login.js";
import { connectChat } from "./chat/helpers.js";

const CURRENT = "c".repeat(40);
const PREVIOUS = "p".repeat(40);

let server: TestServer;
let smtp: SmtpCapture;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  server = await startTestServer({
    NODE_ENV: "production",
    EMBEDDED_STORE: "allow",
    SMTP_URL: smtp.url,
    PUBLIC_URL: "https://balie.example.nl",
    ALLOWED_ORIGINS: "https://balie.example.nl",
    SESSION_SECRET: CURRENT,
    SESSION_SECRET_PREVIOUS: PREVIOUS,
    TRUST_PROXY: "1",
  });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe("production mode", () => {
  it("sets the session cookie (and an anonymous visitor's CSRF nonce cookie) Secure, HttpOnly, SameSite=Lax", async () => {
    const client = new HttpClient(server.url);
    const anonymous = await client.request("/api/v1/session");
    const { csrfToken } = (await anonymous.json()) as { csrfToken: string };
    const login = await client.request("/api/v1/auth/agent/login", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrfToken },
      body: JSON.stringify({ username: (await createAgent()).username, password: FACTORY_PASSWORD }),
    });
    expect(login.status).toBe(200);
    for (const [res, name] of [[anonymous, "balie.pre="], [login, "balie.sid="]] as const) {
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith(name));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    }
  });

  it("/readyz says it runs on the embedded store in production, without failing", async () => {
    const res = await new HttpClient(server.url).get<{ status: string; warnings?: string[] }>("/readyz");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ok");
    expect(res.body.warnings).toEqual(["embedded_store_in_production"]);
  });

  it("TRUST_PROXY=1: the audit entry has the address our proxy appended, not the one the client wrote", async () => {
    const client = new HttpClient(server.url);
    await client.session();
    const username = `onbekend-${Date.now()}`;
    const res = await client.request("/api/v1/auth/agent/login", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-csrf-token": client.csrfToken,
        // The client claims 1.1.1.1; our (one) proxy appended the address it saw: 203.0.113.7.
        "x-forwarded-for": "1.1.1.1, 203.0.113.7",
      },
      body: JSON.stringify({ username, password: "fout-wachtwoord-123" }),
    });
    expect(res.status).toBe(401);
    const failed = await AuditEventModel.findOne({ type: "login_failed" }).sort({ _id: -1 }).lean();
    expect(failed?.ip).toBe("203.0.113.7");
  });

  it("accepts a chat token signed with the previous secret during a rotation; new tokens use the current one", async () => {
    const school = await createSchool();
    const claims = { organisationId: String(school._id), pseudonym: "rotatie-1", name: "Rosa Rotatie" };
    const old = signChatToken(PREVIOUS, claims).token;
    const socket = await connectChat(server.url, { token: old, origin: "https://balie.example.nl" });
    socket.close();

    const forged = signChatToken("f".repeat(40), claims).token;
    await expect(connectChat(server.url, { token: forged, origin: "https://balie.example.nl" })).rejects.toThrow();

    const fresh = signChatToken(CURRENT, claims).token;
    expect(verifyChatToken([CURRENT, PREVIOUS], fresh)).not.toBeNull();
    expect(verifyChatToken(PREVIOUS, fresh)).toBeNull();
  });

  it("API_DOCS defaults to agents: the API description is not public, helpdesk staff read it", async () => {
    const anonymous = new HttpClient(server.url);
    for (const path of ["/api/openapi.json", "/api/docs"]) expect((await anonymous.request(path)).status).toBe(401);
    const agent = await loginAsAgent(server);
    expect((await agent.request("/api/openapi.json")).status).toBe(200);
    expect((await agent.request("/api/docs")).status).toBe(200);
  });
});
