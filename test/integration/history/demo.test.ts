/** The demo seed fills every history tab, and its files download through the real routes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArchivePage, ContactMomentCounts, ContactMomentPage, EvaluationList, GtbOverview } from "../../../server/src/contracts/api/history.js";
import { OrganisationModel } from "../../../server/src/modules/organisations/organisation.model.js";
import type { HttpClient } from "../../harness/http-client.js";
import { loginAsAgent, startSimulatorServer } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";

let server: TestServer;
let agent: HttpClient;
beforeAll(async () => {
  server = await startSimulatorServer({ SEED_DEMO: "true" });
  agent = await loginAsAgent(server);
});
afterAll(async () => {
  await server?.stop();
});

describe("demo data in the history tabs", () => {
  it("a seeded school has contact moments, archive items with downloadable files, GTB counts and evaluations", async () => {
    const school = await OrganisationModel.findOne({ kind: "school", code: "12AB" }).lean().exec();
    expect(school).not.toBeNull();
    const base = `/api/v1/organisations/${String(school!._id)}`;
    const moments = await agent.get<ContactMomentPage>(`${base}/contact-moments`);
    expect(moments.body.items).toHaveLength(25);
    expect(moments.body.nextCursor).not.toBeNull();
    const archive = await agent.get<ArchivePage>(`${base}/archive`);
    expect(archive.body.items.length).toBeGreaterThan(0);
    const withFile = archive.body.items.find((i) => i.file)!;
    const download = await agent.request(withFile.file!.downloadUrl);
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBe(withFile.file!.size);
    const gtb = await agent.get<GtbOverview>(`${base}/gtb`);
    expect(gtb.body.updatedUntil).toBe("2021-12-08");
    expect(gtb.body.counts.length).toBeGreaterThanOrEqual(3);
    const evaluations = await agent.get<EvaluationList>(`${base}/evaluations`);
    expect(evaluations.body.items.length).toBe(2);
    const evalFile = await agent.request(evaluations.body.items[0]!.file!.downloadUrl);
    expect(evalFile.status).toBe(200);
    await evalFile.arrayBuffer();
  });

  it("a seeded board sees its schools' moments with counts", async () => {
    const board = await OrganisationModel.findOne({ kind: "board" }).sort({ code: 1 }).lean().exec();
    const counts = await agent.get<ContactMomentCounts>(`/api/v1/organisations/${String(board!._id)}/contact-moment-counts`);
    expect(counts.status).toBe(200);
    expect(counts.body.schools.length).toBeGreaterThan(0);
    expect(counts.body.total).toBe(counts.body.schools.reduce((s, x) => s + x.count, 0));
    expect(counts.body.total).toBeGreaterThan(0);
  });
});
