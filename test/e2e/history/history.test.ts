/**
 * The contact history tabs in Chromium against the real backend (Vite-built client, in-process Balie, login
 * through the eHerkenning simulator's pages, no request stubs): a school uploads a PDF and sees it at the top of
 * its Digitaal archief, opens an e-mail from the helpdesk, pages through its contact moments and filters them;
 * Evaluaties (empty state) and GTB-overzicht; a board filters its history by school. axe on every state;
 * screenshots in /tmp/history-*.png.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArchiveItemModel } from "../../../server/src/modules/archive/archive-item.model.js";
import { GtbReportModel } from "../../../server/src/modules/gtb/gtb-report.model.js";
import { makePdf } from "../../../server/src/seed/files.js";
import { createBoardWithSchools, createContactMoment } from "../../factories/index.js";
import { loginAsContactWithIdentity } from "../../harness/login.js";
import { expectNoAxeViolations, loginInBrowser, openPage, startPortalEnv, type PortalEnv } from "../portal/support.js";

let env: PortalEnv;
let schoolA1: string;
let schoolA2: string;
let schoolA2Name: string;
let boardId: string;
const EMAIL_TEXT = "Beste mevrouw De Vries,\n\nDe signalering over de uitschrijving is opgelost.\n\nMet vriendelijke groet,\nHelpdesk primair onderwijs";

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/history-${name}.png`, fullPage: true });
const openTab = async (page: Page, name: string) => {
  await page.getByRole("tab", { name }).click();
};

beforeAll(async () => {
  env = await startPortalEnv();
  const { board, schools } = await createBoardWithSchools(2, { name: "Stichting Openbaar Onderwijs De Delta" });
  boardId = String(board._id);
  schoolA1 = String(schools[0]!._id);
  schoolA2 = String(schools[1]!._id);
  schoolA2Name = schools[1]!.name;
  const channels = ["phone", "chat", "email", "phone", "letter", "portal"] as const;
  for (let i = 0; i < 30; i++) {
    await createContactMoment({
      organisationId: schools[0]!._id,
      boardId: board._id,
      channel: channels[i % channels.length],
      subject: `Vraag ${i + 1} over de uitwisseling`,
      startedAt: new Date(Date.UTC(2025, 0, 2 + i, 9, 30)),
    });
  }
  for (let i = 0; i < 3; i++) {
    await createContactMoment({ organisationId: schools[1]!._id, boardId: board._id, subject: `Vraag van school twee ${i + 1}`, startedAt: new Date(Date.UTC(2025, 1, 2 + i, 10)) });
  }
  await ArchiveItemModel.create({
    organisationId: schools[0]!._id,
    direction: "from_helpdesk",
    kind: "email",
    subject: "Re: signalering uitschrijving",
    body: EMAIL_TEXT,
    sentAt: new Date(Date.UTC(2025, 2, 3, 10)),
    sentBy: { name: "Medewerker Helpdesk" },
  });
  await GtbReportModel.create({
    organisationId: schools[0]!._id,
    updatedUntil: new Date(Date.UTC(2021, 11, 8)),
    counts: [
      { referenceDate: new Date(Date.UTC(2019, 9, 1)), pupils: 212 },
      { referenceDate: new Date(Date.UTC(2020, 9, 1)), pupils: 220 },
      { referenceDate: new Date(Date.UTC(2021, 9, 1)), pupils: 1231 },
    ],
  });
});

afterAll(async () => {
  await env?.stop();
});

describe("a school's history tabs", () => {
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    const { identity } = await loginAsContactWithIdentity(env.server, [(await import("mongoose")).Types.ObjectId.createFromHexString(schoolA1)]);
    ({ page, errors } = await openPage(env));
    page.setDefaultTimeout(10_000);
    await loginInBrowser(page, env, identity);
  });

  it("uploads a PDF and sees it at the top of the Digitaal archief", async () => {
    await openTab(page, "Digitaal archief");
    await page.locator("hd-tab-archive table tbody tr").first().waitFor();
    await shot(page, "archive");
    await expectNoAxeViolations(page);

    await page.getByLabel("Onderwerp").fill("Toelichting op de telling");
    await page.getByLabel("Bestand").setInputFiles({ name: "toelichting.pdf", mimeType: "application/pdf", buffer: makePdf("Toelichting", ["Zie de telling."]) });
    await page.getByRole("button", { name: "Versturen" }).click();
    await expect.poll(() => page.locator("hd-tab-archive tbody tr").first().locator("td").nth(1).textContent()).toContain("Toelichting op de telling");
    await expect.poll(() => page.locator("hd-tab-archive .hd-history__upload [role=status]").textContent()).toContain("is verstuurd");
    // Focus is on the new item's subject, so the person can open it at once.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toContain("Toelichting op de telling");
    await shot(page, "archive-uploaded");
    await expectNoAxeViolations(page);
  });

  it("refuses a renamed HTML file with a clear message at the file field", async () => {
    await page.getByLabel("Onderwerp").fill("Geen echte PDF");
    await page.getByLabel("Bestand").setInputFiles({ name: "brief.pdf", mimeType: "application/pdf", buffer: Buffer.from("<!doctype html><script>alert(1)</script>") });
    await page.getByRole("button", { name: "Versturen" }).click();
    await expect.poll(() => page.locator("#hd-archive-upload-file-error").textContent()).toContain("Dit soort bestand kunt u niet versturen");
    expect(await page.getAttribute("#hd-archive-upload-file", "aria-invalid")).toBe("true");
    await shot(page, "archive-refused");
    await expectNoAxeViolations(page);
  });

  it("opens an e-mail from the helpdesk as text; Sluiten returns focus to the subject", async () => {
    const subject = page.getByRole("button", { name: "Re: signalering uitschrijving" });
    await subject.click();
    const detail = page.locator("hd-tab-archive .hd-history__detail");
    await detail.waitFor();
    expect(await detail.locator(".hd-history__text").textContent()).toBe(EMAIL_TEXT);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("hd-archive-detail-heading");
    await shot(page, "archive-email");
    await expectNoAxeViolations(page);
    await detail.getByRole("button", { name: "Sluiten" }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Re: signalering uitschrijving");
  });

  it("pages through the contact moments with Meer laden and filters by channel", async () => {
    await openTab(page, "Ondersteuning en contact");
    const items = page.locator("hd-tab-support ol > li");
    await expect.poll(() => items.count()).toBe(25);
    // The upload above added a portal moment: 31 in all, newest first.
    expect(await items.first().locator("h3").textContent()).toBe("Toelichting op de telling");
    await shot(page, "support");
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Meer laden" }).click();
    await expect.poll(() => items.count()).toBe(31);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("hd-support-item-25");
    await expect.poll(() => page.locator("hd-tab-support [role=status]").textContent()).toContain("6 extra items geladen");
    expect(await page.getByRole("button", { name: "Meer laden" }).count()).toBe(0);
    expect(await page.locator("hd-tab-support").textContent()).toContain("Dit is het einde van de lijst.");

    await page.getByLabel("Kanaal").selectOption("phone");
    await page.getByRole("button", { name: "Filter toepassen" }).click();
    await expect.poll(() => items.count()).toBe(10);
    const metas = await page.locator("hd-tab-support ol > li .hd-history__meta:first-of-type").allTextContents();
    expect(metas.every((m) => m.includes("Telefoon"))).toBe(true);
    await shot(page, "support-filtered");
    await expectNoAxeViolations(page);
  });

  it("shows the honest empty state of Evaluaties and the GTB table", async () => {
    await openTab(page, "Evaluaties");
    await expect.poll(() => page.locator("hd-tab-evaluations").textContent()).toContain("Er zijn nog geen evaluaties");
    await shot(page, "evaluations");
    await expectNoAxeViolations(page);

    await openTab(page, "GTB-overzicht");
    const table = page.getByRole("table", { name: "Aantal leerlingen per peildatum" });
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(3);
    expect(await table.locator("tbody tr").last().textContent()).toContain("1.231");
    expect(await page.locator("hd-tab-gtb").textContent()).toContain("Bijgewerkt tot 8 december 2021");
    await shot(page, "gtb");
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});

describe("a board's history per school", () => {
  it("filters the contact moments of its schools by school, with counts", async () => {
    const { identity } = await loginAsContactWithIdentity(env.server, [(await import("mongoose")).Types.ObjectId.createFromHexString(boardId)]);
    const { page, errors } = await openPage(env);
    page.setDefaultTimeout(10_000);
    await loginInBrowser(page, env, identity);
    await openTab(page, "Ondersteuning en contact");
    const scope = page.getByLabel("Contactmomenten van");
    await expect.poll(async () => (await scope.locator("option").allTextContents()).join("|")).toContain(`${schoolA2Name}`);
    const options = await scope.locator("option").allTextContents();
    expect(options).toContain("alle scholen (34)");
    expect(options.some((o) => o.startsWith(schoolA2Name) && o.endsWith(": 3"))).toBe(true);

    await scope.selectOption(schoolA2);
    await page.getByRole("button", { name: "Filter toepassen" }).click();
    const items = page.locator("hd-tab-support ol > li");
    await expect.poll(() => items.count()).toBe(3);
    expect((await items.locator("h3").allTextContents()).every((s) => s.startsWith("Vraag van school twee"))).toBe(true);
    await shot(page, "board-support");
    await expectNoAxeViolations(page);

    await scope.selectOption("all");
    await page.getByRole("button", { name: "Filter toepassen" }).click();
    await expect.poll(() => items.count()).toBe(25);
    expect(await page.locator("hd-tab-support").textContent()).toContain(`School: ${schoolA2Name}`);
    expect(errors).toEqual([]);
  });
});
