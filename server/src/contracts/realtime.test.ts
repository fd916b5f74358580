/**
 * Type tests of the real-time contract: the Socket.IO type parameters must follow the zod schemas, so a change on
 * one side without the other breaks `npm run typecheck` (and this file's runtime checks).
 */
import type { Server, Socket as ServerSocket } from "socket.io";
import type { Socket as ClientSocket } from "socket.io-client";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import {
  AGENT_COMMANDS,
  CHAT_LIMITS,
  commandSchemas,
  CONTACT_COMMANDS,
  messageSendSchema,
  serverEventSchemas,
  type Ack,
  type ClientToServerEvents,
  type CommandResults,
  type InterServerEvents,
  type MessageView,
  type ServerToClientEvents,
  type SocketData,
} from "./realtime.js";

type BalieServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type BalieClient = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

describe("realtime contract", () => {
  it("declares one schema per server event and per command, and a result per command", () => {
    expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<keyof typeof serverEventSchemas>();
    expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<keyof typeof commandSchemas>();
    expectTypeOf<keyof CommandResults>().toEqualTypeOf<keyof typeof commandSchemas>();
    expect(Object.keys(serverEventSchemas).every((n) => /^[a-z]+\.[a-z]+[A-Z]?[a-zA-Z]*$/.test(n))).toBe(true);
  });

  it("types the payload of each event from its zod schema", () => {
    expectTypeOf<Parameters<ServerToClientEvents["message.created"]>[0]>().toEqualTypeOf<MessageView>();
    expectTypeOf<Parameters<ServerToClientEvents["queue.updated"]>[0]>().toEqualTypeOf<z.output<typeof serverEventSchemas["queue.updated"]>>();
    expectTypeOf<Parameters<ClientToServerEvents["message.send"]>[0]>().toEqualTypeOf<z.input<typeof messageSendSchema>>();
    expectTypeOf<Parameters<Parameters<ClientToServerEvents["message.send"]>[1]>[0]>().toEqualTypeOf<Ack<{ message: MessageView }>>();
  });

  it("lets the client emit only known commands with the right payload", () => {
    const emitOnly = (socket: BalieClient) => {
      socket.emit("message.send", { conversationId: "0".repeat(24), clientMessageId: crypto.randomUUID(), text: "Hallo" }, (ack) => {
        if (ack.ok) expectTypeOf(ack.data.message.seq).toEqualTypeOf<number>();
        else expectTypeOf(ack.error.id).toBeString();
      });
      // @ts-expect-error unknown command
      socket.emit("message.delete", { conversationId: "x" }, () => undefined);
      // @ts-expect-error wrong payload
      socket.emit("typing.set", { conversationId: "x", typing: "yes" }, () => undefined);
      socket.on("message.created", (message, ack) => {
        expectTypeOf(message.text).toEqualTypeOf<string>();
        ack();
      });
      // @ts-expect-error unknown server event
      socket.on("message.deleted", () => undefined);
    };
    expectTypeOf(emitOnly).toBeFunction();
  });

  it("lets the server emit only known facts and read typed socket data", () => {
    const serverSide = (io: BalieServer, socket: ServerSocket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>) => {
      io.to("agents").emit("presence.changed", { agentId: "0".repeat(24), name: "A", status: "online", activeChats: 0, maxChats: 3 });
      // @ts-expect-error unknown event
      io.to("agents").emit("presence.updated", {});
      expectTypeOf(socket.data.principal.kind).toEqualTypeOf<"contact" | "agent">();
    };
    expectTypeOf(serverSide).toBeFunction();
  });

  it("validates payloads at runtime with the same schemas", () => {
    const ok = messageSendSchema.safeParse({ conversationId: "a".repeat(24), clientMessageId: crypto.randomUUID(), text: "Hoi" });
    expect(ok.success).toBe(true);
    const long = messageSendSchema.safeParse({ conversationId: "a".repeat(24), clientMessageId: crypto.randomUUID(), text: "x".repeat(CHAT_LIMITS.messageMaxLength + 1) });
    expect(long.success).toBe(false);
    const noId = messageSendSchema.safeParse({ conversationId: "a".repeat(24), clientMessageId: "not-a-uuid", text: "Hoi" });
    expect(noId.success).toBe(false);
    for (const name of [...AGENT_COMMANDS, ...CONTACT_COMMANDS]) expect(commandSchemas[name]).toBeDefined();
  });
});
