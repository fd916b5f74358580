/**
 * Support for the chat browser tests: a fresh Vite build (pages + the embeddable widget library) in a temporary
 * directory, a server with the eHerkenning simulator serving it, a clock inside opening hours, and logins that
 * end up as cookies in real browser contexts.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { resetClock, setClock } from "../../../server/src/infra/clock.js";
import { createAgent, FACTORY_PASSWORD } from "../../factories/index.js";
import type { HttpClient } from "../../harness/http-client.js";
import { startSimulatorServer } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";

/**
 * A Wednesday in March (no Dutch holiday), 10:00 in Amsterdam. The test clock runs at real speed from there,
 * so opening hours say "open" whenever the suite runs, and waiting times and timeouts still pass.
 */
export const OPEN_MOMENT = Date.parse("2026-03-11T09:00:00Z");

export { buildClient } from "../../harness/client-build.js";

let offset = 0;

/** Starts the server on a clock inside opening hours (running at real speed); `env` overrides variables. */
export async function startChatServer(publicDir: string, env: Record<string, string> = {}): Promise<TestServer> {
  offset = OPEN_MOMENT - Date.now();
  setClock({ nowMs: () => Date.now() + offset });
  return startSimulatorServer(env, { publicDir });
}

/** Moves the (real-speed) test clock forward by `ms`, e.g. past the 60 s an assigned agent may be gone. */
export function shiftClock(ms: number): void {
  offset += ms;
}

export function restoreClock(): void {
  resetClock();
}

/** A browser context that carries the cookies of a logged-in {@link HttpClient}. */
export async function contextWithSession(browser: Browser, server: TestServer, client: HttpClient): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1280, height: 800 } });
  await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: server.url })));
  return context;
}

/**
 * Creates an agent (or supervisor) and logs in through the real login page; the page ends on the console.
 * `prepare` runs on the fresh browser context first (permissions, init scripts).
 */
export async function agentLogsIn(
  browser: Browser,
  server: TestServer,
  role: "agent" | "supervisor" = "agent",
  name?: string,
  overrides: { maxConcurrentChats?: number; prepare?: (context: BrowserContext) => Promise<void> } = {},
): Promise<Page> {
  const { prepare, ...agentFields } = overrides;
  const agent = await createAgent({ role, ...(name ? { displayName: name } : {}), ...agentFields });
  const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1440, height: 900 } });
  await prepare?.(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/medewerker/inloggen`);
  await page.getByLabel("Gebruikersnaam").fill(agent.username);
  await page.getByLabel("Wachtwoord").fill(FACTORY_PASSWORD);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(`${server.url}/medewerker`);
  await page.locator("hd-agent-presence input").first().waitFor({ timeout: 10_000 });
  return page;
}

/** Collects console errors and page errors of `page`. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => msg.type() === "error" && errors.push(`${msg.text()} ${msg.location().url}`));
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

/** The element focused inside shadow roots: "tag.class" of the deepest active element. */
export function deepFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return "";
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.classList.length ? `.${[...el.classList].join(".")}` : ""}`;
  });
}

/** Presses Tab from the top of the page until the Chat button has focus; false if it is not reached in `max` steps. */
export async function tabToLauncher(page: Page, max = 80): Promise<boolean> {
  await page.locator("body").focus();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if ((await deepFocus(page)).includes("launcher")) return true;
  }
  return false;
}
