import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuditEventModel } from "../../../server/src/modules/audit/audit-event.model.js";
import { PortalAccountModel } from "../../../server/src/modules/identity/portal-account.model.js";
import { AgentModel } from "../../../server/src/modules/agents/agent.model.js";
import { createAgent, createSchool, FACTORY_PASSWORD } from "../../factories/index.js";
import type { HttpClient } from "../../harness/http-client.js";
import { createAccount, ehLogin, errorId, person, pinFromMail, startIdentityEnv, type IdentityEnv } from "./helpers.js";
import { AttemptCounterModel } from "../../../server/src/modules/identity/attempt-recorder.js";

let env: IdentityEnv;
beforeAll(async () => {
  env = await startIdentityEnv();
});
// Every request here comes from 127.0.0.1: start each test with no failures counted for that address.
beforeEach(async () => {
  await AttemptCounterModel.deleteMany({}).exec();
});
afterAll(async () => {
  await env?.stop();
});

const H24 = 24 * 3600_000;
const M15 = 15 * 60_000;

async function pendingBrowser(kvk: string): Promise<HttpClient> {
  const browser = env.client();
  expect((await ehLogin(browser, person(kvk))).pathname).toBe("/koppelen");
  await browser.session();
  return browser;
}

describe("activation code validity", () => {
  it("is valid at 24 h − 1 s and expired at 24 h + 1 s", async () => {
    const a = await createSchool({ kvkNumber: "41000001" });
    const b = await createSchool({ kvkNumber: "41000002" });
    const created = env.clock.nowMs();
    // Accounts are created with real time; align the clock with their creation.
    const first = await createAccount(a._id, { username: "code-valid", activationCode: true });
    const second = await createAccount(b._id, { username: "code-expired", activationCode: true });
    const base = (await PortalAccountModel.findOne({ username: "code-valid" }).lean())!.activationCode!.createdAt.getTime();
    expect(Math.abs(base - created)).toBeLessThan(5_000);

    // Sessions idle out after 15 min, so each browser logs in after the clock moved.
    env.clock.set(base + H24 - 1_000);
    const browser = await pendingBrowser("41000001");
    const ok = await browser.post("/api/v1/auth/link", { variant: "activation", activationCode: first.activationCode, email: "a.valid@example.nl" });
    expect(ok.status).toBe(202);

    const base2 = (await PortalAccountModel.findOne({ username: "code-expired" }).lean())!.activationCode!.createdAt.getTime();
    env.clock.set(base2 + H24 + 1_000);
    const browser2 = await pendingBrowser("41000002");
    const expired = await browser2.post("/api/v1/auth/link", { variant: "activation", activationCode: second.activationCode, email: "b.expired@example.nl" });
    expect(expired.status).toBe(410);
    expect(errorId(expired.body)).toBe("activation_code_expired");
    env.clock.set(Date.now());
  });
});

describe("5 wrong attempts block for 15 minutes", () => {
  it("blocks after 5 wrong PINs until the stated time, and unblocks after it", async () => {
    env.clock.set(Date.now());
    const school = await createSchool({ kvkNumber: "41000003" });
    const { activationCode } = await createAccount(school._id, { username: "pin-block", activationCode: true });
    const browser = await pendingBrowser("41000003");
    const since = Date.now();
    expect((await browser.post("/api/v1/auth/link", { variant: "activation", activationCode, email: "p.block@example.nl" })).status).toBe(202);
    const pin = await pinFromMail(env.smtp, "p.block@example.nl", since);
    const wrong = pin === "000000" ? "111111" : "000000";

    const t0 = env.clock.nowMs();
    for (let i = 1; i <= 4; i++) {
      const r = await browser.post("/api/v1/auth/link/confirm", { pin: wrong });
      expect(errorId(r.body)).toBe("invalid_pin");
    }
    const fifth = await browser.post<{ error: { id: string; details: { blockedUntil: string } } }>("/api/v1/auth/link/confirm", { pin: wrong });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.id).toBe("account_blocked");
    const until = new Date(fifth.body.error.details.blockedUntil).getTime();
    expect(until).toBe(t0 + M15);

    // The right PIN is refused while blocked.
    env.clock.set(until - 1_000);
    await browser.session(); // keep the session alive (idle timeout is 15 min too)
    const stillBlocked = await browser.post<{ error: { details: { blockedUntil: string } } }>("/api/v1/auth/link/confirm", { pin });
    expect(errorId(stillBlocked.body)).toBe("account_blocked");
    expect(stillBlocked.body.error.details.blockedUntil).toBe(new Date(until).toISOString());

    // After the block the PIN itself has expired too (15 min) — request a new one and confirm it.
    env.clock.set(until + 1_000);
    const expired = await browser.post("/api/v1/auth/link/confirm", { pin });
    expect(errorId(expired.body)).toBe("pin_expired");
    const since2 = Date.now();
    expect((await browser.post("/api/v1/auth/link", { variant: "activation", activationCode, email: "p.block@example.nl" })).status).toBe(202);
    const pin2 = await pinFromMail(env.smtp, "p.block@example.nl", since2);
    const ok = await browser.post("/api/v1/auth/link/confirm", { pin: pin2 });
    expect(ok.status).toBe(200);
    expect(await AuditEventModel.countDocuments({ type: "blocked", organisationId: school._id })).toBe(1);
    env.clock.set(Date.now());
  });

  it("counts a burst of 50 parallel wrong passwords atomically: exactly 5 counted for the account, 30 for the address, the right one refused", async () => {
    env.clock.set(Date.now());
    const school = await createSchool({ kvkNumber: "41000004" });
    await createAccount(school._id, { username: "burst", password: "juist-wachtwoord-1" });
    const browser = await pendingBrowser("41000004");
    const attempt = (password: string) =>
      browser.post("/api/v1/auth/link", { variant: "password", username: "burst", password, email: "b.urst@example.nl" });
    const requests = Array.from({ length: 50 }, (_, i) => attempt(`fout-${i}`));
    // The right password, inside the burst (after 25 wrong ones were sent).
    requests.splice(25, 0, attempt("juist-wachtwoord-1"));
    const results = await Promise.all(requests);
    const ids = results.map((r) => errorId(r.body) ?? String(r.status));
    // One address: it may fail 30 times in 15 minutes (over all accounts); the account blocks at its 5th.
    expect(ids.filter((id) => id === "invalid_credentials")).toHaveLength(4);
    expect(ids.filter((id) => id === "account_blocked")).toHaveLength(26);
    expect(ids.filter((id) => id === "rate_limited")).toHaveLength(21);
    expect(["account_blocked", "rate_limited"]).toContain(ids[25]);
    const account = (await PortalAccountModel.findOne({ username: "burst" }).lean())!;
    const counter = (await AttemptCounterModel.findOne({ subject: `acct:${String(account._id)}` }).lean())!;
    expect(counter.failedAttempts).toBe(5);
    expect(counter.blockedUntil!.getTime()).toBe(env.clock.nowMs() + M15);
    expect(await AuditEventModel.countDocuments({ type: "login_failed", organisationId: school._id })).toBe(5);

    // After 15 minutes the right password works again (the idle session expired too: log in again).
    env.clock.advance(M15 + 1_000);
    const expiredSession = await attempt("juist-wachtwoord-1");
    expect(errorId(expiredSession.body)).toBe("csrf_failed");
    const fresh = await pendingBrowser("41000004");
    const ok = await fresh.post("/api/v1/auth/link", { variant: "password", username: "burst", password: "juist-wachtwoord-1", email: "b.urst@example.nl" });
    expect(ok.status).toBe(202);
    env.clock.set(Date.now());
  });
});

describe("agent login", () => {
  it("logs in an agent, shows the role, and locks out after 5 wrong passwords", async () => {
    env.clock.set(Date.now());
    const agent = await createAgent({ username: "agent-lock", role: "supervisor" });
    const browser = env.client();
    await browser.session();
    const ok = await browser.post<{ authenticated: boolean; principal: { type: string; role: string; agentId: string } }>("/api/v1/auth/agent/login", {
      username: "agent-lock",
      password: FACTORY_PASSWORD,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.principal).toMatchObject({ type: "agent", role: "supervisor", agentId: String(agent._id) });
    expect((await browser.session<{ authenticated: boolean }>()).authenticated).toBe(true);

    const other = env.client();
    await other.session();
    for (let i = 0; i < 4; i++) expect(errorId((await other.post("/api/v1/auth/agent/login", { username: "agent-lock", password: "nee" })).body)).toBe("invalid_credentials");
    const fifth = await other.post<{ error: { details: { blockedUntil: string } } }>("/api/v1/auth/agent/login", { username: "agent-lock", password: "nee" });
    expect(errorId(fifth.body)).toBe("account_blocked");
    expect(fifth.body.error.details.blockedUntil).toBe(new Date(env.clock.nowMs() + M15).toISOString());
    expect(errorId((await other.post("/api/v1/auth/agent/login", { username: "agent-lock", password: FACTORY_PASSWORD })).body)).toBe("account_blocked");
    env.clock.advance(M15 + 1_000);
    await other.session(); // the pre-session idled out as well
    expect((await other.post("/api/v1/auth/agent/login", { username: "agent-lock", password: FACTORY_PASSWORD })).status).toBe(200);
    expect(await AttemptCounterModel.countDocuments({ subject: "agent:agent-lock" })).toBe(0);
    expect(await AgentModel.exists({ _id: agent._id })).toBeTruthy();
    env.clock.set(Date.now());
  });
});
