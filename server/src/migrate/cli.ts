/**
 * `npm run migrate`: creates every collection and makes its indexes match the models (unique and TTL ones
 * included), then prints what it changed. Idempotent: a second run changes nothing. Run it before starting
 * (new versions of) Balie against a real MongoDB: production nodes do not build indexes themselves and
 * refuse to start while one is missing. `--dry-run` only prints what it would change.
 *
 * Connects like the server does: `MONGODB_URI` when set, otherwise the embedded store in `DATA_DIR`.
 */
import { ConfigError, loadConfig } from "../config/env.js";
import { createLogger } from "../infra/logger.js";
import { connectMongo } from "../infra/mongo.js";
import { diffIndexes, syncIndexes, type IndexChange } from "../infra/mongo-indexes.js";
// The models register when the app's modules load; the server's app is exactly the set of models it uses.
import "../app.js";

function describe(changes: IndexChange[], verb: { created: string; dropped: string }): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    for (const key of c.created) lines.push(`  ${c.collection}: ${verb.created} index ${key}`);
    for (const name of c.dropped) lines.push(`  ${c.collection}: ${verb.dropped} index ${name}`);
  }
  return lines;
}

async function main(): Promise<void> {
  const dryRun = process.argv.includes("--dry-run");
  const config = loadConfig(process.env);
  const logger = createLogger({ level: "warn" });
  // autoIndex off: the models must not build indexes behind the report's back.
  const mongo = await connectMongo(config, logger, { autoIndex: false });
  try {
    const changes = dryRun ? (await diffIndexes()).filter((c) => c.created.length || c.dropped.length) : await syncIndexes();
    const lines = describe(changes, dryRun ? { created: "would create", dropped: "would drop" } : { created: "created", dropped: "dropped" });
    process.stdout.write(lines.length ? `migrate:\n${lines.join("\n")}\n` : "migrate: indexes up to date, nothing changed\n");
  } finally {
    await mongo.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    for (const problem of err.problems) process.stderr.write(`config: ${problem.variable}: ${problem.message}\n`);
  } else {
    process.stderr.write(`migrate: ${err instanceof Error ? err.message : String(err)}\n`);
  }
  process.exitCode = 1;
});
