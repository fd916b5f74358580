/**
 * Availability test helpers: an in-process Balie on a ManualClock whose capacity source the test controls
 * (`capacity.value`), and Amsterdam wall-clock instants written with their offset.
 */
import path from "node:path";
import { loadConfig } from "../../../server/src/config/env.js";
import { ManualClock, resetClock, setClock } from "../../../server/src/infra/clock.js";
import { startServer, type RunningServer } from "../../../server/src/server.js";
import { ROOT_DIR } from "../../harness/server.js";
import { getFreePort } from "../../harness/ports.js";

export interface AvailabilityTestServer {
  server: RunningServer;
  clock: ManualClock;
  /** Free chat slots the server sees; change it and call `presenceChanged()`. */
  capacity: { value: number };
  /** Emits `presence.changed` like the chat presence module does. */
  presenceChanged(): void;
  /** Moves the clock and recomputes at once (for jumps; the alarm covers small steps by itself). */
  jump(to: string | Date): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts Balie in-process (NODE_ENV=test, in-memory store) with a ManualClock at `start` and an injected
 * capacity source. `ALLOWED_ORIGINS` includes https://school.example for the CORS tests.
 */
export async function startAvailabilityServer(start: string, env: Record<string, string> = {}): Promise<AvailabilityTestServer> {
  const clock = new ManualClock(new Date(start));
  setClock(clock);
  const capacity = { value: 1 };
  const port = await getFreePort();
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    ALLOWED_ORIGINS: "https://school.example",
    ...env,
  });
  const server = await startServer(config, {
    inMemoryStore: true,
    publicDir: path.join(ROOT_DIR, "dist/public"),
    availability: { freeCapacity: async () => capacity.value },
  });
  return {
    server,
    clock,
    capacity,
    presenceChanged: () => server.bus.emit("presence.changed", { agentId: "test" }),
    async jump(to) {
      clock.set(typeof to === "string" ? new Date(to) : to);
      await server.availability.tick();
    },
    async stop() {
      await server.stop();
      resetClock();
    },
  };
}
