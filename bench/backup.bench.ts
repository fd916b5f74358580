/**
 * Embedded store backups (issue 11 §5): a journaled store with 200,000 documents (~60 MB of BSON), then
 * - the online backup (`npm run db -- backup --uri …` as its own process, as an operator runs it), duration
 *   (including the CLI's start, about 1 s) and size;
 * - the longest insertOne a concurrent writer saw during the backup, next to the same writer without a backup
 *   in the same run (the baseline): the backup frames the state in one synchronous pass, writes wait for it;
 * - restore into an empty folder, and copy-to into a second (in-memory) store.
 * Run: `npm run bench -- backup`.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { MongoClient, ObjectId } from "mongodb";
import { readBackup, restoreBackup } from "../server/src/infra/embedded-mongo/backup.js";
import { startEmbeddedMongo } from "../server/src/infra/embedded-mongo/index.js";
import { copyTo } from "../server/src/infra/embedded-mongo/transfer.js";

const DOCS = 200_000;

/** Inserts one document after another until `stop()`; reports the slowest and the p99 insert. */
function writer(client: MongoClient) {
  const times: number[] = [];
  let stopped = false;
  const done = (async () => {
    const coll = client.db("bench").collection("writes");
    while (!stopped) {
      const t = performance.now();
      await coll.insertOne({ at: new Date() });
      times.push(performance.now() - t);
    }
  })();
  return async () => {
    stopped = true;
    await done;
    times.sort((a, b) => a - b);
    return { max: times.at(-1) ?? 0, p99: times[Math.floor(times.length * 0.99)] ?? 0, n: times.length };
  };
}

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "balie-bench-backup-"));
  const store = await startEmbeddedMongo({ dataDir: join(root, "source") });
  const client = await MongoClient.connect(store.uri);
  const target = await startEmbeddedMongo({ dataDir: null });
  const rows: { metric: string; value: string }[] = [];
  try {
    const coll = client.db("bench").collection("docs");
    await coll.createIndex({ email: 1 }, { unique: true });
    for (let i = 0; i < DOCS; i += 1_000) {
      await coll.insertMany(
        Array.from({ length: 1_000 }, (_, k) => ({ _id: new ObjectId(), email: `user${i + k}@example.nl`, at: new Date(), text: "x".repeat(200) })),
      );
    }
    await store.compact();

    const baselineStop = writer(client);
    await new Promise((r) => setTimeout(r, 2_000));
    const baseline = await baselineStop();
    rows.push({ metric: "insertOne without backup (baseline, 2 s): max / p99", value: `${baseline.max.toFixed(1)} / ${baseline.p99.toFixed(1)} ms` });

    const file = join(root, "bench.bak");
    const during = writer(client);
    await new Promise((r) => setTimeout(r, 200));
    let t = performance.now();
    // As an operator runs it: `npm run db -- backup` in its own process.
    await promisify(execFile)(process.execPath, ["--import", "tsx", "server/src/infra/embedded-mongo/cli.ts", "backup", file, "--uri", store.uri]);
    const backupMs = performance.now() - t;
    const contents = await readBackup(file);
    const stall = await during();
    rows.push({ metric: `online backup (${contents.records.length.toLocaleString("en")} records)`, value: `${(backupMs / 1000).toFixed(2)} s, ${(contents.bytes / 1024 / 1024).toFixed(1)} MB` });
    rows.push({ metric: "insertOne during the backup: max / p99", value: `${stall.max.toFixed(1)} / ${stall.p99.toFixed(1)} ms` });

    t = performance.now();
    await restoreBackup(file, join(root, "restored"));
    rows.push({ metric: "restore into an empty folder", value: `${((performance.now() - t) / 1000).toFixed(2)} s` });

    t = performance.now();
    await copyTo(contents.records, target.uri);
    rows.push({ metric: "copy-to a second store (in memory)", value: `${((performance.now() - t) / 1000).toFixed(2)} s` });
  } finally {
    await client.close();
    await target.close();
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
  console.log(`\nEmbedded store backup, ${DOCS.toLocaleString("en")} documents, node ${process.version}`);
  console.table(rows);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
