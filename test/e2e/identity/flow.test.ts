/**
 * The eHerkenning flow of issue 3 in Chromium, end to end against the real server: the simulated broker ("Maak
 * een keuze" → supplier → test identity at EH3), the koppelpagina with an activation code, the PIN read from the
 * mail that went over SMTP and typed keyboard-only, the portal of the school; logging out from the profile menu
 * and back in without linking; "Account toevoegen" for a second school with a new PIN and switching between the
 * two; EH2 refused with the explanation on /inloggen. axe on /koppelen, /koppelen/pincode and the refusal.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EherkenningLinkModel } from "../../../server/src/modules/identity/eherkenning-link.model.js";
import { createBoardWithSchools } from "../../factories/index.js";
import { createAccount, LOA2, person, type TestIdentity } from "../../harness/login.js";
import { expectNoAxeViolations, openPage } from "../portal/support.js";
import { ehLoginInBrowser, expectHeading, focusedId, linkWithActivationCode, shot, startIdentityEnv, type IdentityEnv } from "./support.js";

let env: IdentityEnv;
let page: Page;
let errors: string[];
let identity: TestIdentity;
let first: { id: string; name: string; code: string };
let second: { id: string; name: string; code: string };
/** Every URL the page's main frame visited. */
const visited: string[] = [];

beforeAll(async () => {
  env = await startIdentityEnv();
  const { board, schools } = await createBoardWithSchools(2, { kvkNumber: "43000001" });
  const [a, b] = schools as [(typeof schools)[0], (typeof schools)[0]];
  await a.updateOne({ name: "OBS De Linde" });
  await b.updateOne({ name: "CBS Het Kompas" });
  const codeA = await createAccount(a._id, { username: "flow-linde", activationCode: true });
  const codeB = await createAccount(b._id, { username: "flow-kompas", activationCode: true });
  first = { id: String(a._id), name: "OBS De Linde", code: codeA.activationCode! };
  second = { id: String(b._id), name: "CBS Het Kompas", code: codeB.activationCode! };
  // The person acts for the school's board at the broker: the board's KvK number.
  identity = { ...person(board.kvkNumber!), name: "J. de Vries" };
  ({ page, errors } = await openPage(env));
  page.setDefaultTimeout(10_000);
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
});

afterAll(async () => {
  await env?.stop();
});

const path = () => new URL(page.url()).pathname;
const portalHeading = () => page.locator("hd-portal-app h1").textContent();

async function openProfileMenu(): Promise<void> {
  await page.getByRole("button", { name: /profielmenu/ }).click();
  await page.locator(".hd-profile-menu__panel").waitFor();
}

describe("eHerkenning in the browser", () => {
  it("first login with an unknown identity lands on the koppelpagina", async () => {
    const landed = await ehLoginInBrowser(page, env, identity);
    expect(landed.pathname).toBe("/koppelen");
    await expectHeading(page, "eHerkenning koppelen aan account");
    await expectNoAxeViolations(page);
    // The activation code variant, as a new school gets it.
    await page.getByRole("button", { name: "Gebruik dan uw activatiecode." }).click();
    expect(await focusedId(page)).toBe("hd-link-activation-code");
    await expectNoAxeViolations(page);
    await shot(page, "flow-koppelen-activatiecode");
  });

  let pin = "";
  it("sends a PIN over SMTP to the personal address after the activation code", async () => {
    const email = "j.devries@persoonlijk.example.nl";
    pin = await linkWithActivationCode(page, env, first.code, email);
    expect(pin).toMatch(/^\d{6}$/);
    await expectHeading(page, "Koppeling eHerkenning bevestigen");
    await expect.poll(() => page.locator("hd-pin-form").textContent()).toContain("j***@persoonlijk.example.nl");
    const mail = env.smtp.mailsTo(email).at(-1)!;
    expect(mail.text).toContain(first.name);
    expect(mail.text).not.toContain(first.code);
    await expectNoAxeViolations(page);
    await shot(page, "flow-pincode");
  });

  it("confirms the PIN keyboard-only and lands in the school's portal", async () => {
    // In-page navigation put focus on the h1; one Tab reaches the PIN field.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await page.keyboard.press("Tab");
    expect(await focusedId(page)).toBe("hd-pin");
    await page.keyboard.type(pin);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/portaal/${first.id}/mijn-gegevens`);
    await expect.poll(portalHeading).toContain(first.name);
    expect(await EherkenningLinkModel.countDocuments({ pseudonym: identity.pseudonym })).toBe(1);
    await shot(page, "flow-portal-first");
  });

  it("logs out from the profile menu to /inloggen", async () => {
    await openProfileMenu();
    expect(await page.locator(".hd-profile-menu__panel").textContent()).toContain(`Ingelogd als ${identity.name}`);
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.waitForURL(/\/inloggen(\?|$)/);
    await expect.poll(() => page.locator("main").textContent()).toContain("U bent uitgelogd.");
    // The session is gone on the server: the portal sends the visitor back to /inloggen.
    await page.goto(`${env.server.url}/portaal/${first.id}/mijn-gegevens`);
    await page.waitForURL(/\/inloggen$/);
  });

  it("logs in again with the same identity straight into the portal, without the koppelpagina", async () => {
    visited.length = 0;
    const landed = await ehLoginInBrowser(page, env, identity);
    expect(landed.pathname).toMatch(/^\/portaal/);
    await page.waitForURL(`**/portaal/${first.id}/mijn-gegevens`);
    await expect.poll(portalHeading).toContain(first.name);
    expect(visited.filter((u) => new URL(u).pathname.startsWith("/koppelen"))).toEqual([]);
    expect(visited.some((u) => new URL(u).pathname.startsWith("/eh-sim"))).toBe(true);
  });

  it("adds a second school from the profile menu with a new PIN", async () => {
    await openProfileMenu();
    await page.getByRole("link", { name: "Account toevoegen" }).click();
    await page.waitForURL(/\/koppelen\?toevoegen=1$/);
    await expectHeading(page, "Account toevoegen");
    const email = "j.devries.kompas@persoonlijk.example.nl";
    const secondPin = await linkWithActivationCode(page, env, second.code, email);
    expect(env.smtp.mailsTo(email)).toHaveLength(1);
    expect(env.smtp.mailsTo(email)[0]!.text).toContain(second.name);
    await page.getByLabel("Pincode").fill(secondPin);
    await page.getByRole("button", { name: "Bevestigen" }).click();
    await page.waitForURL(/\/portaal\/[0-9a-f]{24}\/mijn-gegevens$/);
    await expect.poll(portalHeading).toContain(second.name);
    expect(path()).toBe(`/portaal/${second.id}/mijn-gegevens`);
    expect(await EherkenningLinkModel.countDocuments({ pseudonym: identity.pseudonym })).toBe(2);
  });

  it("switches between the two schools from the profile menu", async () => {
    await openProfileMenu();
    const panel = page.locator(".hd-profile-menu__panel");
    expect(await panel.locator("[aria-current=true]").textContent()).toContain(second.name);
    await panel.getByRole("button", { name: new RegExp(first.name) }).click();
    await page.waitForURL(`**/portaal/${first.id}/mijn-gegevens`);
    await expect.poll(portalHeading).toContain(first.name);
    await openProfileMenu();
    await panel.getByRole("button", { name: new RegExp(second.name) }).click();
    await page.waitForURL(`**/portaal/${second.id}/mijn-gegevens`);
    await expect.poll(portalHeading).toContain(second.name);
    await shot(page, "flow-portal-second");
    expect(errors).toEqual([]);
  });

  it("refuses EH2 at the broker with the assurance-level explanation on /inloggen", async () => {
    const { page: other, errors: otherErrors } = await openPage(env);
    const landed = await ehLoginInBrowser(other, env, { ...identity, acr: LOA2 });
    expect(landed.pathname).toBe("/inloggen");
    expect(landed.searchParams.get("fout")).toBe("assurance_too_low");
    await expect.poll(() => other.getByRole("alert").textContent()).toContain("minimaal niveau 3 (EH3)");
    // Nobody was logged in.
    expect(await other.evaluate(() => fetch("/api/v1/session").then((r) => r.json()).then((s: { authenticated: boolean }) => s.authenticated))).toBe(false);
    await expectNoAxeViolations(other);
    await shot(other, "flow-eh2-refused");
    expect(otherErrors).toEqual([]);
    await other.context().close();
  });
});
