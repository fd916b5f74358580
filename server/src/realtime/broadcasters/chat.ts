/**
 * Chat facts → wire events:
 * - `chat.messageCreated` → `message.created` to both sides (internal notes: agents only). The recipient side
 *   gets it with an ack; the first acks mark the message delivered (`deliveryRecorder`).
 * - `chat.messageStatusChanged` → `message.statusChanged` to both sides.
 * - `chat.typingChanged` → `typing.changed` to the other side.
 * - `chat.conversationChanged` → joins/leaves the agent consoles concerned, then `conversation.updated` to both
 *   sides and to the consoles of the assigned and previous agent.
 * - `chat.queueChanged` → (coalesced) `queue.updated` to agents (the whole line) and to each waiting school
 *   person (its position).
 */
import type { PartyKind } from "../../contracts/realtime.js";
import { otherParty } from "../../modules/chat/conversation-access.js";
import { deliveryRecorder } from "../../modules/chat/commands/receipts.js";
import { queueSnapshot } from "../../modules/chat/queue.js";
import type { BroadcasterOptions } from "../broadcaster.js";
import { rooms } from "../rooms.js";

/** How long the broadcaster waits for delivery acks of one message. */
const DELIVERY_ACK_TIMEOUT_MS = 5_000;
/** Delivery acks within this window become one receipt per conversation side. */
const DELIVERY_COALESCE_MS = 25;
/** Queue changes within this window become one `queue.updated`. */
const QUEUE_COALESCE_MS = 50;

export function installChatBroadcaster({ io, bus, chat, logger }: BroadcasterOptions): () => void {
  const log = logger.child({ module: "broadcaster", domain: "chat" });

  // Delivery acks are coalesced per conversation and side: one watermark update per burst, not per message.
  const pendingDelivery = new Map<string, { conversationId: string; ofSender: PartyKind; upToSeq: number }>();
  let deliveryTimer: NodeJS.Timeout | null = null;
  const flushDeliveries = () => {
    deliveryTimer = null;
    const batch = [...pendingDelivery.values()];
    pendingDelivery.clear();
    for (const d of batch) {
      deliveryRecorder({ ctx: chat, ...d }).catch((err: unknown) => log.warn({ err }, "delivery not recorded"));
    }
  };
  const delivered = (conversationId: string, ofSender: PartyKind, upToSeq: number) => {
    const key = `${conversationId}:${ofSender}`;
    const current = pendingDelivery.get(key);
    if (!current || current.upToSeq < upToSeq) pendingDelivery.set(key, { conversationId, ofSender, upToSeq });
    deliveryTimer ??= setTimeout(flushDeliveries, DELIVERY_COALESCE_MS);
  };

  const offMessage = bus.on(
    "chat.messageCreated",
    ({ message }) => {
      const id = message.conversationId;
      if (message.internal) {
        io.to(rooms.conversation(id, "agent")).emit("message.created", message, () => undefined);
        return;
      }
      if (message.sender.kind === "system") {
        io.to(rooms.conversationBoth(id)).emit("message.created", message, () => undefined);
        return;
      }
      const sender = message.sender.kind;
      io.to(rooms.conversation(id, sender)).emit("message.created", message, () => undefined);
      io.to(rooms.conversation(id, otherParty(sender)))
        .timeout(DELIVERY_ACK_TIMEOUT_MS)
        .emit("message.created", message, (_err: Error | null, ...rest: unknown[]) => {
          // Socket.IO passes (err, responses); err is set when some socket did not answer in time.
          const acks = rest[0];
          if (!Array.isArray(acks) || acks.length === 0) return;
          delivered(id, sender, message.seq);
        });
    },
    { origin: "local" },
  );

  const offStatus = bus.on(
    "chat.messageStatusChanged",
    (status) => io.to(rooms.conversationBoth(status.conversationId)).emit("message.statusChanged", status),
    { origin: "local" },
  );

  const offTyping = bus.on(
    "chat.typingChanged",
    (typing) => io.to(rooms.conversation(typing.conversationId, otherParty(typing.who))).emit("typing.changed", typing),
    { origin: "local" },
  );

  const offConversation = bus.on(
    "chat.conversationChanged",
    ({ conversation, previousAgentId }) => {
      const agentRoom = rooms.conversation(conversation.id, "agent");
      const assigned = conversation.state === "assigned" ? (conversation.assignedAgent?.id ?? null) : null;
      if (assigned) io.in(rooms.agent(assigned)).socketsJoin(agentRoom);
      const targets = [...rooms.conversationBoth(conversation.id)];
      if (assigned) targets.push(rooms.agent(assigned));
      if (previousAgentId && previousAgentId !== assigned) targets.push(rooms.agent(previousAgentId));
      io.to(targets).emit("conversation.updated", conversation);
      // After the update, so the previous agent's console still hears that the chat went elsewhere.
      if (previousAgentId && previousAgentId !== assigned) io.in(rooms.agent(previousAgentId)).socketsLeave(agentRoom);
    },
    { origin: "local" },
  );

  let queueTimer: NodeJS.Timeout | null = null;
  const publishQueue = async () => {
    queueTimer = null;
    const snapshot = await queueSnapshot();
    io.to(rooms.agents()).emit("queue.updated", { kind: "queue", at: snapshot.at, entries: snapshot.entries });
    const queueLength = snapshot.entries.length;
    for (const entry of snapshot.entries) {
      io.to(rooms.conversation(entry.conversationId, "contact")).emit("queue.updated", {
        kind: "position",
        conversationId: entry.conversationId,
        position: entry.position,
        queueLength,
      });
    }
  };
  const offQueue = bus.on(
    "chat.queueChanged",
    () => {
      queueTimer ??= setTimeout(() => void publishQueue().catch((err: unknown) => log.warn({ err }, "queue not published")), QUEUE_COALESCE_MS);
    },
    { origin: "local" },
  );

  return () => {
    if (queueTimer) clearTimeout(queueTimer);
    if (deliveryTimer) clearTimeout(deliveryTimer);
    for (const off of [offMessage, offStatus, offTyping, offConversation, offQueue]) off();
  };
}

