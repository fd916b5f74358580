/**
 * Support for the identity browser tests, against the real thing: the client built with Vite into a temporary
 * directory and served by a real in-process Balie with the eHerkenning simulator, its mails going over real
 * SMTP to {@link startSmtpCapture}; people log in through the simulator's pages in Chromium. The server is
 * in-process, so a {@link ManualClock} set here is the server's clock (see `server/src/infra/clock.ts`).
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { ManualClock, resetClock, setClock } from "../../../server/src/infra/clock.js";
import { launchBrowser } from "../../harness/browser.js";
import { LOA3, pinFromMail, startSimulatorServer, type TestIdentity } from "../../harness/login.js";
import { startSmtpCapture, type SmtpCapture } from "../../harness/smtp.js";
import { buildClient } from "../../harness/client-build.js";
import type { PortalEnv } from "../portal/support.js";

/** A built client, a real server with the simulator and SMTP capture, a browser, and the server's clock. */
export interface IdentityEnv extends PortalEnv {
  smtp: SmtpCapture;
  /** The server's clock; starts at real time and only moves when a test moves it. */
  clock: ManualClock;
  stop(): Promise<void>;
}

/** Builds the login and portal pages and starts Balie with `SMTP_URL` pointing at a fresh SMTP capture. */
export async function startIdentityEnv(): Promise<IdentityEnv> {
  const built = await buildClient();
  const smtp = await startSmtpCapture();
  const [server, browser] = await Promise.all([startSimulatorServer({ SMTP_URL: smtp.url }, { publicDir: built.outDir }), launchBrowser()]);
  const clock = new ManualClock(Date.now());
  setClock(clock);
  return {
    server,
    browser,
    smtp,
    clock,
    async stop() {
      resetClock();
      await browser.close();
      await server.stop();
      await smtp.close();
      built.cleanup();
    },
  };
}

/**
 * "Inloggen met eHerkenning" on /inloggen, the simulator's "Maak een keuze" (first supplier, "Verder"), then
 * the test identity with its level (EH3 unless `identity.acr` says otherwise) and "Inloggen". Returns once the
 * browser is back in Balie (any path outside `/eh-sim` and `/auth/`).
 */
export async function ehLoginInBrowser(page: Page, env: { server: { url: string } }, identity: TestIdentity): Promise<URL> {
  await page.goto(`${env.server.url}/inloggen`);
  await page.getByRole("link", { name: /Inloggen met eHerkenning|Log in with eHerkenning/ }).click();
  await page.getByRole("heading", { name: "Maak een keuze" }).waitFor();
  await page.getByRole("button", { name: "Verder" }).click();
  await page.getByLabel("Naam", { exact: true }).fill(identity.name);
  await page.getByLabel("KvK-nummer (8 cijfers)").fill(identity.kvk);
  await page.getByLabel("Pseudoniem (ActingSubjectID)").fill(identity.pseudonym);
  const level = (identity.acr ?? LOA3).slice(-4);
  await page.locator(`#niveau-${level}`).check();
  await page.getByRole("button", { name: "Inloggen" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/eh-sim") && !url.pathname.startsWith("/auth/"));
  await page.locator("h1").first().waitFor();
  return new URL(page.url());
}

/**
 * On /koppelen (nl or en): switches to the activation code variant unless it is shown, fills the code and
 * `email`, submits, and waits for the PIN page. Returns the PIN read from the mail that went over SMTP.
 */
export async function linkWithActivationCode(page: Page, env: IdentityEnv, code: string, email: string): Promise<string> {
  await page.locator("hd-link-form").waitFor();
  const codeField = page.getByLabel(/^(Activatiecode|Activation code)$/);
  if ((await codeField.count()) === 0) await page.getByRole("button", { name: /Gebruik dan uw activatiecode\.|Use your activation code instead\./ }).click();
  await page.getByLabel("E-mail").fill(email);
  await codeField.fill(code);
  const since = Date.now();
  await page.getByRole("button", { name: /^(Doorgaan|Continue)$/ }).click();
  await page.waitForURL(/\/koppelen\/pincode$/);
  return pinFromMail(env.smtp, email, since);
}

/** A PIN that is not `pin`. */
export function wrongPin(pin: string): string {
  return pin === "000000" ? "111111" : "000000";
}

/** Tab from the top of the page and list the accessible names of focused elements. */
export async function tabOrder(page: Page, steps: number): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const names: string[] = [];
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press("Tab");
    names.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return (label ?? el.getAttribute("aria-label") ?? el.textContent ?? "").replace(/\s+/g, " ").trim();
      }),
    );
  }
  return names;
}

/** Full-page screenshot to /tmp/identity-<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/identity-${name}.png`, fullPage: true });
}

/** The id of the focused element (undefined when it has none). */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id || undefined);
}

/** Waits until the page's h1 reads `title`. */
export async function expectHeading(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.locator("h1").first().textContent().then((s) => s?.trim())).toBe(title);
}
