/**
 * The portal shell in Chromium against the real backend: landing after login, the ARIA tabs with the keyboard
 * (Arrow/Home/End, roving tabindex), deep links that survive a reload, back/forward, the honest empty state
 * of tabs that are not built yet, the profile menu (keyboard, switching accounts, "Account toevoegen",
 * Uitloggen), no session → /inloggen, another organisation → "Geen toegang". axe on every state, nl and en;
 * screenshots in /tmp/portal-shell-*.png.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchool } from "../../factories/index.js";
import { loginAsContactWithIdentity, type TestIdentity } from "../../harness/login.js";
import { expectNoAxeViolations, loginInBrowser, openPage, shot, startPortalEnv, type PortalEnv } from "./support.js";

let env: PortalEnv;
let page: Page;
let errors: string[];
let schoolId: string;
let secondId: string;
let otherId: string;
let identity: TestIdentity;

beforeAll(async () => {
  env = await startPortalEnv();
  const [school, second, other] = await Promise.all([
    createSchool({ name: "OBS De Linde" }),
    createSchool({ name: "CBS Het Kompas" }),
    createSchool({ name: "School van iemand anders" }),
  ]);
  [schoolId, secondId, otherId] = [String(school._id), String(second._id), String(other._id)];
  ({ identity } = await loginAsContactWithIdentity(env.server, [school._id, second._id]));
  ({ page, errors } = await openPage(env));
  page.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await env?.stop();
});

const path = () => new URL(page.url()).pathname;
const selectedTab = () => page.getByRole("tab", { selected: true }).textContent().then((s) => s?.trim());
const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());

describe("portal shell", () => {
  it("sends a visitor without a session to /inloggen", async () => {
    await page.goto(`${env.server.url}/portaal/${schoolId}/mijn-gegevens`);
    await page.waitForURL(/\/inloggen$/);
  });

  it("after an eHerkenning login with two accounts, offers the choice, then lands on Mijn gegevens", async () => {
    await page.goto(`${env.server.url}/inloggen`);
    await page.getByRole("link", { name: "Inloggen met eHerkenning" }).click();
    await page.getByRole("button", { name: "Verder" }).click();
    await page.getByLabel("Naam", { exact: true }).fill(identity.name);
    await page.getByLabel("KvK-nummer (8 cijfers)").fill(identity.kvk);
    await page.getByLabel("Pseudoniem (ActingSubjectID)").fill(identity.pseudonym);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await page.waitForURL(/\/account-kiezen$/);
    await page.getByRole("button", { name: "Werken voor OBS De Linde" }).click();
    await page.waitForURL(`**/portaal/${schoolId}/mijn-gegevens`);
    await expect.poll(() => page.locator("h1").textContent()).toContain("OBS De Linde");
    expect(await page.locator(".hd-portal__code").textContent()).toContain("Instellingscode");
  });

  it("redirects /portaal to the active organisation's Mijn gegevens", async () => {
    await page.goto(`${env.server.url}/portaal`);
    await page.waitForURL(`**/portaal/${schoolId}/mijn-gegevens`);
    expect(await selectedTab()).toBe("Mijn gegevens");
  });

  it("follows the ARIA tabs pattern: roles, aria-controls, one tab in the Tab order", async () => {
    const tabs = page.getByRole("tab");
    expect(await tabs.allTextContents().then((t) => t.map((s) => s.trim()))).toEqual([
      "Mijn gegevens",
      "Digitaal archief",
      "Ondersteuning en contact",
      "Evaluaties",
      "GTB-overzicht",
    ]);
    expect(await page.getByRole("tablist").getAttribute("aria-label")).toBe("Onderdelen van het portaal");
    const tabindexes = await tabs.evaluateAll((els) => els.map((e) => e.getAttribute("tabindex")));
    expect(tabindexes).toEqual(["0", "-1", "-1", "-1", "-1"]);
    const controls = await tabs.first().getAttribute("aria-controls");
    const panel = page.locator(`#${controls}`);
    expect(await panel.getAttribute("role")).toBe("tabpanel");
    expect(await panel.getAttribute("aria-labelledby")).toBe(await tabs.first().getAttribute("id"));
    expect(await page.locator("[role=tabpanel]:not([hidden])").count()).toBe(1);
  });

  it("moves focus and activates with ArrowRight/ArrowLeft (wrapping), Home and End, updating the URL", async () => {
    await page.getByRole("tab", { name: "Mijn gegevens" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await selectedTab()).toBe("Digitaal archief");
    expect(await focused()).toBe("Digitaal archief");
    expect(path()).toBe(`/portaal/${schoolId}/digitaal-archief`);
    await page.keyboard.press("End");
    expect(await focused()).toBe("GTB-overzicht");
    expect(path()).toBe(`/portaal/${schoolId}/gtb-overzicht`);
    await page.keyboard.press("ArrowRight");
    expect(await focused()).toBe("Mijn gegevens");
    await page.keyboard.press("ArrowLeft");
    expect(await focused()).toBe("GTB-overzicht");
    await page.keyboard.press("Home");
    expect(await focused()).toBe("Mijn gegevens");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await selectedTab()).toBe("Evaluaties");
    // Tab leaves the tablist for the panel (roving tabindex: no stop on the other tabs).
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("tabpanel");
  });

  it("shows an honest empty state for a tab that is not built yet", async () => {
    const built = await page.evaluate(() => Boolean(customElements.get("hd-tab-evaluations")));
    const panel = page.locator("[role=tabpanel]:not([hidden])");
    if (built) {
      expect(await panel.locator("hd-tab-evaluations").count()).toBe(1);
    } else {
      expect(await panel.textContent()).toContain("Dit onderdeel is nog niet beschikbaar.");
    }
    await shot(page, "shell-tab-evaluations");
    await expectNoAxeViolations(page);
  });

  it("keeps the tab on reload (deep link) and switches tabs with back and forward", async () => {
    await page.reload();
    await page.locator("hd-portal-tabs [role=tab]").first().waitFor();
    expect(await selectedTab()).toBe("Evaluaties");
    expect(await page.title()).toBe("Evaluaties — OBS De Linde — Balie");
    await page.goBack();
    await expect.poll(selectedTab).toBe("Ondersteuning en contact");
    await page.goBack();
    await expect.poll(selectedTab).toBe("Digitaal archief");
    await page.goForward();
    await expect.poll(selectedTab).toBe("Ondersteuning en contact");
    expect(path()).toBe(`/portaal/${schoolId}/ondersteuning-en-contact`);
    await page.goto(`${env.server.url}/portaal/${schoolId}/GTB-overzicht/`);
    await expect.poll(selectedTab).toBe("GTB-overzicht");
    expect(path()).toBe(`/portaal/${schoolId}/gtb-overzicht`);
  });

  it("opens the profile menu with the keyboard, lists the accounts and closes with Escape", async () => {
    await page.goto(`${env.server.url}/portaal/${schoolId}/mijn-gegevens`);
    const button = page.getByRole("button", { name: /profielmenu/ });
    await button.focus();
    await page.keyboard.press("Enter");
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    const panel = page.locator(`#${await button.getAttribute("aria-controls")}`);
    await panel.waitFor();
    expect(await panel.textContent()).toContain(`Ingelogd als ${identity.name}`);
    expect(await panel.locator("[aria-current=true]").textContent()).toContain("OBS De Linde");
    expect(await panel.getByRole("link", { name: "Account toevoegen" }).getAttribute("href")).toBe("/koppelen?toevoegen=1");
    await shot(page, "shell-profile-menu");
    await expectNoAxeViolations(page);
    await page.keyboard.press("Escape");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hd-profile-menu__button"))).toBe(true);
  });

  it("switches to the other linked school from the profile menu", async () => {
    await page.getByRole("button", { name: /profielmenu/ }).click();
    await page.getByRole("button", { name: /CBS Het Kompas/ }).click();
    await page.waitForURL(`**/portaal/${secondId}/mijn-gegevens`);
    await expect.poll(() => page.locator("h1").textContent()).toContain("CBS Het Kompas");
    await page.locator("hd-organisation-details dl").waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    // Back goes back to the first school's portal.
    await page.goBack();
    await expect.poll(() => page.locator("h1").textContent()).toContain("OBS De Linde");
  });

  it("says Geen toegang for an organisation the person is not linked to", async () => {
    await page.goto(`${env.server.url}/portaal/${otherId}/mijn-gegevens`);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Geen toegang");
    expect(await page.getByRole("alert").first().textContent()).toContain("geen toegang");
    expect(await page.locator("main").textContent()).not.toContain("School van iemand anders");
    await shot(page, "shell-forbidden");
    await expectNoAxeViolations(page);
  });

  it("shows a not-found page for an unknown tab", async () => {
    await page.goto(`${env.server.url}/portaal/${schoolId}/bestaat-niet`);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Pagina niet gevonden");
    await expectNoAxeViolations(page);
  });

  it("works in English: tabs, empty state and profile menu", async () => {
    await page.evaluate(() => localStorage.setItem("balie.locale", "en"));
    await page.goto(`${env.server.url}/portaal/${schoolId}/digitaal-archief`);
    await expect.poll(selectedTab).toBe("Digital archive");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await shot(page, "shell-archive-en");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: /profile menu/ }).click();
    expect(await page.locator(".hd-profile-menu__panel").textContent()).toContain("Add an account");
    await shot(page, "shell-profile-menu-en");
    await expectNoAxeViolations(page);
    await page.keyboard.press("Escape");
    await page.evaluate(() => localStorage.setItem("balie.locale", "nl"));
  });

  it("fits a phone screen (390 px): tabs wrap, the profile menu stays on screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${env.server.url}/portaal/${schoolId}/mijn-gegevens`);
    await page.locator("hd-contact-list li[data-contact-id]").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "shell-mobile");
    await page.getByRole("button", { name: /profielmenu/ }).click();
    const box = await page.locator(".hd-profile-menu__panel").boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await shot(page, "shell-mobile-menu");
    await expectNoAxeViolations(page);
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("logs out from the profile menu to /inloggen?uitgelogd=1, and the portal is closed afterwards", async () => {
    await page.goto(`${env.server.url}/portaal/${schoolId}/mijn-gegevens`);
    await page.getByRole("button", { name: /profielmenu/ }).click();
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForURL(/\/inloggen\?uitgelogd=1$/);
    await expect.poll(() => page.locator("main").textContent()).toContain("U bent uitgelogd.");
    await page.goto(`${env.server.url}/portaal/${schoolId}/mijn-gegevens`);
    await page.waitForURL(/\/inloggen$/);
    expect(errors).toEqual([]);
  });
});
