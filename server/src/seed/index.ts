/**
 * Writes the demo data ({@link buildDemoData}) through the mongoose models, files into GridFS.
 *
 * `seedDemoDataIfEmpty` runs at start when the store has no organisations. Several processes starting at once
 * against one database are safe: organisations are inserted first, and the unique `{ kind, code }` index lets
 * exactly one of them win; the others stop without writing anything.
 */
import mongoose from "mongoose";
import { AgentModel, type AgentRole } from "../modules/agents/agent.model.js";
import { ARCHIVE_BUCKET, ArchiveItemModel } from "../modules/archive/archive-item.model.js";
import { ContactMomentModel } from "../modules/contact-moments/contact-moment.model.js";
import { EvaluationModel } from "../modules/evaluations/evaluation.model.js";
import { GtbReportModel } from "../modules/gtb/gtb-report.model.js";
import { NewsItemModel } from "../modules/news/news-item.model.js";
import { OrganisationModel } from "../modules/organisations/organisation.model.js";
import type { DemoFile } from "./context.js";
import { formatIdentitySummary, seedIdentityDemo } from "./identity.js";
import { buildDemoData, DEMO_PASSWORD, type DemoData, type DemoOptions } from "./demo.js";

export { buildDemoData, DEMO_AGENTS, DEMO_PASSWORD, DEMO_SEED, type DemoData, type DemoOptions } from "./demo.js";

/** The models the seed writes, in insertion order (organisations first: their unique index is the lock). */
export const SEEDED_MODELS = [
  OrganisationModel,
  AgentModel,
  ContactMomentModel,
  ArchiveItemModel,
  NewsItemModel,
  EvaluationModel,
  GtbReportModel,
] as const;

/** What was seeded: counts, and how to log in. */
export interface SeedSummary {
  anchor: Date;
  boards: number;
  schools: number;
  branches: number;
  contacts: number;
  agents: number;
  contactMoments: number;
  archiveItems: { emails: number; documents: number };
  files: number;
  newsItems: number;
  evaluations: number;
  gtbReports: number;
  /** Organisation codes and names, boards first. */
  organisations: { kind: "school" | "board"; code: string; name: string }[];
  /** Agent console logins. */
  logins: { username: string; role: AgentRole; password: string }[];
}

function database() {
  const db = mongoose.connection.db;
  if (!db) throw new Error("mongoose is not connected");
  return db;
}

async function storeFiles(files: readonly DemoFile[]): Promise<void> {
  const bucket = new mongoose.mongo.GridFSBucket(database(), { bucketName: ARCHIVE_BUCKET });
  for (const file of files) {
    await new Promise<void>((resolve, reject) => {
      const upload = bucket.openUploadStreamWithId(file._id, file.filename, {
        metadata: { contentType: file.contentType },
      });
      upload.once("finish", () => resolve());
      upload.once("error", reject);
      upload.end(file.data);
    });
  }
}

function summarise(data: DemoData): SeedSummary {
  const schools = data.organisations.filter((o) => o.kind === "school");
  return {
    anchor: data.anchor,
    boards: data.organisations.length - schools.length,
    schools: schools.length,
    branches: schools.reduce((n, s) => n + s.branches.length, 0),
    contacts: data.organisations.reduce((n, o) => n + o.contacts.length, 0),
    agents: data.agents.length,
    contactMoments: data.contactMoments.length,
    archiveItems: {
      emails: data.archiveItems.filter((a) => a.kind === "email").length,
      documents: data.archiveItems.filter((a) => a.kind === "document").length,
    },
    files: data.files.length,
    newsItems: data.newsItems.length,
    evaluations: data.evaluations.length,
    gtbReports: data.gtbReports.length,
    organisations: data.organisations.map((o) => ({ kind: o.kind, code: o.code, name: o.name })),
    logins: data.agents.map((a) => ({ username: a.username, role: a.role, password: DEMO_PASSWORD })),
  };
}

/**
 * Seeds the demo data into the connected database, which must not hold demo organisations yet (a duplicate
 * key error, code 11000, otherwise). Documents are validated by the models; timestamps are the seed's own, so
 * the same anchor gives the same documents.
 */
export async function seedDemoData(options: DemoOptions = {}): Promise<SeedSummary> {
  const data = await buildDemoData(options);
  await Promise.all(SEEDED_MODELS.map((model) => model.init()));
  const opts = { timestamps: false } as const;
  await OrganisationModel.insertMany(data.organisations, opts);
  await storeFiles(data.files);
  await AgentModel.insertMany(data.agents, opts);
  await ContactMomentModel.insertMany(data.contactMoments, opts);
  await ArchiveItemModel.insertMany(data.archiveItems, opts);
  await NewsItemModel.insertMany(data.newsItems, opts);
  await EvaluationModel.insertMany(data.evaluations, opts);
  await GtbReportModel.insertMany(data.gtbReports, opts);
  return summarise(data);
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * Seeds the demo data when the organisations collection is empty; otherwise does nothing. The log gets one
 * structured line; how to log in (identities, usernames, activation code, where the PIN mail goes) is printed
 * to `print` as plain lines a person can read, not inside a JSON string.
 */
export async function seedDemoDataIfEmpty(
  logger: { info(...args: unknown[]): void },
  print: (text: string) => void = (text) => void process.stdout.write(text),
): Promise<void> {
  if ((await OrganisationModel.countDocuments({}).limit(1)) > 0) return;
  try {
    const summary = await seedDemoData();
    const logins = formatIdentitySummary(await seedIdentityDemo());
    logger.info({ schools: summary.schools, boards: summary.boards, contactMoments: summary.contactMoments }, "demo data seeded");
    print(`\n${logins.join("\n")}\n\n`);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    logger.info("demo data is being seeded by another process");
  }
}
