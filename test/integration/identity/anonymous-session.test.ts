/**
 * Anonymous visitors store nothing (issue 16 §4): every anonymous `GET /api/v1/session` used to create a
 * session document (2,000 in 2.5 s). Now the CSRF token of an anonymous visitor is an HMAC of a nonce cookie,
 * checked without the store; a session is created only when there is something to keep (eHerkenning state, a
 * login), and it keeps the token the page already holds.
 */
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent, FACTORY_PASSWORD } from "../../factories/index.js";
import { HttpClient } from "../../harness/http-client.js";
import { errorId, startIdentityEnv, type IdentityEnv } from "./helpers.js";

let env: IdentityEnv;
beforeAll(async () => {
  env = await startIdentityEnv();
});
afterAll(async () => {
  await env?.stop();
});

const sessionCount = () => mongoose.connection.db!.collection("sessions").countDocuments();

describe("anonymous visitors", () => {
  it("200 anonymous page loads store no session, and each gets a working CSRF token", async () => {
    const before = await sessionCount();
    const clients = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const client = new HttpClient(env.server.url);
        const session = await client.session<{ authenticated: boolean; csrfToken: string }>();
        expect(session.authenticated).toBe(false);
        expect(session.csrfToken.length).toBeGreaterThan(20);
        return client;
      }),
    );
    expect(await sessionCount()).toBe(before);
    // The token is accepted (the login itself fails on the password, not on CSRF) ...
    const wrong = await clients[0]!.post("/api/v1/auth/agent/login", { username: "niemand", password: "x" });
    expect(errorId(wrong.body)).toBe("invalid_credentials");
    // ... but not with another visitor's nonce, and not without one.
    const swapped = new HttpClient(env.server.url);
    swapped.csrfToken = clients[1]!.csrfToken;
    await swapped.request("/api/v1/session");
    expect(errorId((await swapped.post("/api/v1/auth/agent/login", { username: "niemand", password: "x" })).body)).toBe("csrf_failed");
    const bare = new HttpClient(env.server.url);
    bare.csrfToken = clients[2]!.csrfToken;
    expect(errorId((await bare.post("/api/v1/auth/agent/login", { username: "niemand", password: "x" })).body)).toBe("csrf_failed");
    expect(await sessionCount()).toBe(before);
  });

  it("a login creates the session (with a new token); logging out leaves an anonymous visitor with a fresh token", async () => {
    const agent = await createAgent({ username: "anoniem-naar-ingelogd" });
    const client = new HttpClient(env.server.url);
    const anonymousToken = (await client.session<{ csrfToken: string }>()).csrfToken;
    const before = await sessionCount();
    const login = await client.post<{ authenticated: boolean }>("/api/v1/auth/agent/login", { username: agent.username, password: FACTORY_PASSWORD });
    expect(login.status).toBe(200);
    expect(await sessionCount()).toBe(before + 1);
    expect(client.csrfToken).not.toBe(anonymousToken);
    expect((await client.post("/api/v1/auth/logout")).status).toBe(200);
    expect(client.csrfToken).not.toBe(anonymousToken);
    expect(await sessionCount()).toBe(before);
    // The fresh anonymous token works.
    expect(errorId((await client.post("/api/v1/auth/agent/login", { username: "niemand", password: "x" })).body)).toBe("invalid_credentials");
  });
});
