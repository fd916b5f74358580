import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "../../../server/src/modules/audit/audit-event.model.js";
import { EherkenningLinkModel } from "../../../server/src/modules/identity/eherkenning-link.model.js";
import { createBoardWithSchools, createSchool } from "../../factories/index.js";
import { createAccount, ehLogin, errorId, LOA2, LOA4, person, pinFromMail, startIdentityEnv, type IdentityEnv } from "./helpers.js";

let env: IdentityEnv;
beforeAll(async () => {
  env = await startIdentityEnv();
});
afterAll(async () => {
  await env?.stop();
});

describe("eHerkenning login and koppelen", () => {
  it("links with an activation code, PIN from the mail, then logs in directly next time", async () => {
    const school = await createSchool({ kvkNumber: "40000001" });
    const { activationCode } = await createAccount(school._id, { username: "act-school-1", activationCode: true });
    const who = person("40000001");
    const browser = env.client();

    expect((await ehLogin(browser, who)).pathname).toBe("/koppelen");
    const anon = await browser.session<{ authenticated: boolean; pendingLink: { step: string; kvk: string } }>();
    expect(anon.authenticated).toBe(false);
    expect(anon.pendingLink).toMatchObject({ step: "credentials", kvk: "40000001" });

    const since = Date.now();
    const link = await browser.post("/api/v1/auth/link", { variant: "activation", activationCode, email: "j.devries@example.nl" });
    expect(link.status).toBe(202);
    expect(link.body).toMatchObject({ status: "pin_sent", emailMasked: "j***@example.nl" });
    const pin = await pinFromMail(env.smtp, "j.devries@example.nl", since);
    // The expiry in Amsterdam time, in words, in both languages of the mail; no raw UTC timestamp.
    const pinMail = await env.smtp.waitForMail("j.devries@example.nl", { since });
    expect(pinMail.text).toMatch(/tot (maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} [a-z]+ \d{4} om \d{2}:\d{2} uur/);
    expect(pinMail.text).toMatch(/until [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2} \(Amsterdam time\)/);
    expect(pinMail.text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);

    const cookieBefore = browser.cookies.get("balie.sid");
    const confirm = await browser.post<{ redirectTo: string; session: { authenticated: boolean; principal: { type: string; activeOrganisationId: string } } }>(
      "/api/v1/auth/link/confirm",
      { pin },
    );
    expect(confirm.status).toBe(200);
    expect(confirm.body.redirectTo).toBe("/portaal");
    expect(confirm.body.session.authenticated).toBe(true);
    expect(confirm.body.session.principal).toMatchObject({ type: "contact", activeOrganisationId: String(school._id) });
    expect(browser.cookies.get("balie.sid")).not.toBe(cookieBefore); // rotated at link

    // PIN is single use.
    const again = await browser.post("/api/v1/auth/link/confirm", { pin });
    expect(errorId(again.body)).toBe("no_pending_pin");

    // Log out and back in: straight to the portal.
    expect((await browser.post("/api/v1/auth/logout")).status).toBe(200);
    expect((await ehLogin(browser, who)).pathname).toBe("/portaal");
    expect((await browser.session<{ authenticated: boolean }>()).authenticated).toBe(true);

    const audit = await AuditEventModel.find({ organisationId: school._id }).lean();
    expect(audit.map((a) => a.type)).toEqual(expect.arrayContaining(["link_requested", "link", "login", "logout"]));
    expect(JSON.stringify(audit)).not.toContain(pin);
    expect(JSON.stringify(audit)).not.toContain(activationCode);

    // The activation code was single use.
    const other = env.client();
    await ehLogin(other, person("40000001"));
    await other.session();
    const reuse = await other.post("/api/v1/auth/link", { variant: "activation", activationCode, email: "p.jansen@example.nl" });
    expect(errorId(reuse.body)).toBe("activation_code_used");
  });

  it("links with username + password; afterwards that password no longer links", async () => {
    const school = await createSchool({ kvkNumber: "40000002" });
    await createAccount(school._id, { username: "pw-school-2", password: "geheim-wachtwoord-1" });
    const browser = env.client();
    expect((await ehLogin(browser, person("40000002", LOA4))).pathname).toBe("/koppelen");
    await browser.session();
    const since = Date.now();
    const link = await browser.post("/api/v1/auth/link", { variant: "password", username: "PW-School-2", password: "geheim-wachtwoord-1", email: "k.bakker@example.nl" });
    expect(link.status).toBe(202);
    const pin = await pinFromMail(env.smtp, "k.bakker@example.nl", since);
    expect((await browser.post("/api/v1/auth/link/confirm", { pin })).status).toBe(200);

    const second = env.client();
    await ehLogin(second, person("40000002"));
    await second.session();
    const refused = await second.post("/api/v1/auth/link", { variant: "password", username: "pw-school-2", password: "geheim-wachtwoord-1", email: "m.smit@example.nl" });
    expect(refused.status).toBe(409);
    expect(errorId(refused.body)).toBe("password_login_disabled");
  });

  it("refuses EH2 with a clear redirect and audits it", async () => {
    const browser = env.client();
    const location = await ehLogin(browser, person("40000003", LOA2));
    expect(location.pathname).toBe("/inloggen");
    expect(location.searchParams.get("fout")).toBe("assurance_too_low");
    expect((await browser.session<{ authenticated: boolean; pendingLink: unknown }>()).pendingLink).toBeNull();
    expect(await AuditEventModel.countDocuments({ type: "assurance_too_low" })).toBeGreaterThan(0);
  });

  it("warns against shared e-mail addresses unless accepted", async () => {
    const school = await createSchool({ kvkNumber: "40000004" });
    await createAccount(school._id, { username: "shared-4", password: "geheim-wachtwoord-4" });
    const browser = env.client();
    await ehLogin(browser, person("40000004"));
    await browser.session();
    const shared = await browser.post("/api/v1/auth/link", { variant: "password", username: "shared-4", password: "geheim-wachtwoord-4", email: "info@school4.nl" });
    expect(shared.status).toBe(422);
    expect(errorId(shared.body)).toBe("shared_email_address");
    const accepted = await browser.post("/api/v1/auth/link", { variant: "password", username: "shared-4", password: "geheim-wachtwoord-4", email: "info@school4.nl", acceptSharedEmail: true });
    expect(accepted.status).toBe(202);
  });

  it("adds a second account and switches only to linked ones; a board acts for its schools", async () => {
    const { board, schools } = await createBoardWithSchools(2, { kvkNumber: "40000005" });
    const outsider = await createSchool({ kvkNumber: "40000099" });
    const boardAccount = await createAccount(board._id, { username: "board-5", activationCode: true });
    const schoolAccount = await createAccount(schools[0]!._id, { username: "school-5a", activationCode: true });
    const who = person("40000005");
    const browser = env.client();
    await ehLogin(browser, who);
    await browser.session();
    let since = Date.now();
    await browser.post("/api/v1/auth/link", { variant: "activation", activationCode: boardAccount.activationCode, email: "r.visser@example.nl" });
    await browser.post("/api/v1/auth/link/confirm", { pin: await pinFromMail(env.smtp, "r.visser@example.nl", since) });

    // Account toevoegen, while logged in.
    since = Date.now();
    const add = await browser.post("/api/v1/auth/link", { variant: "activation", activationCode: schoolAccount.activationCode, email: "r.visser2@example.nl" });
    expect(add.status).toBe(202);
    const added = await browser.post<{ session: { principal: { accounts: { organisationId: string }[] } } }>("/api/v1/auth/link/confirm", {
      pin: await pinFromMail(env.smtp, "r.visser2@example.nl", since),
    });
    expect(added.body.session.principal.accounts.map((a) => a.organisationId)).toEqual([String(board._id), String(schools[0]!._id)]);

    // Next login lands on the account chooser.
    await browser.post("/api/v1/auth/logout");
    expect((await ehLogin(browser, who)).pathname).toBe("/account-kiezen");
    await browser.session();

    const toSchool = await browser.post<{ principal: { activeOrganisationId: string; actingFor: null } }>("/api/v1/session/switch", { organisationId: String(schools[0]!._id) });
    expect(toSchool.status).toBe(200);
    expect(toSchool.body.principal).toMatchObject({ activeOrganisationId: String(schools[0]!._id), actingFor: null });

    const actFor = await browser.post<{ principal: { activeOrganisationId: string; effectiveOrganisationId: string; actingFor: { organisationId: string } } }>(
      "/api/v1/session/switch",
      { organisationId: String(schools[1]!._id) },
    );
    expect(actFor.status).toBe(200);
    expect(actFor.body.principal.activeOrganisationId).toBe(String(board._id));
    expect(actFor.body.principal.effectiveOrganisationId).toBe(String(schools[1]!._id));

    const refused = await browser.post("/api/v1/session/switch", { organisationId: String(outsider._id) });
    expect(refused.status).toBe(403);
    expect(errorId(refused.body)).toBe("account_not_linked");
    expect(await EherkenningLinkModel.countDocuments({ pseudonym: who.pseudonym })).toBe(2);
  });
});
