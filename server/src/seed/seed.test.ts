import { createHash } from "node:crypto";
import { EJSON } from "bson";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedMongo, type EmbeddedMongo } from "../infra/embedded-mongo/index.js";
import { ARCHIVE_BUCKET, ArchiveItemModel } from "../modules/archive/archive-item.model.js";
import { ContactMomentModel } from "../modules/contact-moments/contact-moment.model.js";
import { OrganisationModel } from "../modules/organisations/organisation.model.js";
import { seedDemoData, seedDemoDataIfEmpty, type SeedSummary } from "./index.js";

const ANCHOR = new Date("2025-03-14T10:30:00Z");

/**
 * sha256 over every collection, documents in `_id` order. Left out: what the GridFS driver makes up itself, the
 * files' `uploadDate` and the chunks' `_id` (chunks are taken in `files_id`, `n` order instead).
 */
async function digest(): Promise<string> {
  const db = mongoose.connection.db!;
  const hash = createHash("sha256");
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  for (const name of names) {
    hash.update(`#${name}\n`);
    const chunks = name.endsWith(".chunks");
    for (const doc of await db.collection(name).find({}).sort(chunks ? { files_id: 1, n: 1 } : { _id: 1 }).toArray()) {
      if (name.endsWith(".files")) delete doc.uploadDate;
      if (chunks) delete (doc as { _id?: unknown })._id;
      hash.update(EJSON.stringify(doc, { relaxed: false }));
    }
  }
  return hash.digest("hex");
}

/** Seeds a fresh in-memory store and returns the digest and summary. */
async function seedFreshStore(): Promise<{ digest: string; summary: SeedSummary }> {
  const store = await startEmbeddedMongo({ dataDir: null });
  try {
    await mongoose.connect(store.uri, { dbName: "balie" });
    const summary = await seedDemoData({ anchor: ANCHOR });
    return { digest: await digest(), summary };
  } finally {
    await mongoose.disconnect();
    await store.close();
  }
}

describe(seedDemoData.name, () => {
  it("writes the same data into two fresh stores (same anchor → same digest)", async () => {
    const first = await seedFreshStore();
    const second = await seedFreshStore();
    expect(second.digest).toBe(first.digest);
    expect(first.summary).toMatchObject({
      boards: 2,
      schools: 6,
      agents: 4,
      contactMoments: 200,
      newsItems: 6,
      gtbReports: 6,
    });
  }, 60_000);
});

describe("seeded database", () => {
  let store: EmbeddedMongo;
  let summary: SeedSummary;

  beforeAll(async () => {
    store = await startEmbeddedMongo({ dataDir: null });
    await mongoose.connect(store.uri, { dbName: "balie" });
    summary = await seedDemoData({ anchor: ANCHOR });
  }, 60_000);

  afterAll(async () => {
    await mongoose.disconnect();
    await store?.close();
  });

  it("holds what the summary says", async () => {
    expect(await OrganisationModel.countDocuments({ kind: "school" })).toBe(summary.schools);
    expect(await ContactMomentModel.countDocuments({})).toBe(summary.contactMoments);
    expect(await ArchiveItemModel.countDocuments({})).toBe(summary.archiveItems.emails + summary.archiveItems.documents);
    expect(summary.logins.map((l) => l.username)).toEqual(["lotte", "bram", "fatima", "marieke"]);
  });

  it("keeps the invariants in the stored documents: a gemachtigde per school, at most one per board", async () => {
    expect(await OrganisationModel.countDocuments({ kind: "school", "contacts.roles": { $ne: "authorised" } })).toBe(0);
    const boards = await OrganisationModel.find({ kind: "board" }).lean();
    for (const board of boards) {
      expect(board.contacts.filter((c) => c.roles.includes("authorised")).length).toBeLessThanOrEqual(1);
    }
  });

  it("serves a school's timeline newest first from the keyset index", async () => {
    const school = await OrganisationModel.findOne({ kind: "school", code: "12AB" }).lean();
    const page = await ContactMomentModel.find({ organisationId: school!._id }).sort({ startedAt: -1, _id: -1 }).limit(25).lean();
    expect(page).toHaveLength(25);
    for (let i = 1; i < page.length; i++) expect(page[i - 1]!.startedAt >= page[i]!.startedAt).toBe(true);
  });

  it("stores archive files in GridFS with the bytes and size the item claims", async () => {
    const bucket = new mongoose.mongo.GridFSBucket(mongoose.connection.db!, { bucketName: ARCHIVE_BUCKET });
    const item = await ArchiveItemModel.findOne({ kind: "document", "file.contentType": "application/pdf" }).lean();
    const chunks: Buffer[] = [];
    for await (const chunk of bucket.openDownloadStream(item!.file!.fileId)) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.length).toBe(item!.file!.size);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("is skipped by seedDemoDataIfEmpty when organisations exist, and refused on a second direct run", async () => {
    const before = await digest();
    const logged: unknown[] = [];
    await seedDemoDataIfEmpty({ info: (...args) => logged.push(args) });
    expect(await digest()).toBe(before);
    await expect(seedDemoData({ anchor: ANCHOR })).rejects.toMatchObject({ code: 11000 });
  });
});

describe(seedDemoDataIfEmpty.name, () => {
  it("seeds an empty database once", async () => {
    const store = await startEmbeddedMongo({ dataDir: null });
    try {
      await mongoose.connect(store.uri, { dbName: "balie" });
      const logged: unknown[][] = [];
      const printed: string[] = [];
      await seedDemoDataIfEmpty({ info: (...args) => logged.push(args) }, (t) => printed.push(t));
      await seedDemoDataIfEmpty({ info: (...args) => logged.push(args) }, (t) => printed.push(t));
      expect(await OrganisationModel.countDocuments({})).toBe(8);
      expect(logged).toHaveLength(1);
      // The banner is plain text lines, not a JSON string with \n escapes.
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatch(/\n.*\n/);
      expect(printed[0]).not.toContain("\\n");
      expect(printed[0]!.trim().startsWith("{")).toBe(false);
    } finally {
      await mongoose.disconnect();
      await store.close();
    }
  }, 60_000);
});
