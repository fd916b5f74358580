/**
 * An ended chat after a reload (Chromium, real server): the window shows the conversation's transcript and that it
 * ended, and the rating form only while no rating was given. Before the fix the widget resumed from the last seq
 * an earlier page had seen, so a reloaded page showed an empty conversation plus the rating form every time.
 */
import type { Page } from "playwright-core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../harness/browser.js";
import { loginAsContact } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { createSchool } from "../../factories/index.js";
import { AgentLoadModel } from "../../../server/src/modules/chat/agent-load.model.js";
import { connectChat, loginAgent, uuid, type ChatClient } from "../../integration/chat/helpers.js";
import { expectNoAxeViolations } from "../portal/support.js";
import { buildClient, collectErrors, contextWithSession, restoreClock, startChatServer } from "./support.js";

let browser: Browser;
let server: TestServer;
let cleanup: () => void;
let agentSocket: ChatClient;

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  [browser, server] = await Promise.all([launchBrowser(), startChatServer(built.outDir)]);
}, 120_000);

afterAll(async () => {
  agentSocket?.close();
  await browser?.close();
  await server?.stop();
  restoreClock();
  cleanup?.();
});

/** Reloads the portal and opens the chat window again, as the person would. */
async function reloadAndOpen(page: Page): Promise<void> {
  await page.reload();
  await page.locator("hd-chat .launcher").click({ timeout: 30_000 });
  await page.locator("hd-chat-window .notice").first().waitFor();
}

describe("an ended chat after a reload", () => {
  it("shows the transcript and that it ended; the rating form only until a rating was given", async () => {
    await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
    const agent = await loginAgent(server, { maxConcurrentChats: 4 });
    agentSocket = await connectChat(server.url, { http: agent.http });
    await agentSocket.ok("presence.set", { status: "online" });

    const school = await createSchool({ name: "OBS Na Het Herladen" });
    const contact = await loginAsContact(server, [school._id]);
    const page = await (await contextWithSession(browser, server, contact)).newPage();
    const errors = collectErrors(page);
    await page.goto(`${server.url}/portaal`);
    await page.locator("hd-chat .launcher").click({ timeout: 30_000 });
    const chatWindow = page.locator("hd-chat-window");
    await chatWindow.locator("#first").fill("Waar vind ik de GTB-telling?");
    await chatWindow.getByRole("button", { name: "Chat starten" }).click();
    const assigned = await agentSocket.waitFor("conversation.updated", (c) => c.state === "assigned" && c.organisation.name === "OBS Na Het Herladen");
    await agentSocket.ok("message.send", { conversationId: assigned.id, clientMessageId: uuid(), text: "Onder het tabblad GTB-overzicht." });
    await expect.poll(() => chatWindow.locator(".line--agent .text").allTextContents()).toEqual(["Onder het tabblad GTB-overzicht."]);
    await agentSocket.ok("conversation.close", { conversationId: assigned.id, summary: "GTB-telling gevonden" });
    await expect.poll(() => chatWindow.locator(".notice").first().textContent()).toContain("De medewerker heeft het gesprek beëindigd.");

    await reloadAndOpen(page);
    const texts = () => chatWindow.locator(".transcript .text").allTextContents();
    await expect.poll(texts).toEqual(["Waar vind ik de GTB-telling?", "Onder het tabblad GTB-overzicht."]);
    expect(await chatWindow.locator(".notice").first().textContent()).toContain("De medewerker heeft het gesprek beëindigd.");
    await chatWindow.getByRole("radio", { name: "4 van 5" }).check();
    await chatWindow.getByRole("button", { name: "Beoordeling versturen" }).click();
    await expect.poll(() => chatWindow.locator(".notice").allTextContents()).toContain("Bedankt voor uw beoordeling.");

    await reloadAndOpen(page);
    await expect.poll(texts).toEqual(["Waar vind ik de GTB-telling?", "Onder het tabblad GTB-overzicht."]);
    await expect.poll(() => chatWindow.locator(".notice").allTextContents()).toContain("Bedankt voor uw beoordeling.");
    expect(await chatWindow.locator("form.rating").count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
