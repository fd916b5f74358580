import mongoose, { type Connection } from "mongoose";
import type { Config } from "../config/env.js";
import type { Logger } from "./logger.js";

/** Database name used when the URI does not name one (and always for the embedded store). */
export const DEFAULT_DB_NAME = "balie";

/** Options for {@link connectMongo}. */
export interface ConnectMongoOptions {
  /** Run the embedded store without a journal (tests). Ignored when `MONGODB_URI` is set. */
  inMemory?: boolean;
  /** Build each model's indexes on first use; default: everywhere but production (see mongo-indexes.ts). */
  autoIndex?: boolean;
}

/** A connected mongoose, plus the embedded store behind it when there is one. */
export interface MongoHandle {
  /** mongoose's default connection (models registered with `mongoose.model` use it). */
  readonly connection: Connection;
  /** The URI mongoose connected to (the embedded store's `mongodb://127.0.0.1:port` or `MONGODB_URI`). */
  readonly uri: string;
  /** True when Balie started its own embedded store. */
  readonly embedded: boolean;
  /** Hear how long each fsync of the embedded store's journal takes (seconds); nothing with a real MongoDB. */
  onJournalSync(fn: (seconds: number) => void): void;
  /** Round trip to the server; false on error or after 2 s. */
  ping(): Promise<boolean>;
  /** Disconnects mongoose, then closes the embedded store (which flushes its journal). Idempotent. */
  close(): Promise<void>;
}

/**
 * Connects mongoose: to `MONGODB_URI` when configured, otherwise to an embedded store started in-process
 * with its journal in `DATA_DIR`.
 */
export async function connectMongo(
  config: Config,
  logger: Logger,
  options: ConnectMongoOptions = {},
): Promise<MongoHandle> {
  const log = logger.child({ module: "mongo" });
  let store: { uri: string; close(): Promise<void>; onJournalSync(fn: (seconds: number) => void): void } | undefined;
  let uri: string;
  let dbName: string | undefined;

  if (config.mongo.uri) {
    uri = config.mongo.uri;
    dbName = hasDatabaseName(uri) ? undefined : DEFAULT_DB_NAME;
  } else {
    const { startEmbeddedMongo } = await import("./embedded-mongo/index.js");
    const started = await startEmbeddedMongo({
      dataDir: options.inMemory ? null : config.mongo.dataDir,
      logger: log,
    });
    store = started;
    uri = started.uri;
    dbName = DEFAULT_DB_NAME;
    log.info({ port: started.port, dataDir: options.inMemory ? null : config.mongo.dataDir }, "embedded store started");
  }

  try {
    // Production builds indexes only through `npm run migrate` (see mongo-indexes.ts).
    await mongoose.connect(uri, { ...(dbName ? { dbName } : {}), serverSelectionTimeoutMS: 10_000, autoIndex: options.autoIndex ?? !config.isProduction });
  } catch (err) {
    await store?.close().catch(() => undefined);
    throw err;
  }
  log.info({ embedded: store !== undefined }, "mongoose connected");

  let closing: Promise<void> | undefined;
  return {
    connection: mongoose.connection,
    uri,
    embedded: store !== undefined,
    onJournalSync(fn) {
      store?.onJournalSync(fn);
    },
    async ping() {
      const db = mongoose.connection.db;
      if (mongoose.connection.readyState !== 1 || !db) return false;
      return withTimeout(db.command({ ping: 1 }).then((r) => r.ok === 1), 2_000).catch(() => false);
    },
    close() {
      closing ??= (async () => {
        await mongoose.disconnect().catch((err: unknown) => log.warn({ err }, "mongoose disconnect failed"));
        if (store) await store.close();
        log.info("mongo closed");
      })();
      return closing;
    },
  };
}

/** True when a mongodb:// URI has a database path (`mongodb://host/balie`). */
function hasDatabaseName(uri: string): boolean {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match !== null && match[1]!.length > 0;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
