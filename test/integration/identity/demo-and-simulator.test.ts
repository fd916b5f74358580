import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../../server/src/seed/index.js";
import { seedIdentityDemo, type IdentitySeedSummary } from "../../../server/src/seed/identity.js";
import { runAxe } from "../../harness/axe.js";
import { launchBrowser, newPage } from "../../harness/browser.js";
import type { HttpClient } from "../../harness/http-client.js";
import { errorId, LOA3, pinFromMail, startIdentityEnv, type IdentityEnv } from "./helpers.js";

let env: IdentityEnv;
let seeded: IdentitySeedSummary;
let browser: Browser | undefined;
beforeAll(async () => {
  env = await startIdentityEnv();
  await seedDemoData();
  seeded = await seedIdentityDemo();
});
afterAll(async () => {
  await browser?.close();
  await env?.stop();
});

/** Logs in through the simulator choosing a seeded identity from its list (by label text). */
async function loginAsSeeded(client: HttpClient, labelContains: string): Promise<URL> {
  const choice = await client.follow(await client.request("/auth/eherkenning/start"));
  const html = await choice.res.text();
  const supplierAction = /action="([^"]+\/supplier)"/.exec(html)![1]!;
  const page = await (await client.form(supplierAction, { supplier: "sleutelhuis" })).text();
  const loginAction = /action="([^"]+\/login)"/.exec(page)![1]!;
  const radio = [...page.matchAll(/<input type="radio" id="id-\d+" name="identity" value="([0-9a-f]{24})"> <label[^>]*>([^<]+)<\/label>/g)].find((m) =>
    m[2]!.includes(labelContains),
  );
  if (!radio) throw new Error(`no seeded identity with "${labelContains}"`);
  const done = await client.form(loginAction, { identity: radio[1]!, acr: LOA3 });
  const final = await client.follow(done, (loc) => !loc.pathname.startsWith("/eh-sim") && !loc.pathname.startsWith("/auth/"));
  return final.location!;
}

describe("identity demo seed", () => {
  it("seeds accounts, an activation code and simulator identities; linked ones log straight in", async () => {
    expect(seeded.accounts.length).toBeGreaterThanOrEqual(4);
    expect(seeded.activationCode?.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(seeded.simulatorIdentities.some((i) => i.label.includes("al gekoppeld"))).toBe(true);
    expect(seeded.simulatorIdentities.some((i) => i.label.includes("nog niet gekoppeld"))).toBe(true);

    const linked = env.client();
    expect((await loginAsSeeded(linked, "al gekoppeld")).pathname).toBe("/portaal");

    const fresh = env.client();
    expect((await loginAsSeeded(fresh, "nieuw, activatiecode")).pathname).toBe("/koppelen");
    await fresh.session();
    const since = Date.now();
    const link = await fresh.post("/api/v1/auth/link", { variant: "activation", activationCode: seeded.activationCode!.code.toLowerCase(), email: "nieuwe.gebruiker@example.nl" });
    expect(link.status).toBe(202);
    expect((await fresh.post("/api/v1/auth/link/confirm", { pin: await pinFromMail(env.smtp, "nieuwe.gebruiker@example.nl", since) })).status).toBe(200);

    const pw = env.client();
    expect((await loginAsSeeded(pw, "nog niet gekoppeld")).pathname).toBe("/koppelen");
    await pw.session();
    const account = seeded.accounts.find((a) => a.password)!;
    const wrongAccount = await pw.post("/api/v1/auth/link", { variant: "password", username: account.username, password: "fout", email: "x.y@example.nl" });
    expect(errorId(wrongAccount.body)).toBe("invalid_credentials");
  });
});

describe("simulator pages", () => {
  it("pass axe and work with the keyboard only", async () => {
    browser = await launchBrowser();
    const page = await newPage(browser);
    await page.goto(`${env.server.url}/auth/eherkenning/start`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Maak een keuze");
    expect(await page.getAttribute("html", "lang")).toBe("nl");
    expect((await runAxe(page)).report).toBe("");

    // Keyboard: Tab to the first supplier radio, arrow to the second, Tab to "Verder", Enter.
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Inloggen bij Sleutelhuis Identiteit");
    expect((await runAxe(page)).report).toBe("");

    // Choose the first seeded identity by keyboard: focus its radio, Space, then submit with Enter in a field.
    await page.focus("#id-0");
    await page.keyboard.press("Space");
    await page.focus("#naam");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => !url.pathname.startsWith("/eh-sim") && !url.pathname.startsWith("/auth/"));
    expect(["/portaal", "/koppelen", "/account-kiezen"]).toContain(new URL(page.url()).pathname);
    await page.context().close();
  });
});
