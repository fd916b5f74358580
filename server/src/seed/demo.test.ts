import { verify } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { AgentModel } from "../modules/agents/agent.model.js";
import { ArchiveItemModel } from "../modules/archive/archive-item.model.js";
import { ContactMomentModel } from "../modules/contact-moments/contact-moment.model.js";
import { EvaluationModel } from "../modules/evaluations/evaluation.model.js";
import { GtbReportModel } from "../modules/gtb/gtb-report.model.js";
import { NewsItemModel } from "../modules/news/news-item.model.js";
import { OrganisationModel, organisationRuleViolations } from "../modules/organisations/organisation.model.js";
import { isBestuursnummer, isBranchCode, isInstellingscode } from "../contracts/api/values.js";
import { buildDemoData, DEMO_PASSWORD, type DemoData } from "./demo.js";
import { HISTORY_DAYS } from "./history.js";

const ANCHOR = new Date("2025-03-14T10:30:00Z");
const data: DemoData = await buildDemoData({ anchor: ANCHOR });
const schools = data.organisations.filter((o) => o.kind === "school");
const boards = data.organisations.filter((o) => o.kind === "board");

/** Hour and minute on the wall clock in Amsterdam. */
function amsterdamTime(date: Date): string {
  return date.toLocaleTimeString("nl-NL", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit" });
}

describe(buildDemoData.name, () => {
  it("is deterministic: the same anchor gives the same data, byte for byte", async () => {
    const again = await buildDemoData({ anchor: ANCHOR });
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });

  it("changes with the seed", async () => {
    const other = await buildDemoData({ anchor: ANCHOR, seed: 1 });
    expect(JSON.stringify(other.organisations)).not.toBe(JSON.stringify(data.organisations));
  });

  it("has 2 boards with 3 schools each, valid codes and 1-3 vestigingen per school", () => {
    expect(boards).toHaveLength(2);
    expect(schools).toHaveLength(6);
    for (const board of boards) {
      expect(isBestuursnummer(board.code)).toBe(true);
      expect(schools.filter((s) => s.boardId?.equals(board._id))).toHaveLength(3);
    }
    for (const school of schools) {
      expect(isInstellingscode(school.code)).toBe(true);
      expect(school.branches.length).toBeGreaterThanOrEqual(1);
      expect(school.branches.length).toBeLessThanOrEqual(3);
      for (const branch of school.branches) expect(isBranchCode(branch.code, school.code)).toBe(true);
    }
  });

  it("gives every school a gemachtigde and every board at most one", () => {
    for (const org of data.organisations) {
      expect(org.contacts.length).toBeGreaterThanOrEqual(2);
      expect(org.contacts.length).toBeLessThanOrEqual(5);
      expect(organisationRuleViolations(org, { requireAuthorised: true })).toEqual([]);
      const authorised = org.contacts.filter((c) => c.roles.includes("authorised")).length;
      if (org.kind === "school") expect(authorised).toBeGreaterThanOrEqual(1);
      else expect(authorised).toBeLessThanOrEqual(1);
    }
    // One board with and one without a gemachtigde, so both cases show in the demo.
    expect(boards.map((b) => b.contacts.some((c) => c.roles.includes("authorised")))).toEqual([true, false]);
  });

  it("passes every model's validation", async () => {
    const checks: [typeof OrganisationModel | typeof AgentModel | typeof ContactMomentModel | typeof ArchiveItemModel | typeof NewsItemModel | typeof EvaluationModel | typeof GtbReportModel, object[]][] = [
      [OrganisationModel, data.organisations],
      [AgentModel, data.agents],
      [ContactMomentModel, data.contactMoments],
      [ArchiveItemModel, data.archiveItems],
      [NewsItemModel, data.newsItems],
      [EvaluationModel, data.evaluations],
      [GtbReportModel, data.gtbReports],
    ];
    for (const [Model, docs] of checks) {
      for (const doc of docs) {
        const error = await new Model(doc).validate().then(() => undefined, (err: Error) => err.message);
        expect(error, `${Model.modelName}: ${JSON.stringify(doc).slice(0, 200)}`).toBeUndefined();
      }
    }
  });

  it("never repeats an ObjectId", () => {
    const ids = [
      ...data.organisations.flatMap((o) => [o._id, ...o.contacts.map((c) => c._id)]),
      ...data.agents.map((a) => a._id),
      ...data.contactMoments.map((m) => m._id),
      ...data.archiveItems.map((a) => a._id),
      ...data.newsItems.map((n) => n._id),
      ...data.evaluations.map((e) => e._id),
      ...data.gtbReports.map((g) => g._id),
      ...data.files.map((f) => f._id),
    ].map(String);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has 3 agents and a supervisor whose argon2id hashes verify the demo password", async () => {
    expect(data.agents.map((a) => a.role).sort()).toEqual(["agent", "agent", "agent", "supervisor"]);
    for (const agent of data.agents) {
      expect(agent.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verify(agent.passwordHash, DEMO_PASSWORD)).toBe(true);
    }
  });

  it("spreads 200 contact moments over the 18 months before the anchor, on every channel", () => {
    expect(data.contactMoments).toHaveLength(200);
    const oldest = ANCHOR.getTime() - (HISTORY_DAYS + 3) * 86_400_000;
    for (const moment of data.contactMoments) {
      expect(moment.startedAt.getTime()).toBeLessThan(ANCHOR.getTime());
      expect(moment.startedAt.getTime()).toBeGreaterThan(oldest);
      const weekday = moment.startedAt.toLocaleDateString("en-US", { timeZone: "Europe/Amsterdam", weekday: "short" });
      expect(["Sat", "Sun"]).not.toContain(weekday);
      if (moment.endedAt) expect(moment.endedAt.getTime()).toBeGreaterThan(moment.startedAt.getTime());
      if (moment.channel === "chat") {
        expect(amsterdamTime(moment.startedAt) >= "09:00" && amsterdamTime(moment.startedAt) < "16:00").toBe(true);
      }
    }
    expect(new Set(data.contactMoments.map((m) => m.channel))).toEqual(new Set(["chat", "phone", "email", "letter", "portal"]));
    for (const school of schools) {
      expect(data.contactMoments.filter((m) => m.organisationId.equals(school._id) && m.boardId?.equals(school.boardId!))).toHaveLength(30);
    }
  });

  it("links e-mail and letter moments to archive items of the same organisation", () => {
    const archive = new Map(data.archiveItems.map((a) => [String(a._id), a]));
    for (const moment of data.contactMoments.filter((m) => m.channel === "email" || m.channel === "letter")) {
      const item = archive.get(String(moment.links.archiveItemId));
      expect(item?.organisationId.equals(moment.organisationId)).toBe(true);
    }
  });

  it("fills the archive in both directions with e-mails (bodies) and documents (real files)", () => {
    const kinds = new Set(data.archiveItems.map((a) => `${a.kind}:${a.direction}`));
    expect(kinds).toEqual(new Set(["email:to_helpdesk", "email:from_helpdesk", "document:to_helpdesk", "document:from_helpdesk"]));
    const files = new Map(data.files.map((f) => [String(f._id), f]));
    for (const item of data.archiveItems) {
      if (item.kind === "email") expect(item.body?.length).toBeGreaterThan(20);
      else expect(files.get(String(item.file?.fileId))?.data.length).toBe(item.file?.size);
    }
    for (const org of data.organisations) expect(data.archiveItems.some((a) => a.organisationId.equals(org._id))).toBe(true);
  });

  it("makes valid PDFs: header, trailer and an xref table whose offsets point at their objects", () => {
    const pdfs = data.files.filter((f) => f.contentType === "application/pdf");
    expect(pdfs.length).toBeGreaterThan(8);
    for (const pdf of pdfs) {
      const text = pdf.data.toString("latin1");
      expect(text.startsWith("%PDF-1.4\n")).toBe(true);
      expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
      const xrefAt = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
      expect(text.slice(xrefAt, xrefAt + 4)).toBe("xref");
      const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
      offsets.forEach((offset, i) => expect(text.slice(offset, offset + 8)).toBe(`${i + 1} 0 obj\n`));
    }
    expect(data.files.some((f) => f.contentType === "text/plain")).toBe(true);
  });

  it("publishes six news items: for all (one withdrawn), per sector, and targeted", () => {
    expect(data.newsItems).toHaveLength(6);
    expect(data.newsItems.filter((n) => n.withdrawnAt)).toHaveLength(1);
    expect(data.newsItems.filter((n) => n.audience.type === "sector").map((n) => n.audience.sector).sort()).toEqual(["po", "so"]);
    expect(data.newsItems.filter((n) => n.audience.type === "organisations")).toHaveLength(1);
    for (const item of data.newsItems) expect(item.publishedAt.getTime()).toBeLessThan(ANCHOR.getTime());
  });

  it("has evaluations for some organisations and none for others", () => {
    const evaluated = new Set(data.evaluations.map((e) => String(e.organisationId)));
    expect(evaluated.size).toBeGreaterThan(0);
    expect(schools.some((s) => !evaluated.has(String(s._id)))).toBe(true);
    for (const e of data.evaluations) expect(e.publishedAt.getTime()).toBeLessThan(ANCHOR.getTime());
  });

  it("gives each school a GTB overview with 3-4 peildata on 1 October, bijgewerkt tot 8 December 2021", () => {
    expect(data.gtbReports).toHaveLength(6);
    for (const report of data.gtbReports) {
      expect(report.updatedUntil.toISOString()).toBe("2021-12-08T00:00:00.000Z");
      expect(report.counts.length).toBeGreaterThanOrEqual(3);
      expect(report.counts.length).toBeLessThanOrEqual(4);
      for (const count of report.counts) expect(count.referenceDate.toISOString()).toMatch(/^20(18|19|20|21)-10-01T00:00:00.000Z$/);
    }
  });
});
