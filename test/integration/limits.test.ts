/**
 * Limits on every action (issue 16 §4), through a real server behind "our proxy" (TRUST_PROXY=1, client address
 * in X-Forwarded-For): reset mails per account and requests per address, sockets per person, Engine.IO
 * connections per address (also anonymous polling handshakes), a command budget per socket, and availability
 * streams per address. docs/limits.md lists them.
 */
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REALTIME_LIMITS } from "../../server/src/realtime/limits.js";
import { SOCKETS_PER_ADDRESS, STREAMS_PER_ADDRESS } from "../../server/src/config/env.js";
import { buildContact, createAgent, createSchool, FACTORY_PASSWORD } from "../factories/index.js";
import { HttpClient } from "../harness/http-client.js";
import { createAccount, errorId, startIdentityEnv, type IdentityEnv } from "./identity/helpers.js";
import { connectChat, type ChatClient } from "./chat/helpers.js";

let env: IdentityEnv;
beforeAll(async () => {
  env = await startIdentityEnv({ TRUST_PROXY: "1" });
});
afterAll(async () => {
  await env?.stop();
});

/** A JSON POST as if from `ip` (our proxy, on loopback, appends the client's address). */
const postFrom = (client: HttpClient, ip: string, path: string, body: unknown) => client.post(path, body, { headers: { "x-forwarded-for": ip } });

describe("limits", () => {
  it("Wachtwoord vergeten: one mail per account per 5 minutes; 10 requests per address per 15 minutes, then 429", async () => {
    env.clock.set(Date.now());
    const school = await createSchool({ contacts: [buildContact({ roles: ["authorised"], email: "gemachtigde@limiet.example.nl" })] });
    await createAccount(school._id, { username: "limiet-school", password: "een-oud-wachtwoord" });
    const client = new HttpClient(env.server.url);
    await client.session();
    const ip = "198.51.100.40";
    for (let i = 0; i < 3; i++) expect((await postFrom(client, ip, "/api/v1/auth/password-forgotten", { username: "limiet-school" })).status).toBe(202);
    await env.smtp.waitForMail("gemachtigde@limiet.example.nl");
    await new Promise((r) => setTimeout(r, 200));
    expect(env.smtp.mailsTo("gemachtigde@limiet.example.nl")).toHaveLength(1);
    // Five minutes later a new mail may go out.
    env.clock.advance(5 * 60_000 + 1_000);
    await client.session();
    expect((await postFrom(client, "198.51.100.41", "/api/v1/auth/password-forgotten", { username: "limiet-school" })).status).toBe(202);
    await expect.poll(() => env.smtp.mailsTo("gemachtigde@limiet.example.nl").length).toBe(2);

    for (let i = 3; i < 10; i++) expect((await postFrom(client, ip, "/api/v1/auth/password-forgotten", { username: `iemand-${i}` })).status).toBe(202);
    const eleventh = await postFrom(client, ip, "/api/v1/auth/password-forgotten", { username: "iemand-11" });
    expect([eleventh.status, errorId(eleventh.body)]).toEqual([429, "rate_limited"]);
    expect(Number(eleventh.headers.get("retry-after"))).toBeGreaterThan(0);
    env.clock.set(Date.now());
  });

  it(`sockets per person: ${REALTIME_LIMITS.socketsPerPerson} at most; a closed one frees a place`, async () => {
    const agent = await createAgent({ username: "veel-tabs" });
    const http = new HttpClient(env.server.url);
    await http.session();
    expect((await http.post("/api/v1/auth/agent/login", { username: agent.username, password: FACTORY_PASSWORD })).status).toBe(200);
    const sockets: ChatClient[] = [];
    try {
      for (let i = 0; i < REALTIME_LIMITS.socketsPerPerson; i++) sockets.push(await connectChat(env.server.url, { http }));
      await expect(connectChat(env.server.url, { http })).rejects.toThrow("too_many_connections");
      sockets.shift()!.socket.disconnect();
      await expect.poll(async () => {
        try {
          sockets.push(await connectChat(env.server.url, { http }));
          return true;
        } catch {
          return false;
        }
      }).toBe(true);
    } finally {
      for (const s of sockets) s.socket.disconnect();
    }
  });

  it("a command budget per socket: a flood of typing.set is answered rate_limited", async () => {
    const agent = await createAgent({ username: "snel-typen" });
    const http = new HttpClient(env.server.url);
    await http.session();
    await http.post("/api/v1/auth/agent/login", { username: agent.username, password: FACTORY_PASSWORD });
    const chat = await connectChat(env.server.url, { http });
    try {
      const conversationId = String(new Types.ObjectId());
      const answers = await Promise.all(Array.from({ length: 25 }, () => chat.cmd("typing.set", { conversationId, typing: true })));
      const ids = answers.map((a) => (a.ok ? "ok" : a.error.id));
      expect(ids.filter((id) => id === "rate_limited").length).toBeGreaterThanOrEqual(14);
      expect(ids.filter((id) => id !== "rate_limited").length).toBeLessThanOrEqual(11);
      const limited = answers.find((a) => !a.ok && a.error.id === "rate_limited");
      expect(limited && !limited.ok ? (limited.error.details as { retryAfterMs: number }).retryAfterMs : 0).toBeGreaterThan(0);
    } finally {
      chat.socket.disconnect();
    }
  });

  it(`Engine.IO connections per address: ${SOCKETS_PER_ADDRESS}, anonymous polling handshakes included; another address is not affected`, async () => {
    const handshake = (ip: string) => fetch(`${env.server.url}/socket.io/?EIO=4&transport=polling`, { headers: { "x-forwarded-for": ip } });
    const ip = "198.51.100.50";
    const opened = await Promise.all(Array.from({ length: SOCKETS_PER_ADDRESS }, async () => (await handshake(ip)).status));
    expect(new Set(opened)).toEqual(new Set([200]));
    const refused = await handshake(ip);
    expect(refused.status).toBe(403);
    await refused.arrayBuffer();
    const other = await handshake("198.51.100.51");
    expect(other.status).toBe(200);
    await other.arrayBuffer();
  });

  it(`availability streams per address: ${STREAMS_PER_ADDRESS}, then 429 with Retry-After; another address is not affected`, async () => {
    const ip = "198.51.100.60";
    const controllers: AbortController[] = [];
    const open = async (from: string) => {
      const controller = new AbortController();
      controllers.push(controller);
      return fetch(`${env.server.url}/api/v1/availability/stream`, { headers: { "x-forwarded-for": from }, signal: controller.signal });
    };
    try {
      const statuses = await Promise.all(Array.from({ length: STREAMS_PER_ADDRESS }, async () => (await open(ip)).status));
      expect(new Set(statuses)).toEqual(new Set([200]));
      const refused = await open(ip);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("60");
      expect((await open("198.51.100.61")).status).toBe(200);
    } finally {
      for (const c of controllers) c.abort();
    }
  });
});
