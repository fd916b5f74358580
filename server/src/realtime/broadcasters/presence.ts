/** `presence.changed` (an agent's presence or load) → the agent consoles (`agents` room). */
import { AgentLoadModel } from "../../modules/chat/agent-load.model.js";
import { presentPresence } from "../../modules/chat/chat-presenter.js";
import type { BroadcasterOptions } from "../broadcaster.js";
import { rooms } from "../rooms.js";

export function installPresenceBroadcaster({ io, bus, logger }: BroadcasterOptions): () => void {
  const log = logger.child({ module: "broadcaster", domain: "presence" });
  return bus.on(
    "presence.changed",
    ({ agentId }) => {
      AgentLoadModel.findById(agentId)
        .lean()
        .exec()
        .then((load) => {
          if (load) io.to(rooms.agents()).emit("presence.changed", presentPresence(load));
        })
        .catch((err: unknown) => log.warn({ err }, "presence not published"));
    },
    { origin: "local" },
  );
}
