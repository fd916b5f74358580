/**
 * Balie's embedded MongoDB-compatible store: a MongoDB wire-protocol server on 127.0.0.1 backed by an
 * in-memory engine (mingo for query/aggregation semantics), with an fsynced journal and snapshots in
 * `dataDir`. mongoose and the official driver talk to it as to a standalone mongod 7.0 with `--auth`: every
 * connection authenticates with SCRAM-SHA-256 as the user in `dataDir/credentials.json` (see credentials.ts),
 * and {@link EmbeddedMongo.uri} carries that user and password.
 */
import { nowMs } from "../clock.js";
import { generateCredentials, loadOrCreateCredentials, type StoreCredentials } from "./credentials.js";
import { CursorRegistry } from "./cursors.js";
import { Engine } from "./engine.js";
import { DEFAULT_LIMITS, type WireLimits } from "./limits.js";
import { makeVerifier } from "./scram.js";
import { WireServer } from "./server.js";
import { removePortFile, writePortFile } from "./port-file.js";
import { Storage } from "./storage.js";

export interface EmbeddedMongoOptions {
  /** Folder for journal + snapshot; null = in-memory only (tests). */
  dataDir: string | null;
  /** Default 127.0.0.1 */ host?: string;
  /** 0 (default) = a free port. */ port?: number;
  /** Connection, timeout and memory limits; unset fields take {@link DEFAULT_LIMITS}. */
  limits?: Partial<WireLimits>;
  /** pino-compatible logger; optional. */ logger?: {
    info(o: object | string, msg?: string): void;
    warn(o: object | string, msg?: string): void;
    error(o: object | string, msg?: string): void;
  };
}

export interface EmbeddedMongo {
  /** mongodb://balie:PASSWORD@127.0.0.1:PORT/?directConnection=true&authSource=admin */ readonly uri: string;
  readonly port: number;
  /** The user and password in {@link uri}. */ readonly credentials: StoreCredentials;
  /** Write a snapshot and truncate the journal. */ compact(): Promise<void>;
  /** Hear how long each journal fsync takes (seconds); never called for an in-memory store. */ onJournalSync(fn: (seconds: number) => void): void;
  /** Stop accepting, end connections, flush journal/snapshot, release files. */ close(): Promise<void>;
}

/** The store with its internals exposed, for the store's own tests and tools (not for application code). */
export interface EmbeddedMongoInternals extends EmbeddedMongo {
  readonly engine: Engine;
  /** Runs the TTL monitor now (tests move the clock, then sweep); resolves when the deletions are durable. */
  sweepExpired(): Promise<number>;
}

/** How often the TTL monitor runs (mongod: every 60 s). */
const SWEEP_INTERVAL_MS = 30_000;

/** Starts the store and resolves once it accepts connections. */
export function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  return startEmbeddedMongoInternal(options);
}

/** {@link startEmbeddedMongo} with internals (engine, TTL sweep) for tests. */
export async function startEmbeddedMongoInternal(options: EmbeddedMongoOptions): Promise<EmbeddedMongoInternals> {
  const host = options.host ?? "127.0.0.1";
  const engine = new Engine();
  const storage = options.dataDir ? await Storage.open(engine, options.dataDir, options.logger) : null;
  let credentials: StoreCredentials;
  let server: WireServer;
  let port: number;
  const cursors = new CursorRegistry();
  try {
    // Read (or created) under the folder lock Storage.open holds, so one folder never gets two passwords.
    credentials = options.dataDir ? loadOrCreateCredentials(options.dataDir) : generateCredentials();
    const verifier = makeVerifier(credentials.username, credentials.password);
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    server = new WireServer({ engine, cursors, storage, verifier, limits, logger: options.logger, startedAt: nowMs() });
    port = await server.listen(host, options.port ?? 0);
    if (options.dataDir) writePortFile(options.dataDir, port);
  } catch (err) {
    await storage?.close();
    throw err;
  }

  const sweep = async (): Promise<number> => {
    const before = storage?.seq ?? 0;
    const n = engine.sweepExpired(nowMs());
    cursors.sweep();
    if (storage && storage.seq > before) await storage.durable();
    return n;
  };
  const timer = setInterval(() => {
    sweep().catch((err) => options.logger?.error({ err }, "embedded-mongo: TTL sweep failed"));
  }, SWEEP_INTERVAL_MS);
  timer.unref();

  let closing: Promise<void> | null = null;
  const uriHost = host.includes(":") ? `[${host}]` : host;
  return {
    uri: `mongodb://${credentials.username}:${credentials.password}@${uriHost}:${port}/?directConnection=true&authSource=admin`,
    port,
    credentials,
    engine,
    sweepExpired: sweep,
    compact: async () => {
      await storage?.compact();
    },
    onJournalSync(fn) {
      storage?.onSync(fn);
    },
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        await server.close();
        if (options.dataDir) removePortFile(options.dataDir);
        await storage?.close();
      })();
      return closing;
    },
  };
}
