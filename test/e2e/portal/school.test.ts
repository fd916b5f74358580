/**
 * Mijn gegevens for a school contact person, in Chromium against the real backend (no API stubs): log in with
 * the eHerkenning simulator, change the phone number (first with a wrong one: the API's field error appears in
 * Dutch at the field), add a contact person, make them Gemachtigde and remove them again, then try to remove
 * the last one and read "Er moet altijd een gemachtigde zijn"; a colleague without the role sees why she cannot
 * manage it. Every state is checked with axe and
 * photographed (/tmp/portal-school-*.png); the same page is checked in English.
 */
import { Types } from "mongoose";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrganisationModel } from "../../../server/src/modules/organisations/organisation.model.js";
import { createSchool } from "../../factories/index.js";
import { loginAsAgent, loginAsContactWithIdentity, type TestIdentity } from "../../harness/login.js";
import { expectNoAxeViolations, liveRegion, loginInBrowser, openPage, shot, startPortalEnv, type PortalEnv } from "./support.js";

let env: PortalEnv;
let page: Page;
let errors: string[];
let schoolId: string;
let identity: TestIdentity;
let oldAuthorised: string;

beforeAll(async () => {
  env = await startPortalEnv();
  const school = await createSchool({ name: "OBS De Linde" });
  schoolId = String(school._id);
  oldAuthorised = school.contacts.find((c) => c.roles.includes("authorised"))!.name;
  ({ identity } = await loginAsContactWithIdentity(env.server, [school._id]));
  const supervisor = await loginAsAgent(env.server, "supervisor");
  for (const [title, publishedAt] of [
    ["Uitwisseling ROD vernieuwd", "2025-03-01T09:00:00Z"],
    ["Nieuwe versie van de handleiding", "2025-05-12T09:00:00Z"],
  ] as const) {
    const res = await supervisor.post("/api/v1/news", { title, body: `${title}.\n\nLees meer in de handleiding.`, audience: { type: "all" }, publishedAt });
    expect(res.status).toBe(201);
  }
  ({ page, errors } = await openPage(env));
  page.setDefaultTimeout(10_000);
  await loginInBrowser(page, env, identity);
});

afterAll(async () => {
  await env?.stop();
});

const phoneInput = () => page.getByLabel(/^Telefoonnummer/).first();

describe("Mijn gegevens for a school", () => {
  it("lands on Mijn gegevens with the school's name, code, tiles and news newest first", async () => {
    expect(new URL(page.url()).pathname).toBe(`/portaal/${schoolId}/mijn-gegevens`);
    await expect.poll(() => page.locator("h1").textContent()).toContain("OBS De Linde");
    await page.locator("hd-organisation-details dl").waitFor();
    await page.locator("hd-contact-list ul").first().waitFor();
    await page.locator("hd-news-tile article").first().waitFor();
    const titles = await page.locator("hd-news-tile h3").allTextContents();
    expect(titles).toEqual(["Nieuwe versie van de handleiding", "Uitwisseling ROD vernieuwd"]);
    expect(await page.getByRole("tab", { selected: true }).textContent()).toContain("Mijn gegevens");
    expect(await page.title()).toBe("Mijn gegevens — OBS De Linde — Balie");
    await shot(page, "school-details");
    await expectNoAxeViolations(page);
  });

  it("shows the API's field error for a wrong phone number, then saves a right one and announces Opgeslagen", async () => {
    await page.getByRole("button", { name: "Gegevens wijzigen" }).click();
    await phoneInput().fill("12345");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.locator("hd-organisation-form .utrecht-form-field-error-message").first().waitFor();
    expect(await page.locator("hd-organisation-form .utrecht-form-field-error-message").first().textContent()).toContain("geldig telefoonnummer");
    expect(await phoneInput().getAttribute("aria-invalid")).toBe("true");
    await shot(page, "school-edit-error");
    await expectNoAxeViolations(page);

    await phoneInput().fill("030 765 4321");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => liveRegion(page).textContent()).toContain("Opgeslagen");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("hd-details-heading");
    expect(await page.locator("hd-organisation-details dl").textContent()).toContain("030 765 4321");
    const stored = await OrganisationModel.findById(schoolId).lean();
    expect(stored?.phone).toBe("030 765 4321");
    await shot(page, "school-saved");
    await expectNoAxeViolations(page);
  });

  it("shows a new school name in the page header after saving it", async () => {
    await page.getByRole("button", { name: "Gegevens wijzigen" }).click();
    await page.locator("hd-organisation-form").getByLabel("Naam", { exact: true }).fill("OBS De Linde Utrecht");
    await page.locator("hd-organisation-form").getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain("OBS De Linde Utrecht");
    expect((await OrganisationModel.findById(schoolId).lean())?.name).toBe("OBS De Linde Utrecht");
  });

  it("adds a contact person, makes them Gemachtigde, and removes them again", async () => {
    await page.getByRole("button", { name: "Contactpersoon toevoegen" }).click();
    const form = page.locator("hd-contact-form");
    await form.getByLabel("Naam", { exact: true }).fill("Fatima el Amrani");
    await form.getByLabel(/^Functie/).fill("Directeur");
    await form.getByLabel("E-mailadres").fill("f.elamrani@delinde.example.nl");
    await shot(page, "school-contact-add");
    await expectNoAxeViolations(page);
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => liveRegion(page).textContent()).toContain("Fatima el Amrani is toegevoegd");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Fatima el Amrani");

    await page.getByRole("button", { name: /^Wijzigen\s*:\s*Fatima el Amrani$/ }).click();
    await page.locator("hd-contact-form").getByLabel("Rol").selectOption({ label: "Gemachtigde" });
    await page.locator("hd-contact-form").getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => liveRegion(page).textContent()).toContain("De gegevens van Fatima el Amrani zijn opgeslagen");
    const fatima = page.locator("hd-contact-list li[data-contact-id]", { hasText: "Fatima el Amrani" });
    expect(await fatima.locator(".hd-role").allTextContents()).toEqual(["Gemachtigde"]);

    await page.getByRole("button", { name: /^Verwijderen\s*:\s*Fatima el Amrani$/ }).click();
    const dialog = page.getByRole("dialog", { name: "Contactpersoon verwijderen?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Fatima el Amrani");
    await shot(page, "school-confirm-remove");
    await expectNoAxeViolations(page);
    await dialog.getByRole("button", { name: "Ja, verwijderen" }).click();
    await expect.poll(() => liveRegion(page).textContent()).toContain("Fatima el Amrani is verwijderd");
    expect(await page.locator("hd-contact-list").textContent()).not.toContain("Fatima el Amrani");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("hd-contacts-heading");
  });

  it("refuses to remove the last gemachtigde and says so in Dutch near the list", async () => {
    await page.getByRole("button", { name: new RegExp(`^Verwijderen\\s*:\\s*${oldAuthorised}$`) }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Ja, verwijderen" }).click();
    const alert = page.locator("hd-contact-list .hd-contact-list__alert");
    await expect.poll(() => alert.textContent()).toContain("Er moet altijd een gemachtigde zijn");
    expect(await page.locator("hd-contact-list").textContent()).toContain(oldAuthorised);
    // Focus returns to the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^hd-contact-remove-/);
    await shot(page, "school-last-authorised");
    await expectNoAxeViolations(page);
  });

  it("a colleague without the role sees why she cannot give or take it, and cannot re-address the gemachtigde", async () => {
    const { identity: colleagueIdentity } = await loginAsContactWithIdentity(env.server, [new Types.ObjectId(schoolId)], { as: "colleague" });
    const colleague = await openPage(env);
    try {
      await loginInBrowser(colleague.page, env, colleagueIdentity);
      const list = colleague.page.locator("hd-contact-list");
      await expect.poll(() => list.textContent()).toContain("Alleen een gemachtigde (of de helpdesk) kan de rol Gemachtigde geven of afnemen.");
      // No way to remove the gemachtigde; her role and e-mail address are read-only in the form.
      expect(await colleague.page.getByRole("button", { name: new RegExp(`^Verwijderen\\s*:\\s*${oldAuthorised}$`) }).count()).toBe(0);
      await colleague.page.getByRole("button", { name: new RegExp(`^Wijzigen\\s*:\\s*${oldAuthorised}$`) }).click();
      const form = colleague.page.locator("hd-contact-form");
      expect(await form.getByLabel("Rol").isDisabled()).toBe(true);
      expect(await form.getByLabel("E-mailadres").getAttribute("readonly")).not.toBeNull();
      await shot(colleague.page, "school-colleague-gemachtigde");
      await expectNoAxeViolations(colleague.page);
      await form.getByRole("button", { name: "Annuleren" }).click();
      // For her own entry the option Gemachtigde is there but cannot be chosen.
      await colleague.page.getByRole("button", { name: new RegExp(`^Wijzigen\\s*:\\s*${colleagueIdentity.name}$`) }).click();
      expect(await colleague.page.locator("hd-contact-form option[value=authorised]").isDisabled()).toBe(true);
      expect(colleague.errors).toEqual([]);
    } finally {
      await colleague.page.close();
    }
  });

  it("switches to English from the profile menu, with no violations there either", async () => {
    await page.getByRole("button", { name: /profielmenu/ }).click();
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByRole("tab", { selected: true }).textContent()).toContain("My details");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.keyboard.press("Escape");
    await shot(page, "school-details-en");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Edit details" }).click();
    await page.getByLabel(/^Phone number/).first().fill("nonsense");
    await page.locator("hd-organisation-form").getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator("hd-organisation-form .utrecht-form-field-error-message").first().textContent()).toContain("valid phone number");
    await shot(page, "school-edit-error-en");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Cancel" }).click();
    expect(errors).toEqual([]);
  });

  it("follows a language switch made on another tab: My details is English at once, without a reload", async () => {
    await page.getByRole("button", { name: /profile menu/ }).click();
    await page.getByRole("button", { name: "Nederlands" }).click();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("tab", { selected: true }).textContent()).toContain("Mijn gegevens");
    await page.getByRole("tab", { name: "GTB-overzicht" }).click();
    await page.getByRole("button", { name: /profielmenu/ }).click();
    await page.getByRole("button", { name: "English" }).click();
    await page.keyboard.press("Escape");
    await page.getByRole("tab", { name: "My details" }).click();
    await page.getByRole("button", { name: "Edit details" }).waitFor();
    expect(await page.getByRole("button", { name: "Gegevens wijzigen" }).count()).toBe(0);
    expect(await page.locator("main").textContent()).not.toMatch(/Contactpersonen|Gegevens wijzigen/);
    expect(errors).toEqual([]);
  });
});
