/**
 * The timeline follows the chat live (Chromium, real server): a school person with "Ondersteuning en contact" open
 * ends a chat from the widget; the "Chatgesprek" moment appears on the timeline without a reload. The agent's
 * console, told the school ended it, asks for the summary; once saved it replaces "(nog geen samenvatting)" on the
 * school's open timeline, again without a reload.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../harness/browser.js";
import { loginAsContact } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { createSchool } from "../../factories/index.js";
import { AgentLoadModel } from "../../../server/src/modules/chat/agent-load.model.js";
import { expectNoAxeViolations } from "../portal/support.js";
import { runAxe } from "../../harness/axe.js";
import { ContactMomentModel } from "../../../server/src/modules/contact-moments/contact-moment.model.js";
import { connectChat, loginSchoolPerson } from "../../integration/chat/helpers.js";
import { agentLogsIn, buildClient, collectErrors, contextWithSession, restoreClock, startChatServer } from "./support.js";

let browser: Browser;
let server: TestServer;
let cleanup: () => void;

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  [browser, server] = await Promise.all([launchBrowser(), startChatServer(built.outDir)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  restoreClock();
  cleanup?.();
});

describe("the timeline after a chat", () => {
  it("shows the chat's contact moment at once when the school ends it, and the agent's summary when it is saved", async () => {
    await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
    const agent = await agentLogsIn(browser, server, "agent", "Sanne Samenvatting", { maxConcurrentChats: 4 });
    const agentErrors = collectErrors(agent);
    await agent.getByRole("radio", { name: "Online" }).check();

    const school = await createSchool({ name: "OBS De Tijdlijn" });
    const contact = await loginAsContact(server, [school._id]);
    const page = await (await contextWithSession(browser, server, contact)).newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/portaal/${String(school._id)}/ondersteuning-en-contact`);
    const timeline = page.locator("hd-tab-support");
    await timeline.getByRole("heading", { level: 2 }).first().waitFor();
    expect(await timeline.getByRole("heading", { name: "Chatgesprek", level: 3 }).count()).toBe(0);

    await page.locator("hd-chat .launcher").click({ timeout: 30_000 });
    const chatWindow = page.locator("hd-chat-window");
    await chatWindow.locator("#first").fill("Hoe werkt de GTB-telling?");
    await chatWindow.getByRole("button", { name: "Chat starten" }).click();
    const pane = agent.locator("hd-agent-chat", { hasText: "OBS De Tijdlijn" });
    await pane.waitFor({ timeout: 10_000 });
    await chatWindow.getByRole("button", { name: "Chat beëindigen" }).click();
    await chatWindow.getByRole("button", { name: "Ja, beëindigen" }).click();

    const moment = timeline.locator("li", { has: page.getByRole("heading", { name: "Chatgesprek", level: 3 }) });
    await expect.poll(() => moment.count(), { timeout: 5_000 }).toBe(1);
    expect(await moment.textContent()).toContain("nog geen samenvatting");

    const summary = pane.getByLabel(/Schrijf een korte samenvatting/);
    await summary.fill("Uitgelegd waar de GTB-telling staat.");
    await pane.getByRole("button", { name: "Samenvatting opslaan" }).click();
    await expect.poll(() => pane.textContent()).toContain("Afgesloten met samenvatting: Uitgelegd waar de GTB-telling staat.");
    await expect.poll(() => moment.textContent(), { timeout: 5_000 }).toContain("Uitgelegd waar de GTB-telling staat.");
    await expectNoAxeViolations(agent);
    expect(errors).toEqual([]);
    expect(agentErrors).toEqual([]);
  });
  it("lets the agent add a missing summary later, from the school's context next to a new chat", async () => {
    await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
    const agent = await agentLogsIn(browser, server, "agent", "Lars Later", { maxConcurrentChats: 4 });
    await agent.getByRole("radio", { name: "Online" }).check();
    const school = await createSchool({ name: "OBS De Latere Samenvatting" });
    const person = await loginSchoolPerson(server, school._id);
    const socket = await connectChat(server.url, { http: person.http });
    try {
      const first = (await socket.ok("conversation.start", {})).conversation;
      const pane = agent.locator("hd-agent-chat", { hasText: "OBS De Latere Samenvatting" });
      await pane.waitFor({ timeout: 10_000 });
      await socket.ok("conversation.end", { conversationId: first.id });
      // Closed without writing the summary.
      await pane.getByRole("button", { name: "Venster sluiten" }).click();
      await expect.poll(() => pane.count()).toBe(0);

      await socket.ok("conversation.start", {});
      await pane.waitFor({ timeout: 10_000 });
      const context = agent.locator("hd-agent-context");
      await expect.poll(() => context.textContent(), { timeout: 5_000 }).toContain("Nog zonder samenvatting.");
      await context.getByRole("button", { name: "Samenvatting toevoegen" }).click();
      await context.getByLabel(/Korte samenvatting/).fill("Later toegevoegd: vraag over de vestigingen.");
      await context.getByRole("button", { name: "Samenvatting opslaan" }).click();
      await expect.poll(() => context.textContent(), { timeout: 5_000 }).not.toContain("Nog zonder samenvatting.");
      const moment = await ContactMomentModel.findOne({ "links.conversationId": first.id }).lean();
      expect(moment).toMatchObject({ summary: "Later toegevoegd: vraag over de vestigingen.", summaryPending: false });
      expect((await runAxe(agent)).report).toBe("");
    } finally {
      socket.close();
    }
  });
});
