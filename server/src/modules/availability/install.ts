/**
 * Wires availability into a server: the service, the SSE hub, and the request hook that serves the stream
 * before Express. `server.ts` calls {@link installAvailability} once after mongoose is connected and
 * opening hours are installed, and puts {@link AvailabilityHandle.handleRequest} in front of the Express app.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { AVAILABILITY_STREAM } from "../../contracts/api/availability.js";
import type { EventBus } from "../../events/bus.js";
import type { Logger } from "../../infra/logger.js";
import { AvailabilityService, type AvailabilityDeps } from "./availability.service.js";
import { SseHub } from "./sse-hub.js";
import type { ClientAddress } from "../../infra/client-address.js";

/** Options of {@link installAvailability}. */
export interface InstallAvailabilityOptions {
  bus: EventBus;
  logger: Logger;
  deps: AvailabilityDeps;
  /** CORS allow-list for cross-origin pages (same as the Socket.IO handshake). */
  isOriginAllowed: (origin: string) => boolean;
  /** The client's address (TRUST_PROXY applied): streams are limited per address. Default: the peer. */
  clientAddress?: ClientAddress;
  /** Open streams one address may hold; default unlimited. */
  streamsPerAddress?: number;
  /** See {@link AvailabilityServiceOptions.debounceMs}. */
  debounceMs?: number;
  /** SSE heartbeat interval (default 25 s). */
  heartbeatMs?: number;
}

/** What {@link installAvailability} set up. */
export interface AvailabilityHandle {
  readonly service: AvailabilityService;
  readonly hub: SseHub;
  readonly isOriginAllowed: (origin: string) => boolean;
  /** Serves `/api/v1/availability/stream`; returns false for every other request (pass it on to Express). */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Recompute now (tests: after moving a ManualClock). */
  tick(): Promise<void>;
  /** Ends all streams and stops the service. */
  stop(): void;
}

let active: AvailabilityHandle | undefined;

/** The handle of this process (for the snapshot route), or undefined before install. */
export function activeAvailability(): AvailabilityHandle | undefined {
  return active;
}

const STREAM_PATH = AVAILABILITY_STREAM.path;

export async function installAvailability(options: InstallAvailabilityOptions): Promise<AvailabilityHandle> {
  const service = new AvailabilityService({
    deps: options.deps,
    bus: options.bus,
    logger: options.logger,
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
  });
  await service.start();
  const hub = new SseHub({
    isOriginAllowed: options.isOriginAllowed,
    ...(options.clientAddress ? { clientAddress: options.clientAddress } : {}),
    ...(options.streamsPerAddress !== undefined ? { maxPerAddress: options.streamsPerAddress } : {}),
    currentFrame: () => service.currentFrame(),
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
  });
  service.onChange((_state, frame) => hub.broadcast(frame));
  const handle: AvailabilityHandle = {
    service,
    hub,
    isOriginAllowed: options.isOriginAllowed,
    handleRequest(req, res) {
      const url = req.url ?? "";
      if (!url.startsWith(STREAM_PATH)) return false;
      const rest = url.charCodeAt(STREAM_PATH.length);
      // Exactly the path, optionally with a query string.
      if (url.length !== STREAM_PATH.length && rest !== 63 /* ? */) return false;
      hub.handle(req, res);
      return true;
    },
    tick: () => service.tick(),
    stop() {
      service.stop();
      hub.close();
      if (active === handle) active = undefined;
    },
  };
  active = handle;
  return handle;
}
