/**
 * The chat end to end in Chromium, two browser contexts (a school contact person in the portal, an agent in the
 * console), a real server and real logins, no stubs of Balie's API.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAxe } from "../../harness/axe.js";
import { launchBrowser } from "../../harness/browser.js";
import type { HttpClient } from "../../harness/http-client.js";
import { loginAsContact } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { createSchool } from "../../factories/index.js";
import { agentLogsIn, buildClient, collectErrors, contextWithSession, deepFocus, restoreClock, startChatServer, tabToLauncher } from "./support.js";

let browser: Browser;
let server: TestServer;
let cleanup: () => void;
let school: Awaited<ReturnType<typeof createSchool>>;
let contact: HttpClient;
let schoolPage: Page;
let agentPage: Page;
let schoolErrors: string[];
let agentErrors: string[];

const launcher = () => schoolPage.locator("hd-chat .launcher");
const chatWindow = () => schoolPage.locator("hd-chat-window");
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/chat-${name}.png` });

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  [browser, server] = await Promise.all([launchBrowser(), startChatServer(built.outDir)]);
  school = await createSchool({ name: "Basisschool De Regenboog" });
  contact = await loginAsContact(server, [school._id]);
  const context = await contextWithSession(browser, server, contact);
  schoolPage = await context.newPage();
  schoolErrors = collectErrors(schoolPage);
  await schoolPage.goto(`${server.url}/portaal`);
  await schoolPage.locator("hd-chat").waitFor({ state: "attached", timeout: 10_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  restoreClock();
  cleanup?.();
});

describe("chat widget and agent console", () => {
  it("shows no Chat button while no agent is online, and axe finds nothing in the closed widget", async () => {
    const availability = (await contact.get<{ available: boolean; reason: string }>("/api/v1/availability")).body;
    expect(availability).toMatchObject({ available: false, reason: "no_agent" });
    // Give the stream time to deliver its first state: the button must still not be there.
    await schoolPage.waitForTimeout(500);
    expect(await launcher().count()).toBe(0);
    await shot(schoolPage, "portal-closed");
    expect((await runAxe(schoolPage)).report).toBe("");
  });

  it("the agent logs in, goes online, and the button appears on the open page without a reload", async () => {
    agentPage = await agentLogsIn(browser, server, "agent", "Jan Jansen");
    agentErrors = collectErrors(agentPage);
    await shot(agentPage, "console-offline");
    await agentPage.getByRole("radio", { name: "Online" }).check();
    const started = Date.now();
    await launcher().waitFor({ state: "visible", timeout: 2_000 });
    expect(Date.now() - started).toBeLessThan(1_500);
    await shot(schoolPage, "launcher");
  });

  it("all tabs of one browser share one availability stream", async () => {
    const streams: string[] = [];
    const context = schoolPage.context();
    context.on("request", (r) => r.url().includes("/api/v1/availability/stream") && streams.push(r.url()));
    const second = await context.newPage();
    await second.goto(`${server.url}/portaal`);
    await second.locator("hd-chat .launcher").waitFor({ state: "visible", timeout: 5_000 });
    expect(streams).toEqual([]);
    await second.close();
  });

  it("opens by keyboard only, moves focus into the labelled window, and starts a chat", async () => {
    await schoolPage.bringToFront();
    expect(await tabToLauncher(schoolPage)).toBe(true);
    await schoolPage.keyboard.press("Enter");
    await expect.poll(() => schoolPage.getByRole("dialog", { name: "Chat met de helpdesk" }).count()).toBe(1);
    expect(await deepFocus(schoolPage)).toContain("button");
    await shot(schoolPage, "window-start");
    expect((await runAxe(schoolPage)).report).toBe("");

    // Escape closes and gives focus back to the launcher; Enter opens again.
    await schoolPage.keyboard.press("Escape");
    await expect.poll(() => chatWindow().count()).toBe(0);
    expect(await deepFocus(schoolPage)).toContain("launcher");
    await schoolPage.keyboard.press("Enter");
    await chatWindow().waitFor();

    await schoolPage.keyboard.press("Shift+Tab"); // the optional first message
    await schoolPage.keyboard.type("Hoe wijzig ik de gemachtigde van onze school?");
    await schoolPage.keyboard.press("Tab");
    await schoolPage.keyboard.press("Enter");
    await expect.poll(() => chatWindow().locator(".line--contact").count(), { timeout: 10_000 }).toBe(1);
    await shot(schoolPage, "window-started");
  });

  it("the agent gets the chat with the school's context next to it", async () => {
    const pane = agentPage.locator("hd-agent-chat");
    await expect.poll(() => pane.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => pane.locator(".hd-agent-chat__text").first().textContent()).toContain("gemachtigde");
    await expect.poll(() => agentPage.locator("hd-agent-context").textContent(), { timeout: 10_000 }).toContain("Basisschool De Regenboog");
    await expect.poll(() => agentPage.locator("hd-agent-context").textContent()).toContain("Directeur");
    await shot(agentPage, "console-chat");
  });

  it("the school sees typing and the reply, announced in the polite live region; both see read status", async () => {
    const input = agentPage.locator("hd-agent-chat .hd-agent-chat__input");
    await input.click();
    await input.pressSequentially("Goedemorgen! Dat kan in het portaal", { delay: 10 });
    await expect.poll(() => chatWindow().locator(".typing").textContent(), { timeout: 5_000 }).toContain("Jan Jansen is aan het typen");
    await shot(schoolPage, "typing");
    await input.press("Control+Enter");

    await expect.poll(() => chatWindow().locator(".line--agent .text").last().textContent(), { timeout: 5_000 }).toBe("Goedemorgen! Dat kan in het portaal");
    const live = chatWindow().locator('[role="status"][aria-live="polite"]');
    await expect.poll(() => live.textContent(), { timeout: 5_000 }).toContain("Jan Jansen: Goedemorgen! Dat kan in het portaal");
    // The window is open and the page visible: the school read it, the agent sees "Gelezen".
    await expect.poll(() => agentPage.locator("hd-agent-chat .hd-agent-chat__line--agent .hd-agent-chat__status").last().textContent(), { timeout: 5_000 }).toContain("Gelezen");

    await schoolPage.keyboard.press("Escape");
    await launcher().focus();
    await schoolPage.keyboard.press("Enter");
    await chatWindow().locator("#message").waitFor();
    await schoolPage.keyboard.type("Dank u, en waar precies?");
    await schoolPage.keyboard.press("Enter");
    await expect.poll(() => agentPage.locator("hd-agent-chat .hd-agent-chat__line--contact").count(), { timeout: 5_000 }).toBe(2);
    await expect.poll(() => chatWindow().locator(".line--contact .status").last().textContent(), { timeout: 5_000 }).toContain("Gelezen");
    await shot(schoolPage, "read");
  });

  it("internal notes are marked intern in the console and never reach the school", async () => {
    await agentPage.getByRole("radio", { name: "Interne notitie" }).check();
    const input = agentPage.locator("hd-agent-chat .hd-agent-chat__input");
    await input.fill("School belt vaker hierover; let op rol bestuur");
    await input.press("Control+Enter");
    await expect.poll(() => agentPage.locator(".hd-agent-chat__line--internal").count(), { timeout: 5_000 }).toBe(1);
    expect(await agentPage.locator(".hd-agent-chat__line--internal .hd-agent-chat__intern").textContent()).toBe("Intern");
    await agentPage.getByRole("radio", { name: "Aan de school" }).check();
    await input.fill("Onder Mijn gegevens, bij Contactpersonen.");
    await input.press("Control+Enter");
    await expect.poll(() => chatWindow().locator(".line--agent").count(), { timeout: 5_000 }).toBe(2);
    expect(await chatWindow().locator(".window").textContent()).not.toContain("let op rol bestuur");
    await shot(agentPage, "console-note");
    expect((await runAxe(agentPage)).report).toBe("");
    expect((await runAxe(schoolPage)).report).toBe("");
  });

  it("the agent closes with a summary; the school rates the chat", async () => {
    await agentPage.getByRole("button", { name: "Afsluiten" }).click();
    await agentPage.getByLabel("Korte samenvatting").fill("Uitgelegd waar de gemachtigde wordt gewijzigd.");
    await agentPage.getByRole("button", { name: "Gesprek afsluiten" }).click();
    await expect.poll(() => chatWindow().locator(".notice").first().textContent(), { timeout: 5_000 }).toContain("beëindigd");
    await shot(schoolPage, "ended");
    await chatWindow().getByText("4", { exact: true }).click();
    await chatWindow().getByLabel("Toelichting").fill("Snel geholpen.");
    await chatWindow().getByRole("button", { name: "Beoordeling versturen" }).click();
    await expect.poll(() => chatWindow().locator(".window").textContent(), { timeout: 5_000 }).toContain("Bedankt voor uw beoordeling");
    await shot(schoolPage, "rated");
    await shot(agentPage, "console-closed");
  });

  it("puts the transcript in the archive and the contact moment on the timeline", async () => {
    const orgId = String(school._id);
    await expect
      .poll(async () => (await contact.get<{ items: { channel: string; summary: string; conversationId: string | null }[] }>(`/api/v1/organisations/${orgId}/contact-moments`)).body.items, { timeout: 10_000 })
      .toContainEqual(expect.objectContaining({ channel: "chat", summary: "Uitgelegd waar de gemachtigde wordt gewijzigd." }));
    const archive = (await contact.get<{ items: { id: string; subject: string; hasText: boolean }[] }>(`/api/v1/organisations/${orgId}/archive`)).body.items;
    expect(archive.length).toBeGreaterThan(0);
    const item = (await contact.get<{ text: string | null }>(`/api/v1/organisations/${orgId}/archive/${archive[0]!.id}`)).body;
    expect(item.text).toContain("Dank u, en waar precies?");
    expect(item.text).not.toContain("let op rol bestuur");
  });

  it("the button disappears within 1 s when the agent goes offline, without a reload; so does the tab's chat line", async () => {
    await schoolPage.keyboard.press("Escape");
    await launcher().waitFor({ state: "visible" });
    await schoolPage.getByRole("tab", { name: "Ondersteuning en contact" }).click();
    await schoolPage.getByText("Er is een medewerker beschikbaar.").waitFor();
    await agentPage.getByRole("radio", { name: "Offline" }).check();
    const started = Date.now();
    await launcher().waitFor({ state: "detached", timeout: 2_000 });
    expect(Date.now() - started).toBeLessThan(1_000);
    await schoolPage.getByText("Op dit moment is er geen medewerker beschikbaar voor de chat.").waitFor({ timeout: 1_000 });
    await shot(schoolPage, "gone");
  });

  it("loading the loader twice still gives one widget", async () => {
    await schoolPage.evaluate(async () => {
      for (const query of ["?twice=1", "?twice=2"]) {
        const script = document.createElement("script");
        script.type = "module";
        script.src = `/widgets/chat.js${query}`;
        const loaded = new Promise((resolve, reject) => ((script.onload = resolve), (script.onerror = reject)));
        document.head.append(script);
        await loaded;
      }
    });
    expect(await schoolPage.locator("hd-chat").count()).toBe(1);
    expect(await schoolPage.evaluate(() => typeof customElements.get("hd-chat"))).toBe("function");
  });

  it("logged no errors in either page", () => {
    expect(schoolErrors.join("\n")).toBe("");
    expect(agentErrors.join("\n")).toBe("");
  });
});
