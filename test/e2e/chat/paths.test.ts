/**
 * More browser paths of the chat (Chromium, real server, real logins): the live queue position of a waiting
 * school person (its agent gone > 60 s → back to the front of the queue → assigned to a colleague), the resume
 * after the school's connection dropped while the agent sent two messages (each shown once), a canned answer and
 * a transfer to a colleague in the console, the console's keyboard shortcuts from the help dialog, and "laat een
 * bericht achter" when 16:00 arrives while a school person is still queued (→ callback contact moment).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../harness/browser.js";
import { loginAsContact } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { createSchool } from "../../factories/index.js";
import { nowMs } from "../../../server/src/infra/clock.js";
import { CannedAnswerModel } from "../../../server/src/modules/chat/canned-answer.model.js";
import { ContactMomentModel } from "../../../server/src/modules/contact-moments/contact-moment.model.js";
import { agentLogsIn, buildClient, collectErrors, contextWithSession, deepFocus, restoreClock, shiftClock, startChatServer } from "./support.js";

/**
 * The Chat button needs the portal, the availability stream and the widget to load; in CI this file runs while
 * other projects spawn servers on the same 2 cores, where that once took over 10 s. The 1-second push itself is
 * asserted in chat.test.ts, not here.
 */
const LAUNCHER_TIMEOUT_MS = 30_000;

let browser: Browser;
let server: TestServer;
let cleanup: () => void;
let schoolPage: Page;
let firstAgent: Page;
let colleague: Page;
let schoolErrors: string[];

const chatWindow = () => schoolPage.locator("hd-chat-window");
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/chat2-${name}.png` });

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  [browser, server] = await Promise.all([launchBrowser(), startChatServer(built.outDir)]);
  await CannedAnswerModel.create({ title: "Leerlingenlijst", text: "De leerlingenlijst vernieuwt elke nacht; morgen staat hij goed." });
  const school = await createSchool({ name: "OBS De Klimop" });
  const contact = await loginAsContact(server, [school._id]);
  const context = await contextWithSession(browser, server, contact);
  schoolPage = await context.newPage();
  schoolErrors = collectErrors(schoolPage);
  await schoolPage.goto(`${server.url}/portaal`);
  await schoolPage.locator("hd-chat").waitFor({ state: "attached", timeout: 10_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  restoreClock();
  cleanup?.();
});

describe("chat paths in the browser", () => {
  it("a waiting school person sees the live queue position, then the colleague who takes the chat", async () => {
    firstAgent = await agentLogsIn(browser, server, "agent", "Piet Pieters", { maxConcurrentChats: 1 });
    await firstAgent.getByRole("radio", { name: "Online" }).check();
    await schoolPage.locator("hd-chat .launcher").click({ timeout: LAUNCHER_TIMEOUT_MS });
    await chatWindow().locator("#first").fill("Onze leerlingenlijst klopt niet");
    await chatWindow().getByRole("button", { name: "Chat starten" }).click();
    await expect.poll(() => firstAgent.locator("hd-agent-chat").count(), { timeout: 10_000 }).toBe(1);

    // The agent's console goes away (laptop closed); more than 60 s later the chat is back at the front.
    await firstAgent.context().close();
    await schoolPage.waitForTimeout(300);
    shiftClock(61_000);
    await server.chat.sweepNow();
    await expect.poll(() => chatWindow().locator(".banner").textContent(), { timeout: 5_000 }).toContain("U staat in de wachtrij");
    await expect.poll(() => chatWindow().locator(".banner").textContent(), { timeout: 5_000 }).toContain("U bent de volgende.");
    await shot(schoolPage, "queued");

    colleague = await agentLogsIn(browser, server, "agent", "Kees Colleguin");
    await colleague.getByRole("radio", { name: "Online" }).check();
    await expect.poll(() => colleague.locator("hd-agent-chat").count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => chatWindow().locator(".banner").textContent(), { timeout: 5_000 }).toContain("U chat met Kees Colleguin.");
    await shot(schoolPage, "assigned");
  });

  it("after the school's connection dropped, the two messages sent meanwhile appear once each", async () => {
    const input = colleague.locator("hd-agent-chat .hd-agent-chat__input");
    const schoolContext = schoolPage.context();
    await schoolContext.setOffline(true);
    // Chromium's offline emulation does not cut an open WebSocket, so close the transport as a network loss would.
    await schoolPage.evaluate(() => {
      const el = document.querySelector("hd-chat") as unknown as { session?: { socket?: { io: { engine: { close(): void } } } } };
      el.session?.socket?.io.engine.close();
    });
    await expect.poll(() => chatWindow().locator(".banner").textContent(), { timeout: 5_000 }).toBeTruthy();
    await shot(schoolPage, "offline");
    for (const text of ["Eerste antwoord terwijl u weg was", "Tweede antwoord terwijl u weg was"]) {
      await input.fill(text);
      await input.press("Control+Enter");
      await expect.poll(() => colleague.locator("hd-agent-chat .hd-agent-chat__line--agent").last().textContent()).toContain(text);
    }
    await schoolPage.waitForTimeout(2_000);
    await schoolContext.setOffline(false);
    const lines = chatWindow().locator(".line--agent .text");
    await expect.poll(() => lines.allTextContents(), { timeout: 15_000 }).toEqual(["Eerste antwoord terwijl u weg was", "Tweede antwoord terwijl u weg was"]);
    await schoolPage.waitForTimeout(1_000);
    expect(await lines.allTextContents()).toEqual(["Eerste antwoord terwijl u weg was", "Tweede antwoord terwijl u weg was"]);
    await shot(schoolPage, "resumed");
  });

  it("the shortcuts documented in the help dialog work: Alt+H, Alt+Q, Alt+1", async () => {
    await colleague.bringToFront();
    await colleague.locator("body").click({ position: { x: 5, y: 5 } });
    await colleague.keyboard.press("Alt+h");
    const dialog = colleague.getByRole("dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const help = (await dialog.textContent()) ?? "";
    expect(help).toContain("Alt");
    await shot(colleague, "help");
    await colleague.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await colleague.keyboard.press("Alt+1");
    await expect.poll(() => deepFocus(colleague)).toContain("hd-agent-chat__input");
    await colleague.keyboard.press("Alt+q");
    await expect.poll(async () => colleague.evaluate(() => document.activeElement?.closest("hd-agent-queue") !== null)).toBe(true);
    await colleague.keyboard.press("Alt+c");
    await expect.poll(() => colleague.evaluate(() => document.activeElement?.id ?? "")).toBe("hd-agent-context-heading");
    await shot(colleague, "shortcuts");
    expect(schoolErrors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED") && !e.includes("net::"))).toEqual([]);
  });
  it("inserts a canned answer and transfers the chat to a colleague", async () => {
    const pane = colleague.locator("hd-agent-chat");
    await pane.getByLabel("Standaardantwoord invoegen").selectOption({ label: "Leerlingenlijst" });
    const input = pane.locator(".hd-agent-chat__input");
    await expect.poll(() => input.inputValue()).toContain("De leerlingenlijst vernieuwt elke nacht");
    await input.press("Control+Enter");
    await expect.poll(() => chatWindow().locator(".line--agent .text").last().textContent(), { timeout: 5_000 }).toContain("De leerlingenlijst vernieuwt elke nacht");
    await shot(colleague, "canned");

    const anna = await agentLogsIn(browser, server, "agent", "Anna de Vries");
    await anna.getByRole("radio", { name: "Online" }).check();
    await colleague.bringToFront();
    await pane.getByRole("button", { name: "Doorverbinden" }).click();
    // Options read "Anna de Vries (0 van 3 gesprekken)"-style: pick hers by its text.
    const annaValue = await pane.locator('select[name="to"] option', { hasText: "Anna de Vries" }).getAttribute("value", { timeout: 10_000 });
    await pane.getByLabel("Doorverbinden naar").selectOption(annaValue!);
    await shot(colleague, "transfer");
    await pane.locator("form.hd-agent-chat__panel button.utrecht-button--primary-action").click();
    await expect.poll(() => anna.locator("hd-agent-chat").count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => colleague.locator("hd-agent-chat").count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => chatWindow().locator(".banner").textContent(), { timeout: 5_000 }).toContain("U chat met Anna de Vries.");
    // Anna has the whole transcript, the canned answer included.
    await expect.poll(() => anna.locator("hd-agent-chat").textContent()).toContain("De leerlingenlijst vernieuwt elke nacht");
    await shot(anna, "transferred");
    await anna.context().close();
  });

  it("16:00 arrives while a school person waits: the window offers \"laat een bericht achter\" → callback contact moment", async () => {
    // The school of the earlier tests ends its chat first. Left running, it would go back to the queue once Anna
    // (gone since the transfer test) is swept after the jump below, and take Bram's only slot: then the chat is
    // rightly unavailable, but when the sweep runs depends on the machine's load.
    await chatWindow().getByRole("button", { name: "Chat beëindigen" }).click();
    await chatWindow().getByRole("button", { name: "Ja, beëindigen" }).click();
    await chatWindow().getByText("Het gesprek is beëindigd.").waitFor({ timeout: 5_000 });
    // 15:58 in Amsterdam (CET): fresh logins, so no session idles out over the jump.
    shiftClock(Date.parse("2026-03-11T14:58:00Z") - nowMs());
    await colleague.context().close();
    const bram = await agentLogsIn(browser, server, "agent", "Bram Bakker", { maxConcurrentChats: 1 });
    await bram.getByRole("radio", { name: "Online" }).check();
    // Wait until the server itself says the chat is available (Bram online at 15:58) before the school arrives.
    await server.availability.tick();
    await expect
      .poll(async () => ((await (await fetch(`${server.url}/api/v1/availability`)).json()) as { available: boolean; reason: string }), { timeout: 15_000 })
      .toMatchObject({ available: true });
    const school = await createSchool({ name: "CBS Het Anker" });
    const contact = await loginAsContact(server, [school._id]);
    const page = await (await contextWithSession(browser, server, contact)).newPage();
    await page.goto(`${server.url}/portaal`);
    await page.locator("hd-chat .launcher").click({ timeout: LAUNCHER_TIMEOUT_MS });
    const win = page.locator("hd-chat-window");
    await win.locator("#first").fill("Kunt u mij terugbellen over de bekostiging?");
    await win.getByRole("button", { name: "Chat starten" }).click();
    await expect.poll(() => bram.locator("hd-agent-chat").count(), { timeout: 10_000 }).toBe(1);
    // Bram's console goes away; the chat is back in the queue a minute later.
    await bram.context().close();
    await page.waitForTimeout(300);
    shiftClock(61_000);
    await server.chat.sweepNow();
    await expect.poll(() => win.locator(".banner").textContent(), { timeout: 5_000 }).toContain("U staat in de wachtrij");

    // 16:00:05: closed. The availability tick is what the clock alarm does at 16:00.
    shiftClock(Date.parse("2026-03-11T15:00:05Z") - nowMs());
    await server.availability.tick();
    await expect.poll(() => win.locator("form.leave").textContent(), { timeout: 5_000 }).toContain("De chat is gesloten voordat een medewerker u kon helpen");
    await shot(page, "closed-leave");
    await win.locator("#leave-text").fill("Graag terugbellen over de bekostiging");
    await win.locator("#leave-phone").fill("030 765 4321");
    await win.getByRole("button", { name: "Bericht achterlaten" }).click();
    await expect.poll(() => win.locator(".notice").textContent(), { timeout: 5_000 }).toContain("Bedankt. Uw bericht is ontvangen.");
    await shot(page, "left-message");
    const moment = await ContactMomentModel.findOne({ organisationId: school._id }).lean();
    expect(moment).toMatchObject({ channel: "chat", callbackRequested: true });
    expect(moment!.summary).toContain("Graag terugbellen over de bekostiging");
    expect(moment!.summary).toContain("030 765 4321");
  });
});
