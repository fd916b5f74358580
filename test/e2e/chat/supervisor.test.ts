/**
 * The supervisor's side of the console in Chromium (real server, real login): live overview with capacities,
 * canned answers, opening hours and closures; a closure reaches `<hd-chat-status>` on an open portal page live;
 * news published, previewed, edited and withdrawn (with confirmation) reaching a school's Mijn gegevens; the
 * help dialog and the English switch.
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
let schoolCode: string;

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  [browser, server] = await Promise.all([launchBrowser(), startChatServer(built.outDir)]);
  page = await agentLogsIn(browser, server, "supervisor", "Sanne Supervisor");
  errors = collectErrors(page);
  const school = await createSchool({ name: "OBS Het Nieuwsblad" });
  schoolCode = school.code;
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
    expect(await page.locator("hd-agent-hours tbody").textContent()).toContain("woensdag 11 maart 2026");
    await expect.poll(() => status.textContent(), { timeout: 2_000 }).not.toContain("De chat is open");
    // The school sees why: the supervisor's reason for the closure.
    await expect.poll(() => status.locator("p").first().textContent()).toContain("(Teamdag)");
    await expect.poll(() => status.locator("dl").textContent()).toMatch(/Telefoon.*E-mail/s);
    await expect.poll(() => status.locator("p").nth(1).textContent()).toContain("De chat is weer open op");
    expect(await portal.locator("hd-chat .launcher").count()).toBe(0);
    await page.screenshot({ path: "/tmp/chat-supervisor-hours.png", fullPage: true });
    await portal.screenshot({ path: "/tmp/chat-status-closed.png" });
    expect((await runAxe(page)).report).toBe("");
    expect((await runAxe(portal)).report).toBe("");
  });

  it("opening hours that do not exist: the field itself says which time and why, and gets focus", async () => {
    await page.getByRole("button", { name: "Openingstijden" }).click();
    const monday = page.getByLabel("Maandag");
    await expect.poll(() => monday.inputValue(), { timeout: 5_000 }).toBe("09:00-16:00");
    await monday.fill("25:00-26:00");
    await page.getByLabel("Dinsdag").fill("16:00-09:00");
    await page.getByLabel("Woensdag").fill("09:00-13:00, 12:00-16:00");
    await page.locator("form.hd-hours").getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => monday.getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("hd-hours-monday");
    expect(await page.locator("#hd-hours-monday-error").textContent()).toContain("25:00 bestaat niet");
    expect(await page.locator("#hd-hours-tuesday-error").textContent()).toContain("De eindtijd 09:00 ligt niet na de begintijd 16:00.");
    expect(await page.locator("#hd-hours-wednesday-error").textContent()).toContain("09:00-13:00 en 12:00-16:00 overlappen");
    expect(await monday.getAttribute("aria-describedby")).toContain("hd-hours-monday-error");
    expect(await page.getByLabel("Donderdag").getAttribute("aria-invalid")).toBe("false");
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.screenshot({ path: "/tmp/chat-supervisor-hours-errors.png", fullPage: true });
    expect((await runAxe(page)).report).toBe("");

    // What only the server can judge lands at its field too.
    await monday.fill("09:00-16:00");
    await page.getByLabel("Dinsdag").fill("09:00-16:00");
    await page.getByLabel("Woensdag").fill("09:00-16:00");
    await page.getByLabel("E-mailadres helpdesk").fill("geen-adres");
    await page.locator("form.hd-hours").getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => page.getByLabel("E-mailadres helpdesk").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#hd-hours-email-error").textContent()).toContain("geldig e-mailadres");
    expect(await monday.getAttribute("aria-invalid")).toBe("false");
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it("publishes news for one school with a preview, edits it, and withdraws it after confirming", async () => {
    await page.getByRole("button", { name: "Nieuws" }).click();
    const news = page.locator("hd-agent-news");
    await news.getByRole("heading", { name: "Nieuw bericht" }).waitFor();
    // An empty submit names the fields; a code nobody has is refused at its field.
    await news.getByRole("button", { name: "Publiceren" }).click();
    await expect.poll(() => news.getByLabel("Titel").getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("hd-news-title");
    await news.getByLabel("Titel").fill("Storing in de uitwisseling");
    await news.getByLabel("Tekst").fill("De uitwisseling met ROD is vandaag gestoord.\n\nMorgen werkt alles weer.");
    await news.getByRole("radio", { name: "Eén of meer organisaties" }).check();
    await news.getByLabel("Instellingscode of bestuursnummer").fill("99ZZ");
    await news.getByRole("button", { name: "Publiceren" }).click();
    await expect.poll(() => news.locator("#hd-news-code-error").textContent()).toContain("Geen school of bestuur met deze code.");
    await news.getByLabel("Instellingscode of bestuursnummer").fill(schoolCode);

    await news.getByRole("button", { name: "Voorbeeld" }).click();
    const preview = news.getByRole("region", { name: "Voorbeeld van het bericht" });
    expect(await preview.getByRole("heading", { name: "Storing in de uitwisseling" }).count()).toBe(1);
    expect(await preview.locator("p.utrecht-paragraph").allTextContents()).toEqual(["De uitwisseling met ROD is vandaag gestoord.", "Morgen werkt alles weer."]);
    expect((await runAxe(page)).report).toBe("");
    await page.screenshot({ path: "/tmp/chat-supervisor-news.png", fullPage: true });
    await news.getByRole("button", { name: "Publiceren" }).click();
    await expect.poll(() => news.locator("[role=status]").first().textContent()).toContain("is gepubliceerd");
    const row = news.locator("tbody tr", { hasText: "Storing in de uitwisseling" });
    expect(await row.textContent()).toContain("OBS Het Nieuwsblad");
    expect(await row.textContent()).toContain("Gepubliceerd");

    await portal.goto(`${server.url}/portaal`);
    await expect.poll(() => portal.locator("hd-news-tile").textContent()).toContain("Storing in de uitwisseling");

    await row.getByRole("button", { name: "Bericht Storing in de uitwisseling wijzigen" }).click();
    await news.getByLabel("Titel").fill("Storing in de uitwisseling opgelost");
    await news.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => news.locator("tbody").textContent()).toContain("Storing in de uitwisseling opgelost");

    const edited = news.locator("tbody tr", { hasText: "opgelost" });
    await edited.getByRole("button", { name: /intrekken$/ }).click();
    await expect.poll(() => edited.getByRole("alert").textContent()).toContain("intrekken? Scholen en besturen zien het bericht daarna niet meer.");
    await edited.getByRole("button", { name: "Ja, intrekken" }).click();
    await expect.poll(() => news.locator("tbody tr", { hasText: "opgelost" }).textContent()).toContain("Ingetrokken");
    await portal.reload();
    await portal.locator("hd-news-tile").waitFor();
    await expect.poll(() => portal.locator("hd-news-tile").textContent()).not.toContain("Storing in de uitwisseling");
    expect((await runAxe(page)).report).toBe("");
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
    // The news screen in English, with its withdrawn item, is axe-clean too.
    await page.getByRole("button", { name: "News" }).click();
    await expect.poll(() => page.locator("hd-agent-news tbody").textContent()).toContain("Withdrawn");
    await page.getByRole("button", { name: "Preview" }).click();
    expect((await runAxe(page)).report).toBe("");
    // The failed requests are the refusals tested above (an e-mail address, an unknown code; Chromium logs every 4xx).
    expect(errors.filter((e) => !/status of 400 .*\/api\/v1\/(opening-hours\/schedule|news)$/.test(e)).join("\n")).toBe("");
  });
});
