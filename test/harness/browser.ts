import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); playwright's own browser downloads are not used. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags for a quiet, offline, sandbox-less headless Chromium (containers, CI). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Launches headless Chromium. Close it in `afterAll`. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * A page in a fresh context (own cookies and storage), Dutch by default. Close it with `page.context().close()`.
 */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", viewport: { width: 1280, height: 800 }, ...options });
  return context.newPage();
}
