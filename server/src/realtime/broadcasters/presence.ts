/** `presence.changed` (an agent's presence or load) → the agent consoles (`agents` room). */
import { presentPresence } from "../../modules/chat/chat-presenter.js";
import { findAgentLoad } from "../../modules/chat/presence.js";
import type { BroadcasterOptions } from "../broadcaster.js";
import { rooms } from "../rooms.js";

export function installPresenceBroadcaster({ io, bus, logger }: BroadcasterOptions): () => void {
  const log = logger.child({ module: "broadcaster", domain: "presence" });
  return bus.on(
    "presence.changed",
    ({ agentId }) => {
      findAgentLoad(agentId)
        .then((load) => {
          if (load) io.to(rooms.agents()).emit("presence.changed", presentPresence(load));
        })
        .catch((err: unknown) => log.warn({ err }, "presence not published"));
    },
    { origin: "local" },
  );
}
