/**
 * Support for the portal browser tests: the client built with Vite into a temporary directory and served by a
 * real in-process Balie with the eHerkenning simulator; people logged in through the simulator's pages in the
 * browser itself; screenshots and axe checks.
 */
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { runAxe } from "../../harness/axe.js";
import { launchBrowser, newPage } from "../../harness/browser.js";
import { buildClient } from "../../harness/client-build.js";
import { startSimulatorServer, type TestIdentity } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";

/** A built client, a server with the simulator, and a browser. */
export interface PortalEnv {
  server: TestServer;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startPortalEnv(serverEnv: Record<string, string> = {}): Promise<PortalEnv> {
  const built = await buildClient();
  const [server, browser] = await Promise.all([startSimulatorServer(serverEnv, { publicDir: built.outDir }), launchBrowser()]);
  return {
    server,
    browser,
    async stop() {
      await browser.close();
      await server.stop();
      built.cleanup();
    },
  };
}

/** A fresh page (own cookies) in `locale`; page errors are collected in `errors`. */
export async function openPage(env: PortalEnv, locale: "nl" | "en" = "nl"): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(env.browser);
  if (locale !== "nl") await page.addInitScript((l) => localStorage.setItem("balie.locale", l), locale);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, errors };
}

/**
 * Logs in the way a person does: "Inloggen met eHerkenning" on /inloggen, the simulator's "Maak een keuze"
 * (first supplier), then the test identity at EH3. Waits until the portal shows the organisation's heading.
 */
export async function loginInBrowser(page: Page, env: PortalEnv, identity: TestIdentity): Promise<void> {
  await page.goto(`${env.server.url}/inloggen`);
  await page.getByRole("link", { name: /Inloggen met eHerkenning|Log in with eHerkenning/ }).click();
  await page.getByRole("heading", { name: "Maak een keuze" }).waitFor();
  await page.getByRole("button", { name: "Verder" }).click();
  await page.getByLabel("Naam", { exact: true }).fill(identity.name);
  await page.getByLabel("KvK-nummer (8 cijfers)").fill(identity.kvk);
  await page.getByLabel("Pseudoniem (ActingSubjectID)").fill(identity.pseudonym);
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL(/\/portaal\/[0-9a-f]{24}\/mijn-gegevens$/);
  await page.locator("hd-portal-app h1").waitFor();
}

/** Full-page screenshot to /tmp/portal-<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/portal-${name}.png`, fullPage: true });
}

/** Asserts that axe (WCAG 2.1 A/AA) finds nothing. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const { report } = await runAxe(page);
  expect(report).toBe("");
}

/** The text of the polite live region of Mijn gegevens. */
export function liveRegion(page: Page) {
  return page.locator("hd-tab-details [role=status][aria-live=polite]");
}
