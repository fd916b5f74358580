/**
 * Embedded store benchmark: 100,000 documents through the official driver, in memory and with the journal
 * on (a temp data folder): insert throughput (insertMany batches and single insertOne), then findOne by
 * `_id` and by a unique indexed field (p50/p99 over 10,000 lookups), and a page query walking a compound
 * index (equality + range + sort + limit 25). Run: `node --import tsx bench/store.bench.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { MongoClient, ObjectId } from "mongodb";
import { startEmbeddedMongo } from "../server/src/infra/embedded-mongo/index.js";

const DOCS = 100_000;
const BATCH = 1_000;
const SINGLE = 5_000;
const LOOKUPS = 10_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeLookups(n: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

interface Row {
  mode: string;
  metric: string;
  value: string;
}

async function benchOne(mode: "memory" | "journal", rows: Row[]): Promise<void> {
  const dir = mode === "journal" ? mkdtempSync(join(tmpdir(), "balie-bench-")) : null;
  const store = await startEmbeddedMongo({ dataDir: dir });
  const client = await MongoClient.connect(store.uri);
  try {
    const coll = client.db("bench").collection("docs");
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.createIndex({ org: 1, at: 1 });
    const ids: ObjectId[] = [];
    const doc = (i: number) => {
      const _id = new ObjectId();
      ids.push(_id);
      return { _id, email: `user${i}@example.nl`, org: `org${i % 20}`, at: new Date(1_700_000_000_000 + i * 1000), n: i, text: "x".repeat(64) };
    };

    let t = performance.now();
    for (let i = 0; i < DOCS - SINGLE; i += BATCH) {
      await coll.insertMany(Array.from({ length: BATCH }, (_, k) => doc(i + k)));
    }
    let secs = (performance.now() - t) / 1000;
    rows.push({ mode, metric: `insertMany (batches of ${BATCH})`, value: `${Math.round((DOCS - SINGLE) / secs).toLocaleString("en")} docs/s` });

    t = performance.now();
    for (let i = DOCS - SINGLE; i < DOCS; i++) await coll.insertOne(doc(i));
    secs = (performance.now() - t) / 1000;
    rows.push({ mode, metric: "insertOne (sequential)", value: `${Math.round(SINGLE / secs).toLocaleString("en")} docs/s` });

    t = performance.now();
    const parallel = 20;
    await Promise.all(
      Array.from({ length: parallel }, async (_, w) => {
        for (let i = 0; i < 250; i++) await coll.insertOne({ email: `par${w}-${i}@example.nl`, org: "par", at: new Date(), n: -1 });
      }),
    );
    secs = (performance.now() - t) / 1000;
    rows.push({ mode, metric: `insertOne (${parallel} in parallel)`, value: `${Math.round((parallel * 250) / secs).toLocaleString("en")} docs/s` });

    const rnd = (i: number) => (i * 7919) % DOCS;
    const byId = await timeLookups(LOOKUPS, (i) => coll.findOne({ _id: ids[rnd(i)]! }));
    rows.push({ mode, metric: "findOne by _id p50 / p99", value: `${byId.p50.toFixed(3)} / ${byId.p99.toFixed(3)} ms` });
    const byEmail = await timeLookups(LOOKUPS, (i) => coll.findOne({ email: `user${rnd(i)}@example.nl` }));
    rows.push({ mode, metric: "findOne by unique email p50 / p99", value: `${byEmail.p50.toFixed(3)} / ${byEmail.p99.toFixed(3)} ms` });
    const page = await timeLookups(1_000, (i) =>
      coll
        .find({ org: `org${i % 20}`, at: { $lt: new Date(1_700_000_000_000 + rnd(i) * 1000) } })
        .sort({ at: -1, _id: -1 })
        .limit(25)
        .toArray(),
    );
    rows.push({ mode, metric: "page {org, at<T} sort {at:-1,_id:-1} limit 25 p50 / p99", value: `${page.p50.toFixed(3)} / ${page.p99.toFixed(3)} ms` });
  } finally {
    await client.close();
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs both modes and prints a table. */
export async function run(): Promise<void> {
  const rows: Row[] = [];
  await benchOne("memory", rows);
  await benchOne("journal", rows);
  console.log(`\nEmbedded store, ${DOCS.toLocaleString("en")} documents, node ${process.version}`);
  console.table(rows);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
