/**
 * Entry point (`npm start`): config → logger → storage → (demo seed) → listen, and graceful shutdown on
 * SIGTERM/SIGINT. Invalid configuration prints one line per problem and exits 1, without a stack trace.
 */
import { ConfigError, loadConfig, type Config } from "./config/env.js";
import { createLogger } from "./infra/logger.js";
import type { RunningServer } from "./server.js";

let config: Config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  for (const problem of err.problems) process.stderr.write(`config: ${problem.variable}: ${problem.message}\n`);
  process.exit(1);
}

// JSON lines in production (and whenever stdout is a pipe or a file); readable lines on a developer's terminal.
const logger = createLogger({ level: config.log.level, pretty: !config.isProduction && process.stdout.isTTY === true });

let server: RunningServer;
try {
  // Loaded only after the config is valid: the app's modules (and their dependencies' warnings) stay out of
  // the way of the config error lines, and a bad config fails fast.
  const { startServer } = await import("./server.js");
  server = await startServer(config, { logger });
} catch (err) {
  logger.fatal({ err }, "startup failed");
  process.stderr.write(`startup: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

let stopping = false;
function shutdown(signal: NodeJS.Signals): void {
  if (stopping) {
    logger.warn({ signal }, "second signal: exiting immediately");
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, "shutdown requested");
  setTimeout(() => {
    logger.error({ timeoutMs: config.shutdown.timeoutMs }, "shutdown timed out: forcing exit");
    process.exit(1);
  }, config.shutdown.timeoutMs).unref();
  server.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      logger.error({ err }, "shutdown failed");
      process.exit(1);
    },
  );
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
