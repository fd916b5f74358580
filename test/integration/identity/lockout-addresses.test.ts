/**
 * Lockouts that cannot lock out others (issue 16 §3). Behind a proxy (TRUST_PROXY=1, the client's address in
 * X-Forwarded-For as our proxy appends it), attempts are counted per account (or name) AND client address:
 * - an attacker guessing an agent's first name from one place does not block the agent in the office;
 * - a name that does not exist answers exactly like one that does, blocked after 5 as well;
 * - one address spraying guesses over many names must wait (429 with Retry-After), other addresses not;
 * - wrong activation codes without a username block the guesser, never the accounts waiting for their code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent, createSchool, FACTORY_PASSWORD } from "../../factories/index.js";
import type { HttpClient } from "../../harness/http-client.js";
import { createAccount, ehLogin, errorId, person, pinFromMail, startIdentityEnv, type IdentityEnv } from "./helpers.js";

let env: IdentityEnv;
beforeAll(async () => {
  env = await startIdentityEnv({ TRUST_PROXY: "1" });
});
afterAll(async () => {
  await env?.stop();
});

const ATTACKER = "198.51.100.7";
const OFFICE = "203.0.113.5";

/** A JSON POST as if from `ip` (our proxy, on loopback, appends the client's address). */
const postFrom = (client: HttpClient, ip: string, path: string, body: unknown) => client.post(path, body, { headers: { "x-forwarded-for": ip } });

async function freshClient(): Promise<HttpClient> {
  const client = env.client();
  await client.session();
  return client;
}

describe("lockouts per account and address", () => {
  it("an attacker who guesses an agent's password from elsewhere does not lock the agent out of the office", async () => {
    env.clock.set(Date.now());
    await createAgent({ username: "fenna" });
    const attacker = await freshClient();
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(errorId((await postFrom(attacker, ATTACKER, "/api/v1/auth/agent/login", { username: "fenna", password: `gok-${i}` })).body)!);
    expect(answers).toEqual(["invalid_credentials", "invalid_credentials", "invalid_credentials", "invalid_credentials", "account_blocked", "account_blocked"]);
    // The right password from the attacker's address is refused as well: the block is real there.
    expect(errorId((await postFrom(attacker, ATTACKER, "/api/v1/auth/agent/login", { username: "fenna", password: FACTORY_PASSWORD })).body)).toBe("account_blocked");

    const office = await freshClient();
    const login = await postFrom(office, OFFICE, "/api/v1/auth/agent/login", { username: "fenna", password: FACTORY_PASSWORD });
    expect(login.status).toBe(200);
  });

  it("a name that does not exist answers like one that does, blocked after 5 too", async () => {
    env.clock.set(Date.now());
    await createAgent({ username: "joris" });
    const ip = "198.51.100.20";
    const client = await freshClient();
    const sequence = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) out.push(errorId((await postFrom(client, ip, "/api/v1/auth/agent/login", { username, password: `fout-${i}` })).body)!);
      return out;
    };
    expect(await sequence("niemand-bekends")).toEqual(await sequence("joris"));
  });

  it("one address spraying over many names has to wait (429, Retry-After); another address does not", async () => {
    env.clock.set(Date.now());
    const ip = "198.51.100.30";
    const client = await freshClient();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await postFrom(client, ip, "/api/v1/auth/agent/login", { username: `naam-${i}`, password: "x" })).status);
    expect(new Set(statuses)).toEqual(new Set([401]));
    const waited = await postFrom(client, ip, "/api/v1/auth/agent/login", { username: "naam-31", password: "x" });
    expect([waited.status, errorId(waited.body)]).toEqual([429, "rate_limited"]);
    expect(Number(waited.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(Number(waited.headers.get("retry-after"))).toBeLessThanOrEqual(900);

    await createAgent({ username: "sanne" });
    expect((await postFrom(await freshClient(), OFFICE, "/api/v1/auth/agent/login", { username: "sanne", password: FACTORY_PASSWORD })).status).toBe(200);
    // 15 minutes later the address may try again.
    env.clock.advance(15 * 60_000 + 1_000);
    expect((await postFrom(await freshClient(), ip, "/api/v1/auth/agent/login", { username: "naam-32", password: "x" })).status).toBe(401);
    env.clock.set(Date.now());
  });

  it("wrong activation codes without a username block the guesser, not the school waiting for its code", async () => {
    env.clock.set(Date.now());
    const school = await createSchool({ kvkNumber: "41600001" });
    const { activationCode } = await createAccount(school._id, { username: "wacht-op-code", activationCode: true });
    const guesser = env.client();
    await ehLogin(guesser, person("41600001"));
    await guesser.session();
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      answers.push(errorId((await postFrom(guesser, ATTACKER, "/api/v1/auth/link", { variant: "activation", activationCode: `FOUT${i}ABCDEFGHIJK`, email: "g.uesser@example.nl" })).body)!);
    }
    expect(answers.at(-1)).toBe("account_blocked");

    const school2 = env.client();
    await ehLogin(school2, person("41600001"));
    await school2.session();
    const since = Date.now();
    const link = await postFrom(school2, OFFICE, "/api/v1/auth/link", { variant: "activation", activationCode, email: "m.devries@example.nl" });
    expect(link.status).toBe(202);
    expect(await pinFromMail(env.smtp, "m.devries@example.nl", since)).toMatch(/^\d{6}$/);
  });
});
