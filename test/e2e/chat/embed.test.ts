/**
 * The chat embedded on another site with one script tag (Chromium, real server, real logins): a school's own
 * website on another origin loads `/widgets/chat.js` from Balie, gets a short-lived signed chat token from its
 * back end (which asks Balie for it), shows the Chat button from the cross-origin availability stream, chats with
 * an agent in the console, and renews the token when Balie refuses an expired one on a reconnect. A site that is
 * not on Balie's origin allow-list gets no button and no socket. And the script stays within its size budget, as
 * Balie sends it (gzip).
 */
import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAxe } from "../../harness/axe.js";
import { launchBrowser } from "../../harness/browser.js";
import type { HttpClient } from "../../harness/http-client.js";
import { loginAsContact } from "../../harness/login.js";
import { getFreePort } from "../../harness/ports.js";
import type { TestServer } from "../../harness/server.js";
import { createSchool } from "../../factories/index.js";
import { agentLogsIn, buildClient, collectErrors, restoreClock, shiftClock, startChatServer, tabToLauncher } from "./support.js";

let browser: Browser;
let server: TestServer;
let cleanup: () => void;
let contact: HttpClient;
let site: Server;
let foreignSite: Server;
let siteUrl: string;
let foreignUrl: string;
let sitePage: Page;
let agentPage: Page;
let siteErrors: string[];
/** Tokens the school's back end handed out (each page load and each renewal asks for one). */
let tokensIssued = 0;

/** The school's own page: the one script tag, and a few lines that fetch and renew the chat token. */
function schoolSitePage(balie: string): string {
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>OBS De Vlinder — contact</title></head>
<body>
<main><h1>Contact met OBS De Vlinder</h1><p>Vragen over de leerlingenadministratie? Chat met de helpdesk.</p></main>
<hd-chat server="${balie}"></hd-chat>
<script type="module" src="${balie}/widgets/chat.js"></script>
<script type="module">
  const chat = document.querySelector("hd-chat");
  const renew = async () => { chat.token = (await (await fetch("/chat-token", { method: "POST" })).json()).token; };
  chat.addEventListener("hd-chat-token-refused", renew);
  await renew();
</script>
</body>
</html>`;
}

/** A tiny web server for a school's site: the page, and the back-end call that gets a token from Balie. */
async function startSite(balie: () => string): Promise<{ server: Server; url: string }> {
  const siteServer = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/chat-token") {
      tokensIssued++;
      contact
        .post<{ token: string }>("/api/v1/chat/token")
        .then((r) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ token: r.body.token })))
        .catch(() => res.writeHead(502).end());
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(schoolSitePage(balie()));
  });
  await new Promise<void>((resolve) => siteServer.listen(0, "127.0.0.1", resolve));
  return { server: siteServer, url: `http://127.0.0.1:${(siteServer.address() as AddressInfo).port}` };
}

/** Bytes on the wire (gzip when it pays) and the text of one file Balie serves. */
function fetchGzipped(url: string): Promise<{ wire: number; text: string }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) return reject(new Error(`${url}: HTTP ${res.statusCode}`));
        // Files under 1 KB go out as they are (compressing them gains nothing).
        const gzipped = res.headers["content-encoding"] === "gzip";
        resolve({ wire: body.length, text: (gzipped ? gunzipSync(body) : body).toString("utf8") });
      });
    }).on("error", reject);
  });
}

/** Wire bytes of `entry` and every chunk it imports: statically only (what loads at once), or also lazily. */
async function scriptWeight(base: string, entry: string, lazy: boolean): Promise<number> {
  const seen = new Set<string>();
  let total = 0;
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const { wire, text } = await fetchGzipped(`${base}/widgets/${file}`);
    total += wire;
    const statics = [...text.matchAll(/(?:from|import)\s*["'`]\.\/([\w.-]+\.js)["'`]/g)].map((m) => m[1]!);
    const dynamics = lazy ? [...text.matchAll(/import\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g)].map((m) => m[1]!) : [];
    for (const next of [...statics, ...dynamics]) await visit(next);
  };
  await visit(entry);
  return total;
}

beforeAll(async () => {
  const built = await buildClient();
  cleanup = built.cleanup;
  let balieUrl = "";
  ({ server: site, url: siteUrl } = await startSite(() => balieUrl));
  ({ server: foreignSite, url: foreignUrl } = await startSite(() => balieUrl));
  const port = await getFreePort();
  balieUrl = `http://127.0.0.1:${port}`;
  [browser, server] = await Promise.all([
    launchBrowser(),
    // Balie's own origin and the school's site may open the chat; the foreign site may not.
    startChatServer(built.outDir, { PORT: String(port), PUBLIC_URL: balieUrl, ALLOWED_ORIGINS: `${balieUrl},${siteUrl}` }),
  ]);
  const school = await createSchool({ name: "OBS De Vlinder" });
  contact = await loginAsContact(server, [school._id]);
  agentPage = await agentLogsIn(browser, server, "agent", "Sanne Smit");
  await agentPage.getByRole("radio", { name: "Online" }).check();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  site?.close();
  foreignSite?.close();
  restoreClock();
  cleanup?.();
});

describe("the chat on a school's own site", () => {
  it("shows the Chat button from Balie's availability stream across origins", async () => {
    await expect
      .poll(async () => ((await (await fetch(`${server.url}/api/v1/availability`)).json()) as { available: boolean }).available, { timeout: 15_000 })
      .toBe(true);
    sitePage = await (await browser.newContext({ locale: "nl-NL" })).newPage();
    siteErrors = collectErrors(sitePage);
    await sitePage.goto(siteUrl);
    await sitePage.locator("hd-chat .launcher").waitFor({ state: "visible", timeout: 15_000 });
    expect(await sitePage.locator("hd-chat").count()).toBe(1);
    expect((await runAxe(sitePage)).report).toBe("");
  });

  it("chats with the agent on the token, by keyboard, and shows the agent's text as text", async () => {
    expect(await tabToLauncher(sitePage, 20)).toBe(true);
    await sitePage.keyboard.press("Enter");
    const win = sitePage.locator("hd-chat-window");
    await win.locator("#first").fill("Vraag vanaf onze eigen website");
    await win.getByRole("button", { name: "Chat starten" }).click();

    const pane = agentPage.locator("hd-agent-chat");
    await expect.poll(() => pane.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => agentPage.locator("hd-agent-context").textContent(), { timeout: 10_000 }).toContain("OBS De Vlinder");
    const input = pane.locator(".hd-agent-chat__input");
    await input.fill("Welkom! <b>Niet vet</b>");
    await input.press("Control+Enter");
    const agentLines = win.locator(".line--agent .text");
    await expect.poll(() => agentLines.allTextContents(), { timeout: 10_000 }).toEqual(["Welkom! <b>Niet vet</b>"]);
    expect(await win.locator(".line--agent b").count()).toBe(0);
    expect((await runAxe(sitePage)).report).toBe("");
    await sitePage.screenshot({ path: "/tmp/chat-embed-open.png" });
  });

  it("renews an expired token when the connection comes back, and replays what the agent sent meanwhile", async () => {
    const before = tokensIssued;
    // Six minutes later the page's token (5 min) has expired; then the connection drops, as a network loss would.
    shiftClock(6 * 60_000);
    await sitePage.evaluate(() => {
      const el = document.querySelector("hd-chat") as unknown as { session?: { socket?: { io: { engine: { close(): void } } } } };
      el.session?.socket?.io.engine.close();
    });
    const input = agentPage.locator("hd-agent-chat .hd-agent-chat__input");
    await input.fill("Bent u er nog?");
    await input.press("Control+Enter");
    const win = sitePage.locator("hd-chat-window");
    await expect.poll(() => win.locator(".line--agent .text").allTextContents(), { timeout: 15_000 }).toEqual([
      "Welkom! <b>Niet vet</b>",
      "Bent u er nog?",
    ]);
    expect(tokensIssued).toBeGreaterThan(before);
    // And the school can answer on the new token.
    await win.locator("#message").fill("Ja, nog steeds hier");
    await win.locator("#message").press("Enter");
    await expect.poll(() => agentPage.locator("hd-agent-chat").textContent(), { timeout: 10_000 }).toContain("Ja, nog steeds hier");
    expect(siteErrors.filter((e) => !e.includes("socket.io"))).toEqual([]);
  });

  it("a site that is not on the allow-list gets no Chat button", async () => {
    const page = await (await browser.newContext({ locale: "nl-NL" })).newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(foreignUrl);
    // The widget asks for the stream; Balie answers 403 to this Origin, so the browser never shows it the state.
    await expect.poll(() => requests.filter((u) => u.includes("/api/v1/availability/stream")).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const direct = await fetch(`${server.url}/api/v1/availability/stream`, { headers: { Origin: foreignUrl } });
    expect(direct.status).toBe(403);
    await page.waitForTimeout(1_000);
    expect(await page.locator("hd-chat .launcher").count()).toBe(0);
    expect(requests.filter((u) => u.includes("/socket.io"))).toEqual([]);
  });

  it("the Chat button's script stays ≤ 10 KB gzip, the whole chat ≤ 35 KB", async () => {
    const launcher = await scriptWeight(server.url, "chat.js", false);
    const full = await scriptWeight(server.url, "chat.js", true);
    console.info(`chat widget on the wire (gzip): launcher ${launcher} B, full chat ${full} B`);
    expect(launcher).toBeLessThanOrEqual(10_000);
    expect(full).toBeLessThanOrEqual(35_000);
    expect(full).toBeGreaterThan(launcher);
  });
});
