/**
 * `npm run seed`: wipes the database and seeds the demo data, then prints what is there and how to log in.
 *
 * Connects like the server does: `MONGODB_URI` when set, otherwise the embedded store in `DATA_DIR`. Stop a
 * running server first when it uses the same embedded data directory (or point `MONGODB_URI` at its store).
 * `--anchor=2025-03-14T10:00:00Z` fixes the moment the demo history is relative to.
 */
import { ConfigError, loadConfig } from "../config/env.js";
import { createLogger } from "../infra/logger.js";
import { connectMongo } from "../infra/mongo.js";
import { formatIdentitySummary, seedIdentityDemo } from "./identity.js";
import { seedDemoData, type SeedSummary } from "./index.js";

function parseAnchor(argv: readonly string[]): Date | undefined {
  const arg = argv.find((a) => a.startsWith("--anchor="));
  if (!arg) return undefined;
  const anchor = new Date(arg.slice("--anchor=".length));
  if (Number.isNaN(anchor.getTime())) throw new Error(`invalid --anchor: ${arg}`);
  return anchor;
}

function print(summary: SeedSummary): void {
  const lines = [
    `Demo data seeded (anchor ${summary.anchor.toISOString()}):`,
    `  ${summary.boards} besturen, ${summary.schools} scholen, ${summary.branches} vestigingen, ${summary.contacts} contactpersonen`,
    `  ${summary.contactMoments} contactmomenten, ${summary.archiveItems.emails} e-mails + ${summary.archiveItems.documents} documenten in het archief (${summary.files} bestanden)`,
    `  ${summary.newsItems} nieuwsberichten, ${summary.evaluations} evaluaties, ${summary.gtbReports} GTB-overzichten`,
    "",
    "Organisations:",
    ...summary.organisations.map((o) => `  ${o.kind === "board" ? "bestuur" : "school "} ${o.code.padEnd(6)} ${o.name}`),
    "",
    "Agent console logins (username / password):",
    ...summary.logins.map((l) => `  ${l.username.padEnd(10)} ${l.password}  (${l.role})`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.isProduction) {
    // `npm run seed` wipes the database: never against a production configuration.
    process.stderr.write("seed: refused: NODE_ENV=production; demo data is never seeded in production\n");
    process.exitCode = 1;
    return;
  }
  const logger = createLogger({ level: config.log.level === "info" ? "warn" : config.log.level });
  const mongo = await connectMongo(config, logger);
  try {
    await mongo.connection.dropDatabase();
    print(await seedDemoData({ anchor: parseAnchor(process.argv.slice(2)) }));
    process.stdout.write(`\n${formatIdentitySummary(await seedIdentityDemo()).join("\n")}\n`);
  } finally {
    await mongo.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
