import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAxe } from "../harness/axe.js";
import { launchBrowser, newPage } from "../harness/browser.js";
import { buildClient } from "../harness/client-build.js";
import { startTestServer, type TestServer } from "../harness/server.js";

// The home page as users get it: the client built with Vite into a temporary directory, served by a real server.
let browser: Browser;
let server: TestServer;
let cleanup: (() => void) | undefined;
let page: Page;

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  [browser, server] = await Promise.all([launchBrowser(), startTestServer({}, { publicDir: built.outDir })]);
  page = await newPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  cleanup?.();
});

describe("home page", () => {
  it("loads in Dutch with a title and a main landmark, without console errors", async () => {
    const errors: string[] = [];
    page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
    page.on("pageerror", (err) => errors.push(err.message));

    const response = await page.goto(server.url, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe("Balie — helpdesk voor scholen");
    expect(await page.getAttribute("html", "lang")).toBe("nl");
    await expect.poll(() => page.getByRole("main").count()).toBe(1);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Balie");
    // The script ran (same-origin fetch allowed by the CSP) and reported the server as reachable.
    await expect.poll(() => page.locator("#status").textContent()).toContain("bereikbaar");
    expect(errors).toEqual([]);
    await page.screenshot({ path: "/tmp/home.png", fullPage: true });
  });

  it("has no WCAG 2.1 A/AA violations", async () => {
    const { report } = await runAxe(page);
    expect(report).toBe("");
  });

  it("offers a skip link to the main content as first tab stop", async () => {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe("Direct naar de inhoud");
  });

  it("serves /favicon.ico (browsers and bookmarks ask for it) and every page links the icons", async () => {
    const res = await fetch(`${server.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]); // ICO header
    for (const path of ["/", "/inloggen", "/portaal", "/medewerker/inloggen"]) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      expect(html, path).toContain('<link rel="icon" href="/favicon.ico" sizes="any"');
    }
  });

  it("axe harness really reports violations (guards against a vacuous check)", async () => {
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.src = "/favicon.svg";
      img.id = "no-alt";
      document.querySelector("main")?.append(img);
    });
    const { violations, report } = await runAxe(page);
    expect(violations.map((v) => v.id)).toContain("image-alt");
    expect(report).toContain("#no-alt");
  });
});
