/**
 * The supervisor's side of the console in Chromium (real server, real login): live overview with capacities,
 * canned answers, opening hours and closures; a closure reaches `<hd-chat-status>` on an open portal page live;
 * the help dialog and the English switch.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchool } from "../../factories/index.js";
import { runAxe } from "../../harness/axe.js";
import { launchBrowser } from "../../harness/browser.js";
import { loginAsContact } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { agentLogsIn, buildClient, collectErrors, contextWithSession, restoreClock, startChatServer } from "./support.js";

let browser: Browser;
let server: TestServer;
let cleanup: () => void;
let page: Page;
let portal: Page;
let errors: string[];

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  [browser, server] = await Promise.all([launchBrowser(), startChatServer(built.outDir)]);
  page = await agentLogsIn(browser, server, "supervisor", "Sanne Supervisor");
  errors = collectErrors(page);
  const school = await createSchool();
  const contact = await loginAsContact(server, [school._id]);
  portal = await (await contextWithSession(browser, server, contact)).newPage();
  await portal.goto(`${server.url}/portaal`);
  // The status block as a school's own contact page embeds it: its script from Balie, then the element.
  await portal.evaluate(async () => {
    const script = document.createElement("script");
    script.type = "module";
    script.src = "/widgets/chat-status.js";
    await new Promise((resolve, reject) => ((script.onload = resolve), (script.onerror = reject), document.head.append(script)));
    document.querySelector("main")?.prepend(document.createElement("hd-chat-status"));
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  restoreClock();
  cleanup?.();
});

describe("supervisor console", () => {
  it("shows the live overview and changes an agent's capacity", async () => {
    await page.getByRole("radio", { name: "Online" }).check();
    await page.getByRole("button", { name: "Live overzicht" }).click();
    const row = page.locator("hd-agent-overview tbody tr", { hasText: "Sanne Supervisor" });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain("Online");
    await row.getByLabel("Maximum aantal gesprekken tegelijk voor Sanne Supervisor").fill("5");
    await row.getByRole("button", { name: "Maximum voor Sanne Supervisor opslaan" }).click();
    await expect.poll(() => row.textContent(), { timeout: 5_000 }).toContain("0 / 5");
    await page.screenshot({ path: "/tmp/chat-supervisor-overview.png", fullPage: true });
    expect((await runAxe(page)).report).toBe("");
  });

  it("adds a canned answer", async () => {
    await page.getByRole("button", { name: "Standaardantwoorden" }).click();
    await page.getByLabel("Titel").fill("Gemachtigde wijzigen");
    await page.getByLabel("Tekst").fill("U wijzigt de gemachtigde onder Mijn gegevens, bij Contactpersonen.");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => page.locator("hd-agent-canned tbody").textContent(), { timeout: 5_000 }).toContain("Gemachtigde wijzigen");
    await page.screenshot({ path: "/tmp/chat-supervisor-canned.png", fullPage: true });
    expect((await runAxe(page)).report).toBe("");
  });

  it("shows the opening hours, and a closure now closes the chat on an open portal page", async () => {
    const status = portal.locator("hd-chat-status");
    await expect.poll(() => status.locator("p").first().textContent(), { timeout: 5_000 }).toContain("De chat is open");
    await page.getByRole("button", { name: "Openingstijden" }).click();
    await expect.poll(() => page.getByLabel("Maandag").inputValue(), { timeout: 5_000 }).toBe("09:00-16:00");
    const today = new Date(Date.parse("2026-03-11T09:00:00Z")).toISOString().slice(0, 10);
    await page.getByLabel("Datum").fill(today);
    await page.getByLabel("Reden").fill("Teamdag");
    await page.getByRole("button", { name: "Sluiting toevoegen" }).click();
    await expect.poll(() => page.locator("hd-agent-hours tbody").textContent(), { timeout: 5_000 }).toContain("Teamdag");
    await expect.poll(() => status.textContent(), { timeout: 2_000 }).not.toContain("De chat is open");
    await expect.poll(() => status.locator("dl").textContent()).toMatch(/Telefoon.*E-mail/s);
    await expect.poll(() => status.locator("p").nth(1).textContent()).toContain("De chat is weer open op");
    expect(await portal.locator("hd-chat .launcher").count()).toBe(0);
    await page.screenshot({ path: "/tmp/chat-supervisor-hours.png", fullPage: true });
    await portal.screenshot({ path: "/tmp/chat-status-closed.png" });
    expect((await runAxe(page)).report).toBe("");
    expect((await runAxe(portal)).report).toBe("");
  });

  it("documents the shortcuts in a help dialog (Alt+H) and switches to English", async () => {
    await page.keyboard.press("Alt+KeyH");
    const dialog = page.getByRole("dialog", { name: "Sneltoetsen" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Ctrl");
    await page.screenshot({ path: "/tmp/chat-console-help.png" });
    expect((await runAxe(page)).report).toBe("");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain("Console");
    expect(await page.getByRole("button", { name: "Opening hours" }).count()).toBe(1);
    expect(errors.join("\n")).toBe("");
  });
});
