/**
 * The console's attention signals for a new chat (Chromium, real server, real login): the polite live region
 * announces it, a browser notification shows while the console is not in view, and the beep plays. The school
 * starts its chat over socket.io-client (the widget is covered in chat.test.ts).
 *
 * Headless Chromium always reports a page as visible and has no speakers, so the agent's browser is set up the
 * way a real one would be: notifications granted, the console tab in the background (`visibilityState`
 * "hidden"), and the browser's own Notification and Web Audio calls recorded on their way through.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchool } from "../../factories/index.js";
import { launchBrowser } from "../../harness/browser.js";
import type { TestServer } from "../../harness/server.js";
import { connectChat, loginSchoolPerson, type ChatClient } from "../../integration/chat/helpers.js";
import { agentLogsIn, buildClient, collectErrors, restoreClock, startChatServer } from "./support.js";

let browser: Browser;
let server: TestServer;
let cleanup: () => void;
let agentPage: Page;
let school: ChatClient | undefined;

/** Runs in the console page before its scripts: a background tab whose notifications and tones are recorded. */
function backgroundTabWithRecorders(): void {
  const w = window as unknown as { signals: { notifications: { title: string; body: string }[]; tones: number } };
  w.signals = { notifications: [], tones: 0 };
  Object.defineProperty(Document.prototype, "visibilityState", { get: () => "hidden", configurable: true });
  const RealNotification = window.Notification;
  class RecordedNotification extends RealNotification {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      w.signals.notifications.push({ title, body: options?.body ?? "" });
    }
  }
  window.Notification = RecordedNotification as typeof Notification;
  const createOscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function (this: AudioContext) {
    w.signals.tones++;
    return createOscillator.call(this);
  };
}

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  [browser, server] = await Promise.all([launchBrowser(), startChatServer(built.outDir)]);
  agentPage = await agentLogsIn(browser, server, "agent", "Noor Visser", {
    prepare: async (context: BrowserContext) => {
      await context.grantPermissions(["notifications"], { origin: server.url });
      await context.addInitScript(backgroundTabWithRecorders);
    },
  });
}, 120_000);

afterAll(async () => {
  school?.close();
  await browser?.close();
  await server?.stop();
  restoreClock();
  cleanup?.();
});

describe("console signals for a new chat", () => {
  it("announces it politely, shows a browser notification and beeps", async () => {
    const errors = collectErrors(agentPage);
    // Going online is the click that lets the console unlock audio and use notifications.
    await agentPage.getByRole("radio", { name: "Online" }).check();
    await expect.poll(() => agentPage.evaluate(() => Notification.permission)).toBe("granted");

    const org = await createSchool({ name: "IKC De Horizon" });
    const person = await loginSchoolPerson(server, org._id);
    school = await connectChat(server.url, { http: person.http });
    await school.ok("conversation.start", { text: "Hallo" });

    const live = agentPage.locator('[role="status"][aria-live="polite"]', { hasText: "Nieuwe chat" });
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toBe("Nieuwe chat toegewezen: IKC De Horizon");
    const signals = () => agentPage.evaluate(() => (window as unknown as { signals: { notifications: { title: string; body: string }[]; tones: number } }).signals);
    await expect.poll(async () => (await signals()).notifications, { timeout: 5_000 }).toEqual([
      { title: "Nieuwe chat", body: "Nieuwe chat toegewezen: IKC De Horizon" },
    ]);
    expect((await signals()).tones).toBe(2);
    expect(errors).toEqual([]);
  });
});
