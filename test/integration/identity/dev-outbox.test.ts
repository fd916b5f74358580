import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchool } from "../../factories/index.js";
import { getFreePort } from "../../harness/ports.js";
import { startTestServer, type TestServer } from "../../harness/server.js";
import { HttpClient } from "../../harness/http-client.js";
import { createAccount, ehLogin, person } from "./helpers.js";

let server: TestServer;
beforeAll(async () => {
  const port = await getFreePort();
  // No SMTP_URL: mails go to the development outbox.
  server = await startTestServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, EH_SIMULATOR: "true" });
});
afterAll(async () => {
  await server?.stop();
});

describe("development outbox", () => {
  it("shows the PIN mail at /dev/mail, escaped", async () => {
    const school = await createSchool({ kvkNumber: "43000001" });
    const { activationCode } = await createAccount(school._id, { username: "outbox-1", activationCode: true });
    const browser = new HttpClient(server.url);
    await ehLogin(browser, person("43000001"));
    await browser.session();
    expect((await browser.post("/api/v1/auth/link", { variant: "activation", activationCode, email: "o.utbox@example.nl" })).status).toBe(202);
    const page = await browser.request("/dev/mail");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('lang="nl"');
    expect(html).toContain("o.utbox@example.nl");
    const pin = /pincode:\s*(\d{6})/i.exec(html)![1]!;
    expect((await browser.post("/api/v1/auth/link/confirm", { pin })).status).toBe(200);
  });

  it("is styled within its own Content-Security-Policy: no inline style, a same-origin stylesheet", async () => {
    const page = await new HttpClient(server.url).request("/dev/mail");
    const csp = page.headers.get("content-security-policy") ?? "";
    const styleSrc = /style-src ([^;]+)/.exec(csp)?.[1] ?? /default-src ([^;]+)/.exec(csp)?.[1] ?? "";
    expect(styleSrc).not.toContain("unsafe-inline");
    const html = await page.text();
    expect(html).not.toMatch(/<style|style=/);
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1];
    expect(href).toBe("/dev/mail.css");
    const css = await new HttpClient(server.url).request(href!);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await css.text()).toContain("font-family");
  });
});
