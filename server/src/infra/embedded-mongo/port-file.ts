/**
 * `DATA_DIR/store.port`: the port of the store running on a data folder, so `npm run db -- backup` and
 * `copy-to` can find it with the folder's credentials.json. Written after listening, removed on close; after a
 * crash it is stale, which the tools notice when nothing answers there.
 */
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const NAME = "store.port";

export function writePortFile(dataDir: string, port: number): void {
  writeFileSync(join(dataDir, NAME), `${port}\n`);
}

export function removePortFile(dataDir: string): void {
  try {
    unlinkSync(join(dataDir, NAME));
  } catch {
    /* already gone */
  }
}

/** The port a store on `dataDir` said it listens on, or null when none is recorded. */
export function readPortFile(dataDir: string): number | null {
  try {
    const port = Number(readFileSync(join(dataDir, NAME), "utf8").trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}
