/**
 * "Wachtwoord vergeten" to the end, in Chromium against the real server (mail over SMTP, server clock): the
 * gemachtigde opens the link from the mail on /wachtwoord-herstellen, sees the rules before typing, gets field
 * errors for a short password and two that differ, sets the password by keyboard, and is offered the way back to
 * logging in. The same link then says it was used; a link past its hour says it expired. nl and en, axe-clean.
 */
import { verify } from "@node-rs/argon2";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PortalAccountModel } from "../../../server/src/modules/identity/portal-account.model.js";
import { buildContact, createSchool } from "../../factories/index.js";
import { createAccount } from "../../harness/login.js";
import { expectNoAxeViolations, openPage } from "../portal/support.js";
import { expectHeading, shot, startIdentityEnv, type IdentityEnv } from "./support.js";

let env: IdentityEnv;

beforeAll(async () => {
  env = await startIdentityEnv();
});

afterEach(() => {
  env.clock.set(Date.now());
});

afterAll(async () => {
  await env?.stop();
});

let seq = 0;

/** A school whose gemachtigde has just received a reset mail for its account; returns the link from the mail. */
async function requestReset(page: Page, username: string): Promise<{ link: string; email: string }> {
  const email = `gemachtigde-${++seq}@school-herstel.example.nl`;
  const school = await createSchool({ kvkNumber: String(46_000_000 + seq), contacts: [buildContact({ email, roles: ["authorised"] })] });
  await createAccount(school._id, { username, password: "oud-wachtwoord-123" });
  await page.goto(`${env.server.url}/wachtwoord-vergeten`);
  await page.getByLabel(/^(Gebruikersnaam|Username)$/).fill(username);
  const since = Date.now();
  await page.getByRole("button", { name: /^(Verstuur e-mail|Send e-mail)$/ }).click();
  const mail = await env.smtp.waitForMail(email, { since });
  const link = /(https?:\/\/\S+\/wachtwoord-herstellen\?token=\S+)/.exec(mail.text)![1]!;
  return { link, email };
}

describe("/wachtwoord-herstellen", () => {
  it("sets a new password from the mailed link, by keyboard, with the rules shown first; a second use says used", async () => {
    const { page, errors } = await openPage(env);
    const { link } = await requestReset(page, "cbs-het-kompas-1");
    expect(new URL(link).origin).toBe(env.server.url);
    await page.goto(link);
    await expectHeading(page, "Nieuw wachtwoord instellen");
    const form = page.locator("hd-password-reset-form");
    await expect.poll(() => form.textContent()).toContain("minstens 12 tekens");
    expect(await page.locator("main").textContent()).toContain("cbs-het-kompas-1");
    await expectNoAxeViolations(page);
    await shot(page, "reset-form-nl");

    // Too short and not repeated: both fields say what is wrong, the summary gets focus.
    await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("kort");
    await page.getByLabel("Nieuw wachtwoord", { exact: true }).press("Enter");
    await expect.poll(() => form.locator("#hd-reset-password-error").textContent()).toContain("minstens 12 tekens");
    expect(await form.locator("#hd-reset-repeat-error").textContent()).toContain("Vul dit veld in");
    await expectNoAxeViolations(page);

    await page.getByLabel("Nieuw wachtwoord", { exact: true }).fill("paarse olifant op de fiets");
    await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("paarse olifant op de fietz");
    await page.keyboard.press("Enter");
    await expect.poll(() => form.locator("#hd-reset-repeat-error").textContent()).toContain("niet gelijk");

    await page.getByLabel("Herhaal het nieuwe wachtwoord").fill("paarse olifant op de fiets");
    await page.keyboard.press("Enter");
    const done = page.locator(".hd-reset__done");
    await expect.poll(() => done.textContent()).toContain("Het nieuwe wachtwoord is opgeslagen");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hd-reset__done"))).toBe(true);
    const account = await PortalAccountModel.findOne({ username: "cbs-het-kompas-1" }).lean();
    expect(await verify(account!.passwordHash!, "paarse olifant op de fiets")).toBe(true);
    await expectNoAxeViolations(page);
    await shot(page, "reset-done-nl");
    await page.getByRole("link", { name: "Naar inloggen" }).click();
    await expectHeading(page, "Inloggen");

    await page.goto(link);
    await expect.poll(() => page.locator("[role=alert]").textContent()).toContain("al gebruikt");
    expect(await page.getByRole("link", { name: "Nieuwe herstellink aanvragen" }).getAttribute("href")).toBe("/wachtwoord-vergeten");
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("in English: an hour after the mail the link says it expired, and offers a new one", async () => {
    const { page, errors } = await openPage(env, "en");
    const { link } = await requestReset(page, "cbs-het-kompas-2");
    await page.goto(link);
    await expectHeading(page, "Set a new password");
    await expect.poll(() => page.locator("hd-password-reset-form").textContent()).toContain("at least 12 characters");
    await expectNoAxeViolations(page);
    await shot(page, "reset-form-en");

    const account = await PortalAccountModel.findOne({ username: "cbs-het-kompas-2" }).lean();
    env.clock.set(account!.passwordReset!.expiresAt.getTime());
    await page.goto(link);
    await expect.poll(() => page.locator("[role=alert]").textContent()).toContain("has expired");
    await page.getByRole("link", { name: "Request a new reset link" }).waitFor();
    await expectNoAxeViolations(page);
    await shot(page, "reset-expired-en");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a made-up link explains itself instead of showing the form", async () => {
    const { page } = await openPage(env);
    await page.goto(`${env.server.url}/wachtwoord-herstellen?token=${"q".repeat(43)}`);
    await expect.poll(() => page.locator("[role=alert]").textContent()).toContain("niet geldig");
    expect(await page.locator("hd-password-reset-form").count()).toBe(0);
    await page.goto(`${env.server.url}/wachtwoord-herstellen`);
    await expect.poll(() => page.locator("[role=alert]").textContent()).toContain("niet geldig");
    await page.context().close();
  });
});
