import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeStaleLinks } from "../../../server/src/jobs/stale-link-remover.js";
import { AuditEventModel } from "../../../server/src/modules/audit/audit-event.model.js";
import { EherkenningLinkModel } from "../../../server/src/modules/identity/eherkenning-link.model.js";
import { createAgent, createSchool, buildContact, FACTORY_PASSWORD } from "../../factories/index.js";
import { HttpClient } from "../../harness/http-client.js";
import { createAccount, ehLogin, errorId, person, pinFromMail, startIdentityEnv, type IdentityEnv, type TestIdentity } from "./helpers.js";

let env: IdentityEnv;
beforeAll(async () => {
  env = await startIdentityEnv();
});
afterAll(async () => {
  await env?.stop();
});

const M15 = 15 * 60_000;
const H8 = 8 * 3600_000;

/** A school with an account, and a browser logged in as a newly linked contact using `email`. */
async function linkedContact(kvk: string, email: string, contacts?: ReturnType<typeof buildContact>[]): Promise<{ browser: HttpClient; who: TestIdentity; orgId: string }> {
  const school = await createSchool({ kvkNumber: kvk, ...(contacts ? { contacts } : {}) });
  const { activationCode } = await createAccount(school._id, { username: `acc-${kvk}`, activationCode: true });
  const who = person(kvk);
  const browser = env.client();
  await ehLogin(browser, who);
  await browser.session();
  const since = Date.now();
  expect((await browser.post("/api/v1/auth/link", { variant: "activation", activationCode, email })).status).toBe(202);
  expect((await browser.post("/api/v1/auth/link/confirm", { pin: await pinFromMail(env.smtp, email, since) })).status).toBe(200);
  return { browser, who, orgId: String(school._id) };
}

describe("sessions", () => {
  it("expire after 15 minutes idle (not at 15 min − 1 s)", async () => {
    env.clock.set(Date.now());
    const { browser } = await linkedContact("42000001", "idle@example.nl");
    env.clock.advance(M15 - 1_000);
    expect((await browser.session<{ authenticated: boolean }>()).authenticated).toBe(true);
    env.clock.advance(M15 + 1_000);
    expect((await browser.session<{ authenticated: boolean }>()).authenticated).toBe(false);
  });

  it("expire 8 hours after login even when active", async () => {
    env.clock.set(Date.now());
    const { browser } = await linkedContact("42000002", "absolute@example.nl");
    const start = env.clock.nowMs();
    while (env.clock.nowMs() + 10 * 60_000 <= start + H8) {
      env.clock.advance(10 * 60_000);
      expect((await browser.session<{ authenticated: boolean }>()).authenticated).toBe(true);
    }
    env.clock.set(start + H8 + 1_000);
    expect((await browser.session<{ authenticated: boolean }>()).authenticated).toBe(false);
    env.clock.set(Date.now());
  });

  it("refuse state-changing requests without the CSRF token (403 csrf_failed)", async () => {
    env.clock.set(Date.now());
    const { browser } = await linkedContact("42000003", "csrf@example.nl");
    const missing = await browser.post("/api/v1/auth/logout", {}, { csrf: false });
    expect(missing.status).toBe(403);
    expect(errorId(missing.body)).toBe("csrf_failed");
    const wrong = new HttpClient(env.server.url);
    for (const [k, v] of browser.cookies) wrong.cookies.set(k, v);
    wrong.csrfToken = "not-the-token";
    expect(errorId((await wrong.post("/api/v1/auth/logout")).body)).toBe("csrf_failed");
    // Anonymous: no pre-session, no token.
    expect((await env.client().post("/api/v1/auth/agent/login", { username: "x", password: "y" }, { csrf: false })).status).toBe(403);
    expect((await browser.session<{ authenticated: boolean }>()).authenticated).toBe(true);
  });

  it("logout destroys the session server-side: the old cookie no longer works", async () => {
    env.clock.set(Date.now());
    const { browser } = await linkedContact("42000004", "logout@example.nl");
    const oldCookie = browser.cookies.get("balie.sid")!;
    const copy = new HttpClient(env.server.url);
    copy.cookies.set("balie.sid", oldCookie);
    expect((await copy.session<{ authenticated: boolean }>()).authenticated).toBe(true);
    const out = await browser.post<{ authenticated: boolean }>("/api/v1/auth/logout");
    expect(out.status).toBe(200);
    expect(out.body.authenticated).toBe(false);
    const replay = new HttpClient(env.server.url);
    replay.cookies.set("balie.sid", oldCookie);
    expect((await replay.session<{ authenticated: boolean }>()).authenticated).toBe(false);
    expect(replay.cookies.get("balie.sid")).not.toBe(oldCookie);
  });
});

describe("wachtwoord vergeten", () => {
  it("mails the gemachtigde, never the requester, and always answers 202", async () => {
    const gemachtigde = buildContact({ email: "gemachtigde@school-reset.nl", roles: ["authorised"] });
    const other = buildContact({ email: "anders@school-reset.nl", roles: ["other"] });
    const school = await createSchool({ kvkNumber: "42000005", contacts: [gemachtigde, other] });
    await createAccount(school._id, { username: "reset-me", password: "oud-wachtwoord-123" });
    const browser = env.client();
    await browser.session();
    const since = Date.now();
    expect((await browser.post("/api/v1/auth/password-forgotten", { username: "reset-me" })).status).toBe(202);
    const mail = await env.smtp.waitForMail("gemachtigde@school-reset.nl", { since });
    expect(mail.text).toContain("/wachtwoord-herstellen?token=");
    expect(env.smtp.mailsTo("anders@school-reset.nl")).toHaveLength(0);
    expect((await browser.post("/api/v1/auth/password-forgotten", { username: "bestaat-niet" })).status).toBe(202);

    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.text)![1]!);
    expect((await browser.post("/api/v1/auth/password-reset", { token, password: "nieuw-wachtwoord-456" })).status).toBe(204);
    expect(errorId((await browser.post("/api/v1/auth/password-reset", { token, password: "nieuw-wachtwoord-789" })).body)).toBe("reset_link_used");
    expect(errorId((await browser.post("/api/v1/auth/password-reset/check", { token })).body)).toBe("reset_link_used");
  });

  it("tells a usable, an expired (at exactly 1 hour) and a made-up link apart, and refuses a password with the username", async () => {
    env.clock.set(Date.parse("2026-12-03T10:00:00Z"));
    const gemachtigde = buildContact({ email: "gemachtigde@school-verloopt.nl", roles: ["authorised"] });
    const school = await createSchool({ kvkNumber: "42000015", contacts: [gemachtigde] });
    await createAccount(school._id, { username: "verloopt-straks", password: "oud-wachtwoord-123" });
    const browser = env.client();
    await browser.session();
    const since = Date.now();
    expect((await browser.post("/api/v1/auth/password-forgotten", { username: "verloopt-straks" })).status).toBe(202);
    const mail = await env.smtp.waitForMail("gemachtigde@school-verloopt.nl", { since });
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.text)![1]!);

    const check = await browser.post<{ username: string; expiresAt: string }>("/api/v1/auth/password-reset/check", { token });
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ username: "verloopt-straks", expiresAt: "2026-12-03T11:00:00.000Z" });
    const withName = await browser.post("/api/v1/auth/password-reset", { token, password: "Verloopt-Straks-2026" });
    expect(withName.status).toBe(400);
    expect((withName.body as { error: { fields: Record<string, { code: string }> } }).error.fields.password?.code).toBe("password_contains_username");
    expect(errorId((await browser.post("/api/v1/auth/password-reset/check", { token: "x".repeat(40) })).body)).toBe("invalid_reset_token");

    // The gemachtigde opens the link later, in a new browser session (the first one has idled out by then).
    env.clock.set(Date.parse("2026-12-03T10:59:59.999Z"));
    const later = env.client();
    await later.session();
    expect((await later.post("/api/v1/auth/password-reset/check", { token })).status).toBe(200);
    env.clock.set(Date.parse("2026-12-03T11:00:00Z"));
    const expired = await later.post("/api/v1/auth/password-reset", { token, password: "een-heel-nieuw-wachtwoord" });
    expect(expired.status).toBe(410);
    expect(errorId(expired.body)).toBe("reset_link_expired");
    env.clock.set(Date.now());
  });
});

describe("undoing links", () => {
  it("removes links unused for 18 months with the scheduled job; the person must link again", async () => {
    env.clock.set(Date.now());
    const { who, orgId } = await linkedContact("42000006", "stale@example.nl");
    const fresh = await linkedContact("42000007", "fresh@example.nl");
    const DAY = 24 * 3600_000;
    // Keep the second link in use.
    env.clock.advance(500 * DAY);
    await ehLogin(fresh.browser, fresh.who);
    env.clock.advance(48 * DAY + 1_000);
    expect(await removeStaleLinks()).toBeGreaterThanOrEqual(1);
    expect(await EherkenningLinkModel.countDocuments({ pseudonym: who.pseudonym })).toBe(0);
    expect(await EherkenningLinkModel.countDocuments({ pseudonym: fresh.who.pseudonym })).toBe(1);
    expect(await AuditEventModel.countDocuments({ type: "stale_unlink", organisationId: orgId })).toBe(1);
    expect((await ehLogin(env.client(), who)).pathname).toBe("/koppelen");
    env.clock.set(Date.now());
  });

  it("lets an agent and the gemachtigde undo a link, nobody else", async () => {
    env.clock.set(Date.now());
    const gemachtigde = buildContact({ email: "baas@school-unlink.nl", roles: ["authorised"] });
    const teacher = buildContact({ email: "juf@school-unlink.nl", roles: ["other"] });
    const boss = await linkedContact("42000008", "baas@school-unlink.nl", [gemachtigde, teacher]);
    // A colleague links the same account with a fresh activation code.
    const { PortalAccountModel } = await import("../../../server/src/modules/identity/portal-account.model.js");
    const { hashActivationCode, randomActivationCode } = await import("../../../server/src/modules/identity/secrets.js");
    const code = randomActivationCode();
    await PortalAccountModel.updateOne(
      { organisationId: boss.orgId },
      { $set: { activationCode: { hash: hashActivationCode(code), createdAt: new Date(), expiresAt: new Date(Date.now() + 3600_000), usedAt: null } } },
    );
    const colleague = person("42000008");
    const colleagueBrowser = env.client();
    await ehLogin(colleagueBrowser, colleague);
    await colleagueBrowser.session();
    const since = Date.now();
    await colleagueBrowser.post("/api/v1/auth/link", { variant: "activation", activationCode: code, email: "juf@school-unlink.nl" });
    await colleagueBrowser.post("/api/v1/auth/link/confirm", { pin: await pinFromMail(env.smtp, "juf@school-unlink.nl", since) });

    const links = await boss.browser.get<{ links: { linkId: string; email: string }[] }>(`/api/v1/organisations/${boss.orgId}/links`);
    expect(links.status).toBe(200);
    expect(links.body.links).toHaveLength(2);
    const colleagueLink = links.body.links.find((l) => l.email === "juf@school-unlink.nl")!;
    const bossLink = links.body.links.find((l) => l.email === "baas@school-unlink.nl")!;

    // The colleague is not the gemachtigde.
    expect((await colleagueBrowser.delete(`/api/v1/organisations/${boss.orgId}/links/${bossLink.linkId}`)).status).toBe(403);
    // The gemachtigde undoes the colleague's link (lost means); the colleague's session ends.
    expect((await boss.browser.delete(`/api/v1/organisations/${boss.orgId}/links/${colleagueLink.linkId}`)).status).toBe(204);
    expect((await colleagueBrowser.session<{ authenticated: boolean }>()).authenticated).toBe(false);

    // An agent undoes the gemachtigde's own link.
    await createAgent({ username: "unlinker" });
    const agent = env.client();
    await agent.session();
    expect((await agent.post("/api/v1/auth/agent/login", { username: "unlinker", password: FACTORY_PASSWORD })).status).toBe(200);
    expect((await agent.delete(`/api/v1/organisations/${boss.orgId}/links/${bossLink.linkId}`)).status).toBe(204);
    expect(errorId((await agent.delete(`/api/v1/organisations/${boss.orgId}/links/${bossLink.linkId}`)).body)).toBe("link_not_found");
    expect(await AuditEventModel.countDocuments({ type: "unlink", organisationId: boss.orgId })).toBe(2);

    // To link again the gemachtigde needs a fresh activation code from the helpdesk (password linking is off).
    expect((await boss.browser.post(`/api/v1/organisations/${boss.orgId}/activation-code`)).status).toBe(403);
    const issued = await agent.post<{ activationCode: string; username: string }>(`/api/v1/organisations/${boss.orgId}/activation-code`);
    expect(issued.status).toBe(201);
    const again = env.client();
    expect((await ehLogin(again, boss.who)).pathname).toBe("/koppelen");
    await again.session();
    const since2 = Date.now();
    expect((await again.post("/api/v1/auth/link", { variant: "activation", activationCode: issued.body.activationCode, email: "baas@school-unlink.nl" })).status).toBe(202);
    expect((await again.post("/api/v1/auth/link/confirm", { pin: await pinFromMail(env.smtp, "baas@school-unlink.nl", since2) })).status).toBe(200);
  });
});
