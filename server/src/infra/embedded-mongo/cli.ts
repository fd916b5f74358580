/**
 * `npm run db`: the embedded store on its own, and its data tools. DATA_DIR (default ./data) is the data folder.
 *
 *   npm run db                          run the store; prints its mongodb:// URI, runs until SIGINT/SIGTERM
 *   npm run db -- backup <file>         consistent backup while the store runs (or of a stopped store's folder)
 *   npm run db -- restore <file>        restore a backup into DATA_DIR, which must hold no data yet
 *   npm run db -- copy-to <uri> [--from <backup file>]
 *                                       copy everything (collections, indexes, documents) into another MongoDB
 *
 * The URI carries the store's user and password (from DATA_DIR/credentials.json, created on the first
 * start): the port is open to every process on the machine, so the password is what keeps them out. The tools
 * find a running store through DATA_DIR/store.port and that file; `--uri <mongodb uri>` names it instead.
 */
import { resolve } from "node:path";
import { backupFolder, readBackup, restoreBackup, type BackupContents } from "./backup.js";
import { startEmbeddedMongo } from "./index.js";
import { backupRunningStore, copyTo, fetchBackup, runningStoreUri } from "./transfer.js";

/** `--name value` or `--name=value`. */
function option(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes("=") ? argv[i].slice(name.length + 3) : argv[i + 1];
}

/** Arguments that are neither options nor option values. */
function positional(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith("--")) {
      if (!argv[i].includes("=")) i++;
    } else out.push(argv[i]);
  }
  return out;
}

class UsageError extends Error {}

const logger = {
  info: () => undefined,
  warn: (o: object | string, msg?: string) => console.error(msg ?? "", typeof o === "string" ? o : JSON.stringify(o)),
  error: (o: object | string, msg?: string) => console.error(msg ?? "", o),
};

const dataDir = resolve(process.env.DATA_DIR || "./data");

function describe(c: BackupContents): string {
  return `${c.records.length} records, ${(c.bytes / 1024 / 1024).toFixed(1)} MB, taken at ${c.takenAt.toISOString()}`;
}

async function serve(argv: string[]): Promise<void> {
  const raw = option(argv, "port") ?? process.env.PORT ?? "0";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid port: ${raw}`);
  const store = await startEmbeddedMongo({ dataDir, port, logger });
  process.stdout.write(`${store.uri}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    store.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`embedded-mongo: close after ${signal} failed`, err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

/** The running store to talk to: `--uri`, else the one DATA_DIR's store.port names (null: none recorded). */
function storeUri(argv: string[]): string | null {
  return option(argv, "uri") ?? runningStoreUri(dataDir);
}

async function backup(argv: string[]): Promise<void> {
  const file = positional(argv)[1];
  if (!file) throw new UsageError("usage: npm run db -- backup <file>");
  const uri = storeUri(argv);
  let contents: BackupContents;
  if (uri) {
    contents = await backupRunningStore(uri, resolve(file)).catch((err: Error) => {
      if (option(argv, "uri") || err.name !== "MongoServerSelectionError") throw err;
      // store.port is stale (the store crashed): back up the folder itself; the lock refuses a live owner.
      return backupFolder(dataDir, resolve(file));
    });
  } else {
    contents = await backupFolder(dataDir, resolve(file));
  }
  process.stdout.write(`backup written to ${resolve(file)}: ${describe(contents)}\n`);
}

async function restore(argv: string[]): Promise<void> {
  const file = positional(argv)[1];
  if (!file) throw new UsageError("usage: npm run db -- restore <file>   (DATA_DIR names the empty folder to restore into)");
  const contents = await restoreBackup(resolve(file), dataDir);
  process.stdout.write(`restored into ${dataDir}: ${describe(contents)}\n`);
}

async function copy(argv: string[]): Promise<void> {
  const target = positional(argv)[1];
  if (!target || !/^mongodb(\+srv)?:\/\//.test(target)) throw new UsageError("usage: npm run db -- copy-to <mongodb uri> [--from <backup file>]");
  const from = option(argv, "from");
  let contents: BackupContents;
  if (from) contents = await readBackup(resolve(from));
  else {
    const uri = storeUri(argv);
    if (!uri) throw new UsageError(`no store runs on ${dataDir}: start it (npm run db) or pass --from <backup file>`);
    contents = (await fetchBackup(uri)).contents;
  }
  const report = await copyTo(contents.records, target);
  for (const line of report) process.stdout.write(`  ${line.ns}: ${line.documents} documents, ${line.indexes} indexes\n`);
  process.stdout.write(`copied ${report.length} collections (${describe(contents)})\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const command = positional(argv)[0] ?? "serve";
  const commands: Record<string, (argv: string[]) => Promise<void>> = { serve, backup, restore, "copy-to": copy };
  const run = commands[command];
  if (!run) throw new UsageError(`unknown command ${command}; use serve, backup, restore or copy-to`);
  await run(argv);
}

main().catch((err: unknown) => {
  console.error(`embedded-mongo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
