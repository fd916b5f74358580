/**
 * "Balie is een oefenomgeving met fictieve gegevens" (issue 13 §4): the footer says so only when the
 * installation runs on demo data (the session tells the page), and never otherwise, so a real installation
 * does not call itself a practice environment.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage } from "../../harness/browser.js";
import { buildClient } from "../../harness/client-build.js";
import { HttpClient } from "../../harness/http-client.js";
import { startTestServer, type TestServer } from "../../harness/server.js";

const NOTICE = "Balie is een oefenomgeving met fictieve gegevens.";
let browser: Browser;
let publicDir: string;
let cleanup: (() => void) | undefined;

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  publicDir = built.outDir;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  cleanup?.();
});

/** One server at a time: in-process servers share mongoose's connection. */
async function withServer(demo: boolean, fn: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startTestServer(demo ? { SEED_DEMO: "true" } : {}, { publicDir });
  try {
    await fn(server);
  } finally {
    await server.stop();
  }
}

describe("the demo notice in the footer", () => {
  it("with demo data: the session says so and the login page shows the notice", async () => {
    await withServer(true, async (server) => {
      expect((await new HttpClient(server.url).get<{ demo: boolean }>("/api/v1/session")).body.demo).toBe(true);
      const page = await newPage(browser);
      await page.goto(`${server.url}/inloggen`);
      await expect.poll(() => page.getByRole("contentinfo").textContent(), { timeout: 10_000 }).toContain(NOTICE);
      await page.close();
    });
  });

  it("without demo data: no notice", async () => {
    await withServer(false, async (server) => {
      expect((await new HttpClient(server.url).get<{ demo: boolean }>("/api/v1/session")).body.demo).toBe(false);
      const page = await newPage(browser);
      await page.goto(`${server.url}/inloggen`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.getByText(NOTICE).count()).toBe(0);
      await page.close();
    });
  });
});
