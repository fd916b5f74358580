/**
 * A draft and its mode belong to one conversation (Chromium, real server): an agent with chats of a school and a
 * board types to the school without sending, switches it to an internal note, the school ends the chat and the
 * agent closes its window. The board's composer must be empty and in message mode, and "Versturen" must not carry
 * the school's words to the board. Before the fix the console reused chat elements by position, so the board's
 * chat inherited the school's draft and mode.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../harness/browser.js";
import type { TestServer } from "../../harness/server.js";
import { createBoard, createSchool } from "../../factories/index.js";
import { AgentLoadModel } from "../../../server/src/modules/chat/agent-load.model.js";
import { connectChat, loginSchoolPerson, type ChatClient } from "../../integration/chat/helpers.js";
import { agentLogsIn, buildClient, collectErrors, restoreClock, startChatServer } from "./support.js";

let browser: Browser;
let server: TestServer;
let cleanup: () => void;
let agent: Page;
const sockets: ChatClient[] = [];

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  [browser, server] = await Promise.all([launchBrowser(), startChatServer(built.outDir)]);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await browser?.close();
  await server?.stop();
  restoreClock();
  cleanup?.();
});

/** A person of `organisationId` starts a chat over socket.io; resolves with the socket and the conversation id. */
async function startChat(organisationId: Parameters<typeof loginSchoolPerson>[1]) {
  const person = await loginSchoolPerson(server, organisationId);
  const socket = await connectChat(server.url, { http: person.http });
  sockets.push(socket);
  const { conversation } = await socket.ok("conversation.start", {});
  return { socket, conversationId: conversation.id };
}

describe("agent console drafts", () => {
  it("keeps a draft and its mode with its own conversation: closing one chat never hands them to another", async () => {
    await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
    agent = await agentLogsIn(browser, server, "agent", "Anna Draft", { maxConcurrentChats: 4 });
    const errors = collectErrors(agent);

    // While the agent is Offline the waiting chat cannot be picked up, and the console says why.
    const school = await createSchool({ name: "OBS Het Eerste Venster" });
    const board = await createBoard({ name: "Stichting Tweede Venster" });
    const a = await startChat(school._id);
    const pick = agent.getByRole("button", { name: "Chat van OBS Het Eerste Venster oppakken" });
    await pick.waitFor({ timeout: 10_000 });
    expect(await pick.isDisabled()).toBe(true);
    expect(await agent.locator("#hd-agent-queue-blocked").textContent()).toContain("Zet uw status op Online");
    expect(await pick.getAttribute("aria-describedby")).toBe("hd-agent-queue-blocked");
    expect(await pick.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(243, 244, 246)");

    await agent.getByRole("radio", { name: "Online" }).check();
    const b = await startChat(board._id);
    await expect.poll(() => agent.locator("hd-agent-chat").count(), { timeout: 10_000 }).toBe(2);

    const paneA = agent.locator("hd-agent-chat", { hasText: "OBS Het Eerste Venster" });
    const paneB = agent.locator("hd-agent-chat", { hasText: "Stichting Tweede Venster" });
    const secret = "Uw leerling Jan heeft een onvoldoende";
    await paneA.locator(".hd-agent-chat__input").fill(secret);
    await paneA.getByRole("radio", { name: "Interne notitie" }).check();

    await a.socket.ok("conversation.end", { conversationId: a.conversationId });
    await paneA.getByRole("button", { name: "Venster sluiten" }).click();
    await expect.poll(() => agent.locator("hd-agent-chat").count()).toBe(1);

    await expect(paneB.locator(".hd-agent-chat__input").inputValue()).resolves.toBe("");
    // A board is addressed as a board, not as a school.
    await expect(paneB.getByRole("radio", { name: "Aan het bestuur" }).isChecked()).resolves.toBe(true);
    expect(await paneB.getByLabel("Bericht aan het bestuur").count()).toBe(1);

    // "Versturen" with what is left must not deliver the other school's words to the board.
    await paneB.locator("form.hd-agent-chat__composer button.utrecht-button--primary-action").click();
    await paneB.locator(".hd-agent-chat__input").fill("Goedemiddag, waarmee kan ik helpen?");
    await paneB.locator(".hd-agent-chat__input").press("Control+Enter");
    const delivered = await b.socket.waitFor("message.created", (m) => m.conversationId === b.conversationId && m.sender.kind === "agent");
    expect(delivered.text).toBe("Goedemiddag, waarmee kan ik helpen?");
    expect((b.socket.received["message.created"] ?? []).map((m) => m.text)).not.toContain(secret);
    expect(errors).toEqual([]);
  });
});
