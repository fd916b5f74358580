/**
 * The identity pages in Chromium against a stubbed API: every page in nl and en has no axe (WCAG 2.1 A/AA)
 * violations, labels and keyboard order are right, and each error state behaves (summary focused, blocked
 * until HH:MM Amsterdam time, code expired, shared e-mail confirmation). Screenshots go to /tmp/identity-*.png.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAxe } from "../../harness/axe.js";
import { launchBrowser, newPage } from "../../harness/browser.js";
import { anonymousSession, startClientServer, stubApi, type ClientServer, type StubResponse } from "./support.js";

let server: ClientServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startClientServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const contactSession = {
  ...anonymousSession,
  authenticated: true,
  principal: {
    type: "contact",
    name: "J. de Vries",
    kvk: "12345678",
    accounts: [
      { organisationId: "a".repeat(24), kind: "school", code: "12AB", name: "OBS De Linde" },
      { organisationId: "b".repeat(24), kind: "board", code: "41234", name: "Stichting Primair Onderwijs Noord" },
    ],
    activeOrganisationId: "a".repeat(24),
    actingFor: null,
    effectiveOrganisationId: "a".repeat(24),
    schools: [],
  },
};

async function open(path: string, handlers: Record<string, (body: unknown) => StubResponse> = {}, locale = "nl") {
  const page = await newPage(browser);
  if (locale !== "nl") await page.addInitScript((l) => localStorage.setItem("balie.locale", l), locale);
  const api = await stubApi(page, { "GET /api/v1/session": () => ({ status: 200, body: anonymousSession }), ...handlers });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url + path);
  await page.locator("h1").waitFor();
  return { page, api, errors };
}

async function expectNoAxeViolations(page: Page) {
  const { report } = await runAxe(page);
  expect(report).toBe("");
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/identity-${name}.png`, fullPage: true });
}

/** Tab from the top of the page and list the accessible names of focused elements. */
async function tabOrder(page: Page, steps: number): Promise<string[]> {
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

const pages = [
  ["/inloggen", "Inloggen", "Log in"],
  ["/inloggen?fout=assurance_too_low", "Inloggen", "Log in"],
  ["/koppelen", "eHerkenning koppelen aan account", "Link eHerkenning to your account"],
  ["/koppelen?variant=activatiecode", "eHerkenning koppelen aan account", "Link eHerkenning to your account"],
  ["/koppelen/pincode", "Koppeling eHerkenning bevestigen", "Confirm eHerkenning link"],
  ["/wachtwoord-vergeten", "Wachtwoord vergeten", "Forgot your password"],
  ["/account-kiezen", "Account kiezen", "Choose an account"],
  ["/medewerker/inloggen", "Inloggen voor medewerkers", "Staff log in"],
] as const;

describe("identity pages", () => {
  for (const [path, nlTitle, enTitle] of pages) {
    for (const [locale, title] of [["nl", nlTitle], ["en", enTitle]] as const) {
      it(`${path} in ${locale}: heading, lang, no axe violations`, async () => {
        const handlers: Record<string, (body: unknown) => StubResponse> =
          path === "/account-kiezen" ? { "GET /api/v1/session": () => ({ status: 200, body: contactSession }) } : {};
        const { page, errors } = await open(path, handlers, locale);
        await expect.poll(() => page.locator("h1").textContent()).toBe(title);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        expect(await page.title()).toContain(title);
        expect(await page.locator("main").count()).toBe(1);
        await expectNoAxeViolations(page);
        await shot(page, `${path.replace(/[^a-z]+/g, "-").replace(/^-|-$/g, "")}-${locale}`);
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }
  }

  it("/inloggen: skip link first, then the language switch, then eHerkenning and the staff link", async () => {
    const { page } = await open("/inloggen");
    expect(await tabOrder(page, 6)).toEqual([
      "Naar de inhoud",
      "Balie, naar de startpagina",
      "Nederlands",
      "English",
      "eH3 Inloggen met eHerkenning",
      "Inloggen als medewerker",
    ]);
    expect(await page.getByRole("link", { name: /Inloggen met eHerkenning/ }).getAttribute("href")).toBe("/auth/eherkenning/start");
    await page.getByRole("link", { name: "Naar de inhoud" }).focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("hd-main");
    await page.context().close();
  });

  it("/inloggen?fout=assurance_too_low explains that EH3 is required", async () => {
    const { page } = await open("/inloggen?fout=assurance_too_low");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("minimaal niveau 3 (EH3)");
    await page.context().close();
  });

  it("switches language live, stores it and keeps it after a reload", async () => {
    const { page } = await open("/koppelen");
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Link eHerkenning to your account");
    expect(await page.getByLabel("Username").count()).toBe(1);
    expect(await page.getByRole("button", { name: "English" }).getAttribute("aria-pressed")).toBe("true");
    await page.reload();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Link eHerkenning to your account");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.context().close();
  });

  it("/koppelen: labelled fields in DUO's order, errors summarised and focused on an empty submit", async () => {
    const { page, api } = await open("/koppelen");
    expect(await tabOrder(page, 9)).toEqual([
      "Naar de inhoud",
      "Balie, naar de startpagina",
      "Nederlands",
      "English",
      "E-mail",
      "Gebruikersnaam",
      "Wachtwoord",
      "Wachtwoord vergeten?",
      "Gebruik dan uw activatiecode.",
    ]);
    expect(await page.getByLabel("Wachtwoord").getAttribute("autocomplete")).toBe("current-password");
    expect(await page.getByLabel("Gebruikersnaam").getAttribute("autocomplete")).toBe("username");
    await page.getByLabel("E-mail").focus();
    await page.keyboard.press("Enter");
    const summary = page.locator("hd-error-summary [role=alert]");
    await expect.poll(() => summary.textContent()).toContain("Niet alle gegevens zijn goed ingevuld.");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hd-error-summary__alert"))).toBe(true);
    expect(await page.getByLabel("E-mail").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("E-mail").getAttribute("aria-describedby")).toContain("hd-link-email-error");
    await expectNoAxeViolations(page);
    await shot(page, "koppelen-errors-nl");
    await page.getByRole("link", { name: /Gebruikersnaam: Vul dit veld in/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("hd-link-username");
    expect(api.calls.filter((c) => c.method === "POST")).toEqual([]);
    await page.context().close();
  });

  it("/koppelen: warns while typing a shared address, asks for confirmation after shared_email_address, then links", async () => {
    const { page, api } = await open("/koppelen", {
      "POST /api/v1/auth/link": (body) =>
        (body as { acceptSharedEmail?: boolean }).acceptSharedEmail
          ? { status: 202, body: { status: "pin_sent", emailMasked: "i***@obs-delinde.nl", pinExpiresAt: "2025-01-15T13:15:00.000Z" } }
          : { status: 422, body: { error: { id: "shared_email_address", message: "Algemeen adres" } } },
    });
    await page.getByLabel("E-mail").fill("info@obs-delinde.nl");
    await expect.poll(() => page.locator("#hd-link-email-warning").textContent()).toContain("algemeen e-mailadres");
    expect(await page.getByLabel("E-mail").getAttribute("aria-describedby")).toContain("hd-link-email-warning");
    await page.getByLabel("Gebruikersnaam").fill("obsdelinde");
    await page.getByLabel("Wachtwoord", { exact: true }).fill("geheim-wachtwoord");
    await page.keyboard.press("Enter");
    const confirm = page.getByLabel("Ja, ik wil dit e-mailadres toch gebruiken");
    await confirm.waitFor();
    await expectNoAxeViolations(page);
    await shot(page, "koppelen-shared-email-nl");
    await page.getByRole("button", { name: "Doorgaan" }).click();
    await expect.poll(() => page.locator("hd-error-summary").textContent()).toContain("Bevestig dat u dit algemene e-mailadres");
    await confirm.check();
    await page.getByRole("button", { name: "Doorgaan" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Koppeling eHerkenning bevestigen");
    expect(new URL(page.url()).pathname).toBe("/koppelen/pincode");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await expect.poll(() => page.locator("hd-pin-form").textContent()).toContain("i***@obs-delinde.nl");
    const posts = api.calls.filter((c) => c.method === "POST");
    expect(posts.map((c) => c.body)).toEqual([
      { variant: "password", username: "obsdelinde", password: "geheim-wachtwoord", email: "info@obs-delinde.nl" },
      { variant: "password", username: "obsdelinde", password: "geheim-wachtwoord", email: "info@obs-delinde.nl", acceptSharedEmail: true },
    ]);
    expect(posts.every((c) => c.headers["x-csrf-token"] === "csrf-test-token")).toBe(true);
    await page.context().close();
  });

  it("/koppelen activation variant: expired code tells them to ask the helpdesk", async () => {
    const { page } = await open("/koppelen", {
      "POST /api/v1/auth/link": () => ({ status: 410, body: { error: { id: "activation_code_expired", message: "Verlopen" } } }),
    });
    await page.getByRole("button", { name: "Gebruik dan uw activatiecode." }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("hd-link-activation-code");
    await page.getByLabel("E-mail").fill("j.devries@obs-delinde.nl");
    await page.getByLabel("Activatiecode").fill("K7QM-2XPA-9DHT-4RWC");
    await page.keyboard.press("Enter");
    const alert = page.locator("hd-auth-state [role=alert]");
    await expect.poll(() => alert.textContent()).toContain("Activatiecode verlopen");
    expect(await alert.textContent()).toContain("helpdeskp.o@balie.example");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hd-auth-state__alert"))).toBe(true);
    await expectNoAxeViolations(page);
    await shot(page, "koppelen-code-expired-nl");
    await page.context().close();
  });

  it("/koppelen/pincode: numeric one-time-code input; wrong PIN then blocked until HH:MM Amsterdam time", async () => {
    let attempts = 0;
    const { page } = await open("/koppelen/pincode", {
      "POST /api/v1/auth/link/confirm": () =>
        ++attempts < 2
          ? { status: 401, body: { error: { id: "invalid_pin", message: "Onjuist" } } }
          : { status: 423, body: { error: { id: "account_blocked", message: "Geblokkeerd", details: { blockedUntil: "2030-01-15T13:20:00.000Z" } } } },
    });
    const pin = page.getByLabel("Pincode");
    expect(await pin.getAttribute("inputmode")).toBe("numeric");
    expect(await pin.getAttribute("autocomplete")).toBe("one-time-code");
    await pin.fill("12a");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("hd-error-summary").textContent()).toContain("Vul de pincode van 6 cijfers in.");
    await pin.fill("123456");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("hd-error-summary").textContent()).toContain("De pincode is niet juist.");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("hd-error-summary__alert"))).toBe(true);
    await shot(page, "pincode-wrong-nl");
    await pin.fill("654321");
    await page.getByRole("button", { name: "Bevestigen" }).click();
    const alert = page.locator("hd-auth-state [role=alert]");
    await expect.poll(() => alert.textContent()).toContain("geblokkeerd tot 15 januari 14:20");
    await expectNoAxeViolations(page);
    await shot(page, "pincode-blocked-nl");
    await page.context().close();
  });

  it("/wachtwoord-vergeten: confirms the mail goes to the gemachtigde", async () => {
    const { page, api } = await open("/wachtwoord-vergeten", {
      "POST /api/v1/auth/password-forgotten": () => ({ status: 202, body: {} }),
    });
    expect(await page.locator("main").textContent()).toContain("gemachtigde van de school");
    await page.getByLabel("Gebruikersnaam").fill("obsdelinde");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("status").textContent()).toContain("gemachtigde van de school");
    expect(api.calls.find((c) => c.method === "POST")?.body).toEqual({ username: "obsdelinde" });
    await expectNoAxeViolations(page);
    await shot(page, "wachtwoord-vergeten-done-nl");
    await page.context().close();
  });

  it("/account-kiezen: lists linked accounts, switches, and offers Account toevoegen", async () => {
    const { page, api } = await open("/account-kiezen", {
      "GET /api/v1/session": () => ({ status: 200, body: contactSession }),
      "POST /api/v1/session/switch": () => ({ status: 200, body: contactSession }),
    });
    await page.route("**/portaal", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Portaal</h1>" }));
    await page.getByRole("button", { name: "Werken voor Stichting Primair Onderwijs Noord" }).waitFor();
    expect(await page.getByRole("link", { name: "Account toevoegen" }).getAttribute("href")).toBe("/koppelen?toevoegen=1");
    await page.getByRole("button", { name: "Werken voor Stichting Primair Onderwijs Noord" }).click();
    await page.waitForURL("**/portaal");
    expect(api.calls.find((c) => c.path === "/api/v1/session/switch")?.body).toEqual({ organisationId: "b".repeat(24) });
    await page.context().close();
  });

  it("/medewerker/inloggen: wrong password is announced and focused", async () => {
    const { page } = await open("/medewerker/inloggen", {
      "POST /api/v1/auth/agent/login": () => ({ status: 401, body: { error: { id: "invalid_credentials", message: "x" } } }),
    });
    await page.getByLabel("Gebruikersnaam").fill("agent1");
    await page.getByLabel("Wachtwoord").fill("fout");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("hd-error-summary [role=alert]").textContent()).toContain(
      "De gebruikersnaam of het wachtwoord is niet juist.",
    );
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
