/**
 * A message typed right after "Chat starten" is never lost (Chromium, real server). The race is forced, not timed:
 * the page holds back the server's answer to `conversation.start` (as a slow network would) while the
 * `conversation.updated` push already shows the composer; the person types and presses Enter; then the answer
 * is let through. Before the fix, the late answer reset the transcript and the typed message disappeared.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../../harness/browser.js";
import { loginAsContact } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { createSchool } from "../../factories/index.js";
import { AgentLoadModel } from "../../../server/src/modules/chat/agent-load.model.js";
import { connectChat, loginAgent, type ChatClient } from "../../integration/chat/helpers.js";
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

/** Opens the chat window on the portal of a new school and holds back the answer to `conversation.start`. */
async function openWindowWithSlowStart(): Promise<Page> {
  const school = await createSchool({ name: "OBS De Snelle Typist" });
  const contact = await loginAsContact(server, [school._id]);
  const page = await (await contextWithSession(browser, server, contact)).newPage();
  await page.goto(`${server.url}/portaal`);
  await page.locator("hd-chat .launcher").click({ timeout: 30_000 });
  await page.locator("hd-chat-window #first").waitFor();
  await page.evaluate(async () => {
    type Ack = (...args: unknown[]) => void;
    const session = (document.querySelector("hd-chat") as unknown as { session: { connect(): Promise<void>; socket: { emit: (...a: unknown[]) => unknown } } }).session;
    await session.connect();
    const socket = session.socket;
    const emit = socket.emit;
    socket.emit = function (this: unknown, name: unknown, ...args: unknown[]) {
      if (name === "conversation.start") {
        const ack = args.pop() as Ack;
        args.push((...answer: unknown[]) => ((window as unknown as { releaseStart: () => void }).releaseStart = () => ack(...answer)));
      }
      return emit.call(this, name, ...args);
    };
  });
  return page;
}

describe("the first chat message", () => {
  it("typed before the start is confirmed, it is delivered exactly once and stays in the transcript", async () => {
    await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
    const agent = await loginAgent(server, { maxConcurrentChats: 4 });
    agentSocket = await connectChat(server.url, { http: agent.http });
    await agentSocket.ok("presence.set", { status: "online" });

    const page = await openWindowWithSlowStart();
    const errors = collectErrors(page);
    const chatWindow = page.locator("hd-chat-window");
    await chatWindow.locator("#first").fill("Goedemorgen");
    await chatWindow.getByRole("button", { name: "Chat starten" }).click();
    const composer = chatWindow.locator("#message");
    await composer.waitFor(); // shown by the conversation.updated push, while the start's answer is held
    await composer.fill("Onze leerlingenlijst klopt niet");
    await composer.press("Enter");
    await expect.poll(() => page.evaluate(() => typeof (window as unknown as { releaseStart?: unknown }).releaseStart)).toBe("function");
    await page.evaluate(() => (window as unknown as { releaseStart: () => void }).releaseStart());

    const own = chatWindow.locator(".line--contact .text");
    await expect.poll(() => own.allTextContents(), { timeout: 10_000 }).toEqual(["Goedemorgen", "Onze leerlingenlijst klopt niet"]);
    await expect.poll(() => chatWindow.locator(".line--contact .status--pending, .line--contact .status--failed").count()).toBe(0);
    await agentSocket.waitFor("message.created", (m) => m.text === "Onze leerlingenlijst klopt niet");
    const seen = (agentSocket.received["message.created"] ?? []).filter((m) => m.text === "Onze leerlingenlijst klopt niet");
    expect(seen).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
