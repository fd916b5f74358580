/**
 * `npm run db`: runs the embedded store on its own. Prints the mongodb:// URI (for mongosh, Compass or a
 * Balie started with MONGODB_URI) on one line, then runs until SIGINT/SIGTERM and closes cleanly.
 * DATA_DIR (default ./data) holds the data; PORT or --port picks the port (default: a free one).
 *
 * The URI carries the store's user and password (from DATA_DIR/credentials.json, created on the first
 * start): the port is open to every process on the machine, so the password is what keeps them out.
 */
import { resolve } from "node:path";
import { startEmbeddedMongo } from "./index.js";

function portFromArgs(argv: string[]): number | undefined {
  const i = argv.findIndex((a) => a === "--port" || a.startsWith("--port="));
  if (i < 0) return undefined;
  const raw = argv[i]!.includes("=") ? argv[i]!.split("=")[1] : argv[i + 1];
  return raw === undefined ? undefined : Number(raw);
}

const logger = {
  info: () => undefined,
  warn: (o: object | string, msg?: string) => console.error(msg ?? "", typeof o === "string" ? o : JSON.stringify(o)),
  error: (o: object | string, msg?: string) => console.error(msg ?? "", o),
};

async function main(): Promise<void> {
  const port = portFromArgs(process.argv.slice(2)) ?? (process.env.PORT ? Number(process.env.PORT) : 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`invalid port: ${String(port)}`);
    process.exit(2);
  }
  const dataDir = resolve(process.env.DATA_DIR || "./data");
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

main().catch((err: unknown) => {
  console.error("embedded-mongo:", err instanceof Error ? err.message : err);
  process.exit(1);
});
