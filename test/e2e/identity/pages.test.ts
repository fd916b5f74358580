/**
 * The identity pages in Chromium against the real server (built client, in-process Balie, eHerkenning
 * simulator, mails over SMTP): every page in nl and en, reached the way a person reaches it, has no axe
 * (WCAG 2.1 A/AA) violations, labels and keyboard order are right, and each state is produced by the server
 * itself: 5 wrong PINs → blocked until HH:MM Amsterdam time (and unblocked after it), activation code expired
 * (server clock at 24 h + 1 s), shared e-mail warning → confirmation, wachtwoord vergeten → mail to the
 * gemachtigde, account kiezen with two linked accounts, agent login with a wrong password.
 * Screenshots go to /tmp/identity-*.png.
 */
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PortalAccountModel } from "../../../server/src/modules/identity/portal-account.model.js";
import { createAgent, createBoard, createSchool } from "../../factories/index.js";
import { createAccount, LOA2, loginAsContactWithIdentity, person, pinFromMail } from "../../harness/login.js";
import { expectNoAxeViolations, openPage } from "../portal/support.js";
import { ehLoginInBrowser, expectHeading, focusedId, linkWithActivationCode, shot, startIdentityEnv, tabOrder, wrongPin, type IdentityEnv } from "./support.js";
import { AttemptCounterModel } from "../../../server/src/modules/identity/attempt-recorder.js";

let env: IdentityEnv;

beforeAll(async () => {
  env = await startIdentityEnv();
});

afterEach(() => {
  // Tests that move the server's clock put it back to real time.
  env.clock.set(Date.now());
});

afterAll(async () => {
  await env?.stop();
});

let kvkSeq = 44_000_000;
/** A fresh KvK number, so attempts never count against another test's accounts. */
const nextKvk = () => String(++kvkSeq);

/** An unknown identity logged in at the broker: the browser is on /koppelen with a pending link. */
async function onLinkPage(page: Page): Promise<void> {
  const landed = await ehLoginInBrowser(page, env, person(nextKvk()));
  expect(landed.pathname).toBe("/koppelen");
  await page.locator("hd-link-form").waitFor();
}

/** A school with an account awaiting activation; the browser linked it and is on /koppelen/pincode. */
async function onPinPage(page: Page): Promise<void> {
  const kvk = nextKvk();
  const school = await createSchool({ kvkNumber: kvk });
  const { activationCode } = await createAccount(school._id, { username: `pages-pin-${kvk}`, activationCode: true });
  expect((await ehLoginInBrowser(page, env, person(kvk))).pathname).toBe("/koppelen");
  await linkWithActivationCode(page, env, activationCode!, `pin-${kvk}@persoonlijk.example.nl`);
  await page.locator("hd-pin-form").waitFor();
}

/** A person linked to a school and a board logs in at the broker and lands on /account-kiezen. */
async function onAccountsPage(page: Page): Promise<{ schoolId: string; boardId: string }> {
  const school = await createSchool({ name: "OBS De Linde" });
  const board = await createBoard({ name: "Stichting Primair Onderwijs Noord" });
  const { identity } = await loginAsContactWithIdentity(env.server, [school._id, board._id], { identity: person(nextKvk()) });
  expect((await ehLoginInBrowser(page, env, identity)).pathname).toBe("/account-kiezen");
  return { schoolId: String(school._id), boardId: String(board._id) };
}

/** How each page is reached for real. */
const pages: readonly [label: string, reach: (page: Page) => Promise<unknown>, nl: string, en: string][] = [
  ["/inloggen", (page) => page.goto(`${env.server.url}/inloggen`), "Inloggen", "Log in"],
  ["/inloggen?fout=assurance_too_low", (page) => ehLoginInBrowser(page, env, person(nextKvk(), LOA2)), "Inloggen", "Log in"],
  ["/koppelen", onLinkPage, "eHerkenning koppelen aan account", "Link eHerkenning to your account"],
  [
    "/koppelen?variant=activatiecode",
    async (page) => {
      await onLinkPage(page);
      await page.goto(`${env.server.url}/koppelen?variant=activatiecode`);
      await page.getByLabel(/Activatiecode|Activation code/).waitFor();
    },
    "eHerkenning koppelen aan account",
    "Link eHerkenning to your account",
  ],
  ["/koppelen/pincode", onPinPage, "Koppeling eHerkenning bevestigen", "Confirm eHerkenning link"],
  ["/wachtwoord-vergeten", (page) => page.goto(`${env.server.url}/wachtwoord-vergeten`), "Wachtwoord vergeten", "Forgot your password"],
  ["/account-kiezen", onAccountsPage, "Account kiezen", "Choose an account"],
  ["/medewerker/inloggen", (page) => page.goto(`${env.server.url}/medewerker/inloggen`), "Inloggen voor medewerkers", "Staff log in"],
];

describe("identity pages", () => {
  for (const [label, reach, nlTitle, enTitle] of pages) {
    for (const [locale, title] of [["nl", nlTitle], ["en", enTitle]] as const) {
      it(`${label} in ${locale}: heading, lang, no axe violations`, async () => {
        const { page, errors } = await openPage(env, locale);
        page.setDefaultTimeout(10_000);
        await reach(page);
        expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(label);
        await expectHeading(page, title);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        expect(await page.title()).toContain(title);
        expect(await page.locator("main").count()).toBe(1);
        if (label === "/account-kiezen") await page.locator("hd-account-chooser button").first().waitFor();
        await expectNoAxeViolations(page);
        await shot(page, `${label.replace(/[^a-z]+/g, "-").replace(/^-|-$/g, "")}-${locale}`);
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }
  }

  it("/inloggen: skip link first, then the language switch, then eHerkenning and the staff link", async () => {
    const { page } = await openPage(env);
    await page.goto(`${env.server.url}/inloggen`);
    await page.locator("h1").waitFor();
    expect(await tabOrder(page, 6)).toEqual([
      "Naar de inhoud",
      "Balie, naar de startpagina",
      "Nederlands",
      "English",
      "eH3 Inloggen met eHerkenning",
      "Inloggen als medewerker",
    ]);
    expect(await page.getByRole("link", { name: /Inloggen met eHerkenning/ }).getAttribute("href")).toBe("/auth/eherkenning/start");
    await page.getByRole("link", { name: "Naar de inhoud" }).focus();
    await page.keyboard.press("Enter");
    expect(await focusedId(page)).toBe("hd-main");
    await page.context().close();
  });

  it("EH2 at the broker: /inloggen explains that EH3 is required", async () => {
    const { page } = await openPage(env);
    const landed = await ehLoginInBrowser(page, env, person(nextKvk(), LOA2));
    expect(landed.searchParams.get("fout")).toBe("assurance_too_low");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("minimaal niveau 3 (EH3)");
    await page.context().close();
  });

  it("switches language live, stores it and keeps it after a reload", async () => {
    const { page } = await openPage(env);
    await onLinkPage(page);
    await page.getByRole("button", { name: "English" }).click();
    await expectHeading(page, "Link eHerkenning to your account");
    expect(await page.getByLabel("Username").count()).toBe(1);
    expect(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");
    await page.reload();
    await expectHeading(page, "Link eHerkenning to your account");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.context().close();
  });

  it("/koppelen: labelled fields in DUO's order, errors summarised and focused on an empty submit", async () => {
    const { page } = await openPage(env);
    await onLinkPage(page);
    const posts: string[] = [];
    page.on("request", (r) => void (r.method() === "POST" && posts.push(new URL(r.url()).pathname)));
    expect(await tabOrder(page, 9)).toEqual([
      "Naar de inhoud",
      "Balie, naar de startpagina",
      "Nederlands",
      "English",
      "E-mail",
      "Gebruikersnaam",
      "Wachtwoord",
      "Wachtwoord vergeten?",
      "Gebruik dan uw activatiecode.",
    ]);
    expect(await page.getByLabel("Wachtwoord").getAttribute("autocomplete")).toBe("current-password");
    expect(await page.getByLabel("Gebruikersnaam").getAttribute("autocomplete")).toBe("username");
    await page.getByLabel("E-mail").focus();
    await page.keyboard.press("Enter");
    const summary = page.locator("hd-error-summary [role=alert]");
    await expect.poll(() => summary.textContent()).toContain("Niet alle gegevens zijn goed ingevuld.");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hd-error-summary__alert"))).toBe(true);
    expect(await page.getByLabel("E-mail").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("E-mail").getAttribute("aria-describedby")).toContain("hd-link-email-error");
    await expectNoAxeViolations(page);
    await shot(page, "koppelen-errors-nl");
    await page.getByRole("link", { name: /Gebruikersnaam: Vul dit veld in/ }).click();
    expect(await focusedId(page)).toBe("hd-link-username");
    // Nothing incomplete reached the server.
    expect(posts).toEqual([]);
    await page.context().close();
  });

  it("/koppelen: warns while typing a shared address, asks for confirmation after shared_email_address, then links", async () => {
    const kvk = nextKvk();
    const school = await createSchool({ kvkNumber: kvk });
    await createAccount(school._id, { username: `shared-${kvk}`, password: "geheim-wachtwoord" });
    const { page } = await openPage(env);
    expect((await ehLoginInBrowser(page, env, person(kvk))).pathname).toBe("/koppelen");
    const shared = `info@school-${kvk}.example.nl`;
    await page.getByLabel("E-mail").fill(shared);
    await expect.poll(() => page.locator("#hd-link-email-warning").textContent()).toContain("algemeen e-mailadres");
    expect(await page.getByLabel("E-mail").getAttribute("aria-describedby")).toContain("hd-link-email-warning");
    await page.getByLabel("Gebruikersnaam").fill(`shared-${kvk}`);
    await page.getByLabel("Wachtwoord", { exact: true }).fill("geheim-wachtwoord");
    await page.keyboard.press("Enter");
    // The server refused the shared address (422 shared_email_address): the page asks to confirm it.
    const confirm = page.getByLabel("Ja, ik wil dit e-mailadres toch gebruiken");
    await confirm.waitFor();
    expect(env.smtp.mailsTo(shared)).toEqual([]);
    await expectNoAxeViolations(page);
    await shot(page, "koppelen-shared-email-nl");
    await page.getByRole("button", { name: "Doorgaan" }).click();
    await expect.poll(() => page.locator("hd-error-summary").textContent()).toContain("Bevestig dat u dit algemene e-mailadres");
    await confirm.check();
    const since = Date.now();
    await page.getByRole("button", { name: "Doorgaan" }).click();
    await expectHeading(page, "Koppeling eHerkenning bevestigen");
    expect(new URL(page.url()).pathname).toBe("/koppelen/pincode");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await expect.poll(() => page.locator("hd-pin-form").textContent()).toContain(`i***@school-${kvk}.example.nl`);
    // Confirmed: the PIN went to the shared address after all.
    expect(await pinFromMail(env.smtp, shared, since)).toMatch(/^\d{6}$/);
    await page.context().close();
  });

  it("/koppelen: a person can stop linking; the eHerkenning login is forgotten and they are logged out", async () => {
    const { page, errors } = await openPage(env);
    await onLinkPage(page);
    const stop = page.getByRole("button", { name: "Stoppen met koppelen en uitloggen" });
    await stop.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/inloggen\?uitgelogd=1$/);
    const session = await page.evaluate(() => fetch("/api/v1/session").then((r) => r.json() as Promise<{ pendingLink: unknown; principal: unknown }>));
    expect(session.pendingLink).toBeNull();
    expect(session.principal).toBeNull();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("/koppelen activation variant: a code past 24 hours tells them to ask the helpdesk", async () => {
    const kvk = nextKvk();
    const school = await createSchool({ kvkNumber: kvk });
    const { accountId, activationCode } = await createAccount(school._id, { username: `expired-${kvk}`, activationCode: true });
    const account = await PortalAccountModel.findById(accountId).lean();
    // The server's clock at 24 h + 1 s after the code was made.
    env.clock.set(account!.activationCode!.createdAt.getTime() + 24 * 3600_000 + 1_000);
    const { page } = await openPage(env);
    expect((await ehLoginInBrowser(page, env, person(kvk))).pathname).toBe("/koppelen");
    await page.getByRole("button", { name: "Gebruik dan uw activatiecode." }).click();
    expect(await focusedId(page)).toBe("hd-link-activation-code");
    await page.getByLabel("E-mail").fill(`expired-${kvk}@persoonlijk.example.nl`);
    await page.getByLabel("Activatiecode").fill(activationCode!);
    await page.keyboard.press("Enter");
    const alert = page.locator("hd-auth-state [role=alert]");
    await expect.poll(() => alert.textContent()).toContain("Activatiecode verlopen");
    // The one helpdesk address: the one the supervisors keep with the opening hours (also on the chat status).
    await expect.poll(() => alert.textContent()).toContain("helpdesk@balie.example");
    expect(await page.locator("body").textContent()).not.toMatch(/helpdeskp\.o|helpdesk\.po/);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hd-auth-state__alert"))).toBe(true);
    expect(env.smtp.mailsTo(`expired-${kvk}@persoonlijk.example.nl`)).toEqual([]);
    await expectNoAxeViolations(page);
    await shot(page, "koppelen-code-expired-nl");
    await page.context().close();
  });

  it("/koppelen/pincode: numeric one-time-code input; 5 wrong PINs block until HH:MM Amsterdam time, unblocked after it", async () => {
    // A winter moment on another day than today, so the page names the day: 13:05 UTC = 14:05 in Amsterdam.
    env.clock.set(Date.parse("2030-01-15T13:05:00Z"));
    const kvk = nextKvk();
    const school = await createSchool({ kvkNumber: kvk });
    await createAccount(school._id, { username: `blocked-${kvk}`, password: "geheim-wachtwoord" });
    const email = `blocked-${kvk}@persoonlijk.example.nl`;
    const { page } = await openPage(env);
    expect((await ehLoginInBrowser(page, env, person(kvk))).pathname).toBe("/koppelen");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Gebruikersnaam").fill(`blocked-${kvk}`);
    await page.getByLabel("Wachtwoord", { exact: true }).fill("geheim-wachtwoord");
    let since = Date.now();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/koppelen\/pincode$/);
    const pin = await pinFromMail(env.smtp, email, since);

    const field = page.getByLabel("Pincode");
    expect(await field.getAttribute("inputmode")).toBe("numeric");
    expect(await field.getAttribute("autocomplete")).toBe("one-time-code");
    await field.fill("12a");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("hd-error-summary").textContent()).toContain("Vul de pincode van 6 cijfers in.");
    const confirmAnswer = () => page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/auth/link/confirm");
    for (let attempt = 1; attempt <= 4; attempt++) {
      const answer = confirmAnswer();
      await field.fill(wrongPin(pin));
      await page.keyboard.press("Enter");
      expect((await answer).status()).toBe(401);
      await expect.poll(() => page.locator("hd-error-summary").textContent()).toContain("De pincode is niet juist.");
      expect(await page.evaluate(() => document.activeElement?.classList.contains("hd-error-summary__alert"))).toBe(true);
      if (attempt === 1) await shot(page, "pincode-wrong-nl");
    }
    const fifth = confirmAnswer();
    await field.fill(wrongPin(pin));
    await page.getByRole("button", { name: "Bevestigen" }).click();
    expect((await fifth).status()).toBe(423);
    const alert = page.locator("hd-auth-state [role=alert]");
    await expect.poll(() => alert.textContent()).toContain("geblokkeerd tot 15 januari 14:20");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hd-auth-state__alert"))).toBe(true);
    const account = await PortalAccountModel.findOne({ username: `blocked-${kvk}` }).lean();
    const counter = await AttemptCounterModel.findOne({ subject: `acct:${String(account!._id)}` }).lean();
    expect(counter!.blockedUntil!.toISOString()).toBe("2030-01-15T13:20:00.000Z");
    await expectNoAxeViolations(page);
    await shot(page, "pincode-blocked-nl");

    // One second before the stated time the right PIN is still refused (the reload keeps the session alive).
    env.clock.set(Date.parse("2030-01-15T13:19:59Z"));
    await page.reload();
    await page.getByLabel("Pincode").fill(pin);
    await page.keyboard.press("Enter");
    await expect.poll(() => alert.textContent()).toContain("geblokkeerd tot 15 januari 14:20");

    // After it: link again (the PIN expired with the block), the new PIN works and the portal opens.
    env.clock.set(Date.parse("2030-01-15T13:20:01Z"));
    await page.goto(`${env.server.url}/koppelen?opnieuw=1`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Gebruikersnaam").fill(`blocked-${kvk}`);
    await page.getByLabel("Wachtwoord", { exact: true }).fill("geheim-wachtwoord");
    since = Date.now();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/koppelen\/pincode$/);
    await page.getByLabel("Pincode").fill(await pinFromMail(env.smtp, email, since));
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/portaal/${String(school._id)}/mijn-gegevens`);
    await page.context().close();
  });

  it("/wachtwoord-vergeten: confirms, and the mail goes to the gemachtigde, not to the requester", async () => {
    const kvk = nextKvk();
    const school = await createSchool({ kvkNumber: kvk });
    await createAccount(school._id, { username: `vergeten-${kvk}`, password: "geheim-wachtwoord" });
    const gemachtigde = school.contacts.find((c) => c.roles.includes("authorised"))!.email;
    const { page } = await openPage(env);
    await page.goto(`${env.server.url}/wachtwoord-vergeten`);
    expect(await page.locator("main").textContent()).toContain("gemachtigde van de school");
    await page.getByLabel("Gebruikersnaam").fill(`vergeten-${kvk}`);
    const since = Date.now();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("status").textContent()).toContain("gemachtigde van de school");
    const mail = await env.smtp.waitForMail(gemachtigde, { since });
    expect(mail.to).toEqual([gemachtigde.toLowerCase()]);
    expect(mail.text).toContain(`vergeten-${kvk}`);
    await expectNoAxeViolations(page);
    await shot(page, "wachtwoord-vergeten-done-nl");
    await page.context().close();
  });

  it("/account-kiezen: lists both linked accounts, offers Account toevoegen, and switches to the chosen one", async () => {
    const { page, errors } = await openPage(env);
    const { boardId } = await onAccountsPage(page);
    const choose = page.getByRole("button", { name: "Werken voor Stichting Primair Onderwijs Noord" });
    await choose.waitFor();
    expect(await page.getByRole("button", { name: "Werken voor OBS De Linde" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Account toevoegen" }).getAttribute("href")).toBe("/koppelen?toevoegen=1");
    await expectNoAxeViolations(page);
    // Straight after logging in nothing is chosen yet, so no account is marked current.
    expect(await page.locator("hd-account-chooser").textContent()).not.toContain("(huidig)");
    await choose.click();
    await page.waitForURL(`**/portaal/${boardId}/mijn-gegevens`);
    await expect.poll(() => page.locator("hd-portal-app h1").textContent()).toContain("Stichting Primair Onderwijs Noord");
    // Coming back to switch: now the board is the current one.
    await page.goto(`${env.server.url}/account-kiezen`);
    const current = page.locator(".hd-account-chooser__item--current");
    await expect.poll(() => current.textContent()).toContain("Stichting Primair Onderwijs Noord");
    expect(await current.textContent()).toContain("(huidig)");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("/medewerker/inloggen: wrong password is announced and focused", async () => {
    const agent = await createAgent();
    const { page } = await openPage(env);
    await page.goto(`${env.server.url}/medewerker/inloggen`);
    await page.getByLabel("Gebruikersnaam").fill(agent.username);
    await page.getByLabel("Wachtwoord").fill("fout-wachtwoord");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("hd-error-summary [role=alert]").textContent()).toContain(
      "De gebruikersnaam of het wachtwoord is niet juist.",
    );
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hd-error-summary__alert"))).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/medewerker/inloggen");
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
