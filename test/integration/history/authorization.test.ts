/**
 * Authorization matrix for every contact history route: who may call it for which organisation. Each row is a
 * caller and the organisation in the path; fixtures exist for every organisation used, so a 200/201 means the
 * call really succeeded and a 403/404 is the policy, not missing data.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveBucket } from "../../../server/src/modules/archive/archive-files.js";
import { ArchiveItemModel } from "../../../server/src/modules/archive/archive-item.model.js";
import { EvaluationModel } from "../../../server/src/modules/evaluations/evaluation.model.js";
import { GtbReportModel } from "../../../server/src/modules/gtb/gtb-report.model.js";
import { makePdf } from "../../../server/src/seed/files.js";
import type { HttpClient } from "../../harness/http-client.js";
import { startHistoryEnv, upload, type HistoryEnv } from "./env.js";

let env: HistoryEnv;
const fixtures = new Map<string, { itemId: string; evaluationId: string }>();

async function fixturesFor(org: Types.ObjectId): Promise<void> {
  const pdf = makePdf("Evaluatie", ["Tekst"]);
  const upload = archiveBucket().openUploadStream("evaluatie.pdf");
  await pipeline(Readable.from([pdf]), upload);
  const file = { fileId: upload.id, filename: "evaluatie.pdf", contentType: "application/pdf", size: pdf.length };
  const item = await ArchiveItemModel.create({
    organisationId: org, direction: "from_helpdesk", kind: "document", subject: "Brief", body: "Tekst", file, sentAt: new Date(), sentBy: { name: "Helpdesk" },
  });
  const evaluation = await EvaluationModel.create({
    organisationId: org, title: "Evaluatie 2024-2025", periodStart: new Date("2024-08-01"), periodEnd: new Date("2025-07-31"), publishedAt: new Date(), summary: "Goed.", file,
  });
  await GtbReportModel.create({ organisationId: org, updatedUntil: new Date("2021-12-08"), counts: [{ referenceDate: new Date("2021-10-01"), pupils: 200 }] });
  fixtures.set(String(org), { itemId: String(item._id), evaluationId: String(evaluation._id) });
}

beforeAll(async () => {
  env = await startHistoryEnv();
  await fixturesFor(env.world.schoolA1);
  await fixturesFor(env.world.boardA);
});
afterAll(async () => {
  await env?.stop();
});

type Row = "anonymous" | "schoolOwn" | "schoolOther" | "boardOwn" | "boardOwnSchool" | "boardOtherSchool" | "agent" | "supervisor";
const ROWS: Row[] = ["anonymous", "schoolOwn", "schoolOther", "boardOwn", "boardOwnSchool", "boardOtherSchool", "agent", "supervisor"];

/** Caller and the organisation in the path, per row. */
function rowTarget(row: Row): { client: HttpClient; org: Types.ObjectId } {
  const { people, world } = env;
  switch (row) {
    case "anonymous": return { client: people.anonymous, org: world.schoolA1 };
    case "schoolOwn": return { client: people.schoolA1, org: world.schoolA1 };
    case "schoolOther": return { client: people.schoolA2, org: world.schoolA1 };
    case "boardOwn": return { client: people.boardA, org: world.boardA };
    case "boardOwnSchool": return { client: people.boardA, org: world.schoolA1 };
    case "boardOtherSchool": return { client: people.boardB, org: world.schoolA1 };
    case "agent": return { client: people.agent, org: world.schoolA1 };
    case "supervisor": return { client: people.supervisor, org: world.schoolA1 };
  }
}

interface RouteCase {
  name: string;
  call(client: HttpClient, org: Types.ObjectId): Promise<number>;
  /** Expected status per row, in {@link ROWS} order. */
  expected: number[];
}

const o = (org: Types.ObjectId) => `/api/v1/organisations/${String(org)}`;
const fx = (org: Types.ObjectId) => fixtures.get(String(org)) ?? { itemId: "0".repeat(24), evaluationId: "0".repeat(24) };
const get = (path: (org: Types.ObjectId) => string) => async (c: HttpClient, org: Types.ObjectId) => {
  const res = await c.request(path(org));
  await res.arrayBuffer();
  return res.status;
};
const post = (path: (org: Types.ObjectId) => string, body: unknown) => async (c: HttpClient, org: Types.ObjectId) => (await c.post(path(org), body)).status;
const multipart = (path: (org: Types.ObjectId) => string) => async (c: HttpClient, org: Types.ObjectId) =>
  (await upload(c, path(org), { subject: "Matrix", file: { name: "m.pdf", data: makePdf("m", ["m"]) } })).status;
/** The board routes address the board of the row's organisation: for a school that is its own id (not a board → 404). */
const boardPath = (suffix: string) => (org: Types.ObjectId) => {
  const target = String(org) === String(env.world.schoolA1) ? env.world.boardA : org;
  return `${o(target)}${suffix}`;
};

//                       anon school own  school other  board own  board own school  board other school  agent  supervisor
const READ = [401, 200, 403, 200, 200, 403, 200, 200];
const CASES: RouteCase[] = [
  { name: "GET contact-moments", call: get((org) => `${o(org)}/contact-moments`), expected: READ },
  { name: "GET archive", call: get((org) => `${o(org)}/archive`), expected: READ },
  { name: "GET archive/:itemId", call: get((org) => `${o(org)}/archive/${fx(org).itemId}`), expected: READ },
  { name: "GET archive/:itemId/file", call: get((org) => `${o(org)}/archive/${fx(org).itemId}/file`), expected: READ },
  { name: "GET evaluations", call: get((org) => `${o(org)}/evaluations`), expected: READ },
  { name: "GET evaluations/:id/file", call: get((org) => `${o(org)}/evaluations/${fx(org).evaluationId}/file`), expected: READ },
  { name: "GET gtb", call: get((org) => `${o(org)}/gtb`), expected: READ },
  // Board views: school callers address their board (403), the board itself 200, another board 403.
  { name: "GET contact-moments/by-school", call: get(boardPath("/contact-moments/by-school")), expected: [401, 403, 403, 200, 200, 403, 200, 200] },
  { name: "GET contact-moment-counts", call: get(boardPath("/contact-moment-counts")), expected: [401, 403, 403, 200, 200, 403, 200, 200] },
  {
    name: "POST contact-moments (helpdesk)",
    call: post((org) => `${o(org)}/contact-moments`, { channel: "phone", direction: "out", subject: "Teruggebeld", summary: "Vraag beantwoord.", startedAt: "2025-05-01T10:00:00Z" }),
    expected: [401, 403, 403, 403, 403, 403, 201, 201],
  },
  { name: "POST archive (upload)", call: multipart((org) => `${o(org)}/archive`), expected: [401, 201, 403, 201, 201, 403, 403, 403] },
  {
    name: "POST archive/from-helpdesk",
    call: post((org) => `${o(org)}/archive/from-helpdesk`, { subject: "Bericht", body: "Tekst van het bericht." }),
    expected: [401, 403, 403, 403, 403, 403, 201, 201],
  },
  { name: "POST archive/from-helpdesk/document", call: multipart((org) => `${o(org)}/archive/from-helpdesk/document`), expected: [401, 403, 403, 403, 403, 403, 201, 201] },
];

describe("authorization matrix", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, route) => {
    const actual: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const [i, row] of ROWS.entries()) {
      const { client, org } = rowTarget(row);
      actual[row] = await route.call(client, org);
      expected[row] = route.expected[i]!;
    }
    expect(actual).toEqual(expected);
  });

  it("every history route in the OpenAPI document is covered by this matrix", async () => {
    const doc = (await env.people.anonymous.get<{ paths: Record<string, Record<string, unknown>> }>("/api/openapi.json")).body;
    const history = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    ).filter((r) => /contact-moment|\/archive|\/evaluations|\/gtb/.test(r));
    expect(history).toHaveLength(CASES.length);
  });
});
