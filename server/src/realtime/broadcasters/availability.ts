/**
 * `availability.changed` (this process's availability service) → the school persons' sockets on THIS process
 * (`contacts` room, `io.local`). Every process computes availability itself from the same inputs (presence and
 * schedule events cross processes), so each one serves its own sockets; fanning out through the adapter would
 * deliver it once per process. A socket also gets the current state right after connecting (install.ts), so a
 * widget with a socket never depends on the SSE stream alone.
 */
import type { BroadcasterOptions } from "../broadcaster.js";
import { rooms } from "../rooms.js";

export function installAvailabilityBroadcaster({ io, bus }: BroadcasterOptions): () => void {
  return bus.on("availability.changed", (payload) => io.local.to(rooms.contacts()).emit("availability.changed", payload), { origin: "local" });
}
