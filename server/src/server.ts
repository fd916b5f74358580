import type { Express } from "express";
import { createServer, type Server as HttpServer } from "node:http";
import { clientAddressFor } from "./infra/client-address.js";
import { startMetricsServer } from "./http/metrics-routes.js";
import { createMetrics, type Metrics } from "./infra/metrics.js";
import { observeChat } from "./modules/chat/chat-metrics.js";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Redis } from "ioredis";
import { createApp } from "./app.js";
import type { Config } from "./config/env.js";
import { createEventBus, type EventBus } from "./events/bus.js";
import { sweepOrphanChunks } from "./jobs/orphan-chunk-sweeper.js";
import { scheduleJob } from "./jobs/schedule.js";
import { removeStaleLinks } from "./jobs/stale-link-remover.js";
import { createLogger, type Logger } from "./infra/logger.js";
import { connectMongo, type MongoHandle } from "./infra/mongo.js";
import { missingIndexes, syncIndexes } from "./infra/mongo-indexes.js";
import { closeRedis, createRedisClient, pingRedis } from "./infra/redis/client.js";
import { installAvailability, type AvailabilityDeps, type AvailabilityHandle } from "./modules/availability/index.js";
import { agentsWithFreeCapacity } from "./modules/chat/presence.js";
import { installOpeningHours, isOpenAt, nextOpeningAfter } from "./modules/opening-hours/index.js";
import { installChat, type ChatRuntime } from "./modules/chat/chat-runtime.js";
import { mongoSessionStore } from "./modules/identity/session-store.js";
import { redisSessionStore } from "./modules/identity/redis-session-store.js";
import { createIo, type BalieIo } from "./realtime/io.js";
import { installRealtime, type RealtimeHandle } from "./realtime/install.js";
import { seedDemoDataIfEmpty } from "./seed/index.js";

/** Options for {@link startServer}. */
export interface StartServerOptions {
  /** Defaults to a logger at `config.log.level` writing to stdout. */
  logger?: Logger;
  /** Embedded store without journal (tests). */
  inMemoryStore?: boolean;
  /** Vite build directory; defaults to `<cwd>/dist/public`. */
  publicDir?: string;
  /** Replace the availability service's capacity source (tests); default: chat presence. */
  availability?: Partial<AvailabilityDeps>;
}

/** A listening Balie. */
export interface RunningServer {
  /** Base URL to reach this server, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly httpServer: HttpServer;
  /** The Express app (its route table is compared with the API contract in a test). */
  readonly app: Express;
  readonly io: BalieIo;
  readonly mongo: MongoHandle;
  readonly redis: Redis | undefined;
  /** Chat engine of this process (routing, presence heartbeats, sweeper). */
  readonly chat: ChatRuntime;
  /** Socket.IO handshake, handlers and session guard. */
  readonly realtime: RealtimeHandle;
  readonly logger: Logger;
  /** Domain events; spans processes over Redis pub/sub when REDIS_URL is set. */
  readonly bus: EventBus;
  /** The chat availability signal and its SSE stream (`tick()` recomputes now, for tests with a ManualClock). */
  readonly availability: AvailabilityHandle;
  /** Prometheus metrics of this process. */
  readonly metrics: Metrics;
  /** `/metrics` on the separate listener when METRICS_PORT is set. */
  readonly metricsUrl: string | undefined;
  /** True once {@link RunningServer.stop} was called. */
  isShuttingDown(): boolean;
  /**
   * Graceful shutdown: readiness fails, (drain), stop accepting, close sockets, close HTTP (connections still
   * open at the deadline are destroyed), disconnect Mongo (store flushed), quit Redis. Idempotent.
   */
  stop(): Promise<void>;
}

/**
 * Production does not build indexes on start (autoIndex is off). A node on its own embedded store is the
 * store's only user, so it syncs them itself; against MongoDB it refuses to start while `npm run migrate` has
 * not created one it needs.
 */
async function checkIndexes(mongo: MongoHandle, logger: Logger): Promise<void> {
  if (mongo.embedded) {
    const changes = await syncIndexes();
    if (changes.length) logger.info({ changes }, "indexes synced on the embedded store");
    return;
  }
  const missing = await missingIndexes();
  if (missing.length) throw new Error(`indexes missing, run npm run migrate first: ${missing.join("; ")}`);
}

/** Connects storage, seeds if configured, builds the app and listens. */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: config.log.level });
  const mongo = await connectMongo(config, logger, { inMemory: options.inMemoryStore ?? false });

  let redis: Redis | undefined;
  let busSubscriber: Redis | undefined;
  try {
    if (config.seed.demo) {
      await seedDemoDataIfEmpty(logger);
    }
    if (config.isProduction) await checkIndexes(mongo, logger);
    if (config.mongo.embeddedInProduction) {
      logger.warn(
        { dataDir: config.mongo.dataDir },
        "PRODUCTION ON THE EMBEDDED STORE (EMBEDDED_STORE=allow): one server, no replica set; back up the data folder (see docs/operations.md)",
      );
    }

    if (config.redis.url) {
      redis = createRedisClient(config.redis.url, logger, { name: "main" });
      // Errors are logged by the client; it keeps retrying and /readyz reports Redis until it is back.
      await redis.connect().catch(() => undefined);
      // A subscribed connection cannot publish: the bus gets its own subscriber next to the main client.
      busSubscriber = createRedisClient(config.redis.url, logger, { name: "events" });
      await busSubscriber.connect().catch(() => undefined);
    }
    const bus = createEventBus({
      ...(redis && busSubscriber ? { redis: { publisher: redis, subscriber: busSubscriber } } : {}),
      onError: (err) => logger.warn({ err }, "event bus error"),
    });
    const uninstallOpeningHours = await installOpeningHours({ bus, logger });
    const clientAddress = clientAddressFor(config.http.trustProxy);
    const availability = await installAvailability({
      bus,
      logger,
      clientAddress,
      streamsPerAddress: config.limits.streamsPerAddress,
      deps: { freeCapacity: options.availability?.freeCapacity ?? agentsWithFreeCapacity },
      isOriginAllowed: (origin) => allowedOrigins.has(origin) || localOrigins.has(origin),
    });

    let shuttingDown = false;
    const redisClient = redis;
    const metrics = createMetrics();
    mongo.onJournalSync((seconds) => metrics.storeFsync.observe(seconds));
    const app = createApp(config, {
      logger,
      metrics,
      redis: redisClient,
      publicDir: options.publicDir ?? path.resolve("dist/public"),
      health: {
        mongo: () => mongo.ping(),
        redis: redisClient ? () => pingRedis(redisClient) : undefined,
        isShuttingDown: () => shuttingDown,
        warnings: config.mongo.embeddedInProduction ? ["embedded_store_in_production"] : undefined,
      },
    });
    // The app must be the server's request listener before Socket.IO attaches: engine.io wraps the existing
    // listeners so /socket.io requests never reach Express.
    // The availability stream is served before Express (no per-connection middleware state; see sse-hub.ts).
    const httpServer = createServer((req, res) => {
      if (!availability.handleRequest(req, res)) app(req, res);
    });
    const localOrigins = new Set<string>();
    const allowedOrigins = new Set(config.http.allowedOrigins);
    const io = createIo(httpServer, {
      logger,
      redisUrl: config.redis.url,
      isOriginAllowed: (origin) => allowedOrigins.has(origin) || localOrigins.has(origin),
      clientAddress,
      connectionsPerAddress: config.limits.socketConnectionsPerAddress,
    });

    const chat = installChat({
      bus,
      logger,
      redis: redisClient,
      tokenSecret: config.session.secret,
      isOpenAt: (at) => isOpenAt(at),
      nextOpeningAt: (at) => nextOpeningAfter(at),
    });
    const realtime = installRealtime({
      io,
      bus,
      chat,
      sessions: redisClient ? redisSessionStore(redisClient) : mongoSessionStore(),
      tokenSecret: [config.session.secret, ...config.session.previousSecrets],
      logger,
    });

    // Hourly: GridFS chunks of archive uploads whose process died mid-upload (safe on every node at once).
    const stopOrphanChunkSweeper = scheduleJob(logger, { run: sweepOrphanChunks, done: "orphan archive chunks removed", failed: "orphan chunk sweep failed" });
    // Hourly: eHerkenning links unused for 18 months (a conditional delete per link, safe on every node at once).
    const stopStaleLinkRemover = scheduleJob(logger.child({ module: "identity" }), {
      run: removeStaleLinks,
      done: "stale eHerkenning links removed",
      failed: "stale link removal failed",
    });
    observeChat(metrics, bus);
    metrics.gauge("balie_socketio_connections", "Open Socket.IO connections on this node", () => io.engine.clientsCount);
    metrics.gauge("balie_availability_streams", "Open availability SSE streams on this node", () => availability.hub.size);
    const metricsServer = config.metrics.port !== undefined ? await startMetricsServer(metrics, config.metrics.port, config.http.host) : undefined;

    await listen(httpServer, config.http.port, config.http.host);
    const port = (httpServer.address() as AddressInfo).port;
    const host = ["0.0.0.0", "::", ""].includes(config.http.host) ? "127.0.0.1" : config.http.host;
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    if (!config.isProduction) {
      // Outside production the page may be opened via localhost or 127.0.0.1 on whatever port we got (port 0).
      localOrigins.add(`http://localhost:${port}`);
      localOrigins.add(`http://127.0.0.1:${port}`);
    }
    logger.info({ url, publicUrl: config.http.publicUrl, env: config.env }, "balie listening");

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        shuttingDown = true;
        logger.info("shutdown: readiness failing");
        if (config.shutdown.drainMs > 0) await delay(config.shutdown.drainMs);
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        availability.stop();
        stopOrphanChunkSweeper();
        stopStaleLinkRemover();
        metricsServer?.close();
        uninstallOpeningHours();
        await chat.stop();
        realtime.uninstall();
        await io.close();
        httpServer.closeIdleConnections();
        const grace = Math.max(500, config.shutdown.timeoutMs - config.shutdown.drainMs - 1_500);
        const timedOut = await Promise.race([httpClosed.then(() => false), delay(grace).then(() => true)]);
        if (timedOut) {
          logger.warn("shutdown: closing connections still open");
          httpServer.closeAllConnections();
          await httpClosed;
        }
        await mongo.close();
        await bus.close();
        if (busSubscriber) await closeRedis(busSubscriber);
        if (redisClient) await closeRedis(redisClient);
        logger.info("shutdown complete");
      })();
      return stopping;
    };

    return {
      url,
      port,
      httpServer,
      app,
      io,
      mongo,
      redis,
      logger,
      bus,
      availability,
      chat,
      realtime,
      metrics,
      metricsUrl: metricsServer ? `http://${host}:${(metricsServer.address() as AddressInfo).port}/metrics` : undefined,
      isShuttingDown: () => shuttingDown,
      stop,
    };
  } catch (err) {
    if (busSubscriber) await closeRedis(busSubscriber).catch(() => undefined);
    if (redis) await closeRedis(redis).catch(() => undefined);
    await mongo.close().catch(() => undefined);
    throw err;
  }
}

function listen(server: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
