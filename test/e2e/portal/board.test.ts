/**
 * A board's Mijn gegevens in Chromium against the real backend: the board's details, its scholenlijst, board
 * roles (checkboxes: Gemachtigde, Doorontwikkelen BRON, RIO, none), opening a school from the scholenlijst with
 * the board person acting for it (session switch), and back to the board. axe on each state in nl and en;
 * screenshots in /tmp/portal-board-*.png.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBoardWithSchools } from "../../factories/index.js";
import { loginAsContactWithIdentity, type TestIdentity } from "../../harness/login.js";
import { expectNoAxeViolations, liveRegion, loginInBrowser, openPage, shot, startPortalEnv, type PortalEnv } from "./support.js";

let env: PortalEnv;
let page: Page;
let errors: string[];
let boardId: string;
let boardName: string;
let schools: { id: string; name: string }[];
let identity: TestIdentity;

beforeAll(async () => {
  env = await startPortalEnv();
  const created = await createBoardWithSchools(2, { name: "Stichting Primair Onderwijs Rivierenland" });
  boardId = String(created.board._id);
  boardName = created.board.name;
  schools = created.schools.map((s) => ({ id: String(s._id), name: s.name }));
  ({ identity } = await loginAsContactWithIdentity(env.server, [created.board._id]));
  ({ page, errors } = await openPage(env));
  page.setDefaultTimeout(10_000);
  await loginInBrowser(page, env, identity);
});

afterAll(async () => {
  await env?.stop();
});

describe("Mijn gegevens for a board", () => {
  it("shows the board's details, its scholenlijst and contact persons, without a Vestigingen tile", async () => {
    expect(new URL(page.url()).pathname).toBe(`/portaal/${boardId}/mijn-gegevens`);
    await expect.poll(() => page.locator("h1").textContent()).toContain(boardName);
    expect(await page.locator(".hd-portal__code").textContent()).toContain("Bestuursnummer");
    await page.locator("hd-school-list a").first().waitFor();
    const links = await page.locator("hd-school-list a").allTextContents();
    expect(links.map((l) => l.trim()).sort()).toEqual(schools.map((s) => s.name).sort());
    expect(await page.locator("hd-branches-tile").count()).toBe(0);
    await page.locator("hd-contact-list li[data-contact-id]").first().waitFor();
    await shot(page, "board-details");
    await expectNoAxeViolations(page);
  });

  it("edits a board contact's roles with checkboxes (adds RIO)", async () => {
    const first = page.locator("hd-contact-list li[data-contact-id]").nth(1);
    const name = (await first.locator("h3").textContent())!.trim();
    await first.getByRole("button", { name: /^Wijzigen/ }).click();
    const form = page.locator("hd-contact-form");
    const group = form.getByRole("group", { name: "Rollen" });
    expect(await group.getByRole("checkbox").count()).toBe(3);
    await group.getByLabel("RIO").check();
    await shot(page, "board-contact-roles");
    await expectNoAxeViolations(page);
    await form.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => liveRegion(page).textContent()).toContain(`De gegevens van ${name} zijn opgeslagen`);
    const roles = await page.locator("hd-contact-list li[data-contact-id]", { hasText: name }).locator(".hd-role").allTextContents();
    expect(roles).toContain("RIO");
  });

  it("opens a school from the scholenlijst, acting for it on behalf of the board", async () => {
    const school = schools[0]!;
    await page.getByRole("link", { name: school.name }).click();
    await page.waitForURL(`**/portaal/${school.id}/mijn-gegevens`);
    await expect.poll(() => page.locator("h1").textContent()).toContain(school.name);
    expect(await page.locator(".hd-portal__acting").textContent()).toContain(`namens ${boardName}`);
    await page.locator("hd-branches-tile li").first().waitFor();
    await page.locator("hd-contact-list li[data-contact-id]").first().waitFor();
    const session = await page.evaluate(() => fetch("/api/v1/session").then((r) => r.json()));
    expect(session.principal.actingFor.organisationId).toBe(school.id);
    await shot(page, "board-acting-school");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: /profielmenu/ }).click();
    expect(await page.locator(".hd-profile-menu__panel").textContent()).toContain(`U werkt nu voor ${school.name} namens ${boardName}.`);
    await shot(page, "board-acting-menu");
    await expectNoAxeViolations(page);
    await page.keyboard.press("Escape");
  });

  it("keeps acting for the school on reload, and goes back to the board", async () => {
    await page.reload();
    await expect.poll(() => page.locator("h1").textContent()).toContain(schools[0]!.name);
    await page.locator(".hd-portal__acting").getByRole("button", { name: `Terug naar ${boardName}` }).click();
    await page.waitForURL(`**/portaal/${boardId}/mijn-gegevens`);
    await expect.poll(() => page.locator("h1").textContent()).toContain(boardName);
    expect(await page.locator(".hd-portal__acting").count()).toBe(0);
  });

  it("opens the other school through a deep link (the board may act for all its schools)", async () => {
    const school = schools[1]!;
    await page.goto(`${env.server.url}/portaal/${school.id}/ondersteuning-en-contact`);
    await expect.poll(() => page.locator("h1").textContent()).toContain(school.name);
    expect(await page.getByRole("tab", { selected: true }).textContent()).toContain("Ondersteuning en contact");
  });

  it("is readable in English too", async () => {
    await page.evaluate(() => localStorage.setItem("balie.locale", "en"));
    await page.goto(`${env.server.url}/portaal/${boardId}/mijn-gegevens`);
    await page.locator("hd-school-list a").first().waitFor();
    expect(await page.locator("hd-school-list h2").textContent()).toContain("List of schools");
    await shot(page, "board-details-en");
    await expectNoAxeViolations(page);
    await page.locator("hd-contact-list li[data-contact-id]").first().getByRole("button", { name: /^Edit/ }).click();
    await page.locator("hd-contact-form").getByRole("group", { name: "Roles" }).waitFor();
    await shot(page, "board-contact-form-en");
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
