/**
 * Housekeeping jobs run every `intervalMs` on an unref'ed timer (they never keep the process alive). Each is
 * safe to run on every node at once; what they did and how they failed is logged, never thrown.
 */
import type { Logger } from "../infra/logger.js";

/** Runs `job` every `intervalMs`; logs `done` with the count when it did something. Returns a stop function. */
export function scheduleJob(logger: Logger, job: { run: () => Promise<number>; done: string; failed: string }, intervalMs = 60 * 60_000): () => void {
  const timer = setInterval(() => {
    job
      .run()
      .then((n) => n > 0 && logger.info({ removed: n }, job.done))
      .catch((err: unknown) => logger.error({ err }, job.failed));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
