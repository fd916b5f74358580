/**
 * The conversation engine end to end in one process: a school person in the portal and an agent in the console,
 * over real HTTP and socket.io-client. Messages, idempotency, replay, receipts, malformed input, authorization,
 * the chat token, the end with contact moment and transcript.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArchiveItemModel } from "../../../server/src/modules/archive/archive-item.model.js";
import { ContactMomentModel } from "../../../server/src/modules/contact-moments/contact-moment.model.js";
import { AgentLoadModel } from "../../../server/src/modules/chat/agent-load.model.js";
import { ChatMessageModel } from "../../../server/src/modules/chat/message.model.js";
import { ConversationModel } from "../../../server/src/modules/chat/conversation.model.js";
import type { MessageView } from "../../../server/src/contracts/realtime.js";
import { createSchool } from "../../factories/index.js";
import { startSimulatorServer } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { connectChat, loginAgent, loginSchoolPerson, uuid, type ChatClient } from "./helpers.js";

let server: TestServer;
const open: ChatClient[] = [];
const track = (c: ChatClient) => (open.push(c), c);

beforeAll(async () => {
  server = await startSimulatorServer();
  server.chat.setOpeningHours(() => true);
});
afterAll(async () => {
  for (const c of open) c.close();
  await server?.stop();
});

/** A school person with a started conversation assigned to a fresh online agent. */
async function chatWithAgent() {
  const school = await createSchool();
  const person = await loginSchoolPerson(server, school._id);
  const agent = await loginAgent(server, { maxConcurrentChats: 20 });
  // Agents of earlier tests go offline, so this chat is routed to this test's agent.
  await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
  const agentSocket = track(await connectChat(server.url, { http: agent.http }));
  await agentSocket.ok("presence.set", { status: "online" });
  const contact = track(await connectChat(server.url, { http: person.http }));
  const started = await contact.ok("conversation.start", {});
  const conversationId = started.conversation.id;
  await contact.waitFor("conversation.updated", (c) => c.id === conversationId && c.state === "assigned" && c.assignedAgent?.id === agent.agentId);
  await agentSocket.waitFor("conversation.updated", (c) => c.id === conversationId && c.state === "assigned");
  return { school, person, agent, agentSocket, contact, conversationId };
}

describe("conversation engine", () => {
  it("stores a message once per clientMessageId: a retry returns the original with the same seq", async () => {
    const { contact, agentSocket, conversationId } = await chatWithAgent();
    const clientMessageId = uuid();
    const first = await contact.ok("message.send", { conversationId, clientMessageId, text: "Goedemorgen, een vraag over de GTB" });
    const retry = await contact.ok("message.send", { conversationId, clientMessageId, text: "Goedemorgen, een vraag over de GTB" });
    expect(retry.message.id).toBe(first.message.id);
    expect(retry.message.seq).toBe(first.message.seq);
    expect(await ChatMessageModel.countDocuments({ conversationId, clientMessageId })).toBe(1);
    // Concurrent duplicates too.
    const cid = uuid();
    const both = await Promise.all([1, 2, 3].map(() => contact.ok("message.send", { conversationId, clientMessageId: cid, text: "tegelijk" })));
    expect(new Set(both.map((b) => b.message.id)).size).toBe(1);
    expect(await ChatMessageModel.countDocuments({ conversationId, clientMessageId: cid })).toBe(1);
    const seen = await agentSocket.waitFor("message.created", (m) => m.id === first.message.id);
    expect(seen.text).toBe("Goedemorgen, een vraag over de GTB");
  });

  it("replays what a client missed after a reconnect, from its last seq", async () => {
    const { person, contact, agentSocket, conversationId } = await chatWithAgent();
    const a = await contact.ok("message.send", { conversationId, clientMessageId: uuid(), text: "een" });
    contact.close();
    const replies: MessageView[] = [];
    for (const text of ["twee", "drie", "vier"]) replies.push((await agentSocket.ok("message.send", { conversationId, clientMessageId: uuid(), text })).message);
    const again = track(await connectChat(server.url, { http: person.http }));
    const resumed = await again.ok("conversation.resume", { conversationId, lastSeq: a.message.seq });
    expect(resumed.messages.map((m) => m.text)).toEqual(["twee", "drie", "vier"]);
    expect(resumed.messages.map((m) => m.seq)).toEqual(replies.map((r) => r.seq));
    expect(resumed.hasMore).toBe(false);
    // Receiving them by replay counts as delivered.
    await agentSocket.waitFor("message.statusChanged", (s) => s.conversationId === conversationId && s.status === "delivered" && s.ofSender === "agent" && s.upToSeq === replies.at(-1)!.seq);
  });

  it("shows delivered when the other side's socket acked, and read after markRead, to both sides", async () => {
    const { contact, agentSocket, conversationId } = await chatWithAgent();
    const sent = await contact.ok("message.send", { conversationId, clientMessageId: uuid(), text: "Is dit aangekomen?" });
    const delivered = await contact.waitFor("message.statusChanged", (s) => s.conversationId === conversationId && s.status === "delivered" && s.upToSeq >= sent.message.seq);
    expect(delivered.ofSender).toBe("contact");
    await agentSocket.ok("message.markRead", { conversationId, upToSeq: sent.message.seq });
    await contact.waitFor("message.statusChanged", (s) => s.status === "read" && s.ofSender === "contact" && s.upToSeq === sent.message.seq);
    await agentSocket.waitFor("message.statusChanged", (s) => s.status === "read" && s.ofSender === "contact");
    const stored = await ChatMessageModel.findById(sent.message.id).lean();
    expect(stored?.deliveredAt).toBeInstanceOf(Date);
    expect(stored?.readAt).toBeInstanceOf(Date);
  });

  it("forwards typing both ways and never stores it", async () => {
    const { contact, agentSocket, conversationId } = await chatWithAgent();
    await contact.ok("typing.set", { conversationId, typing: true });
    const seen = await agentSocket.waitFor("typing.changed", (t) => t.conversationId === conversationId && t.who === "contact" && t.typing);
    expect(seen.name).toBeTruthy();
    await agentSocket.ok("typing.set", { conversationId, typing: true });
    await contact.waitFor("typing.changed", (t) => t.conversationId === conversationId && t.who === "agent" && t.typing);
    expect(contact.received["typing.changed"]?.some((t) => t.who === "contact")).toBe(false);
  });

  it("keeps internal notes away from the school", async () => {
    const { contact, agentSocket, conversationId, person } = await chatWithAgent();
    const note = await agentSocket.ok("note.add", { conversationId, clientMessageId: uuid(), text: "Intern: bestuur bellen" });
    expect(note.message.internal).toBe(true);
    const visible = await agentSocket.ok("message.send", { conversationId, clientMessageId: uuid(), text: "Ik zoek het voor u uit" });
    await contact.waitFor("message.created", (m) => m.id === visible.message.id);
    expect(contact.received["message.created"]?.some((m) => m.internal)).toBe(false);
    const resumed = await contact.ok("conversation.resume", { conversationId, lastSeq: 0 });
    expect(resumed.messages.some((m) => m.internal)).toBe(false);
    const transcript = await person.http.get<{ messages: { internal: boolean }[] }>(`/api/v1/chat/conversations/${conversationId}`);
    expect(transcript.status).toBe(200);
    expect(transcript.body.messages.some((m) => m.internal)).toBe(false);
  });

  it("answers malformed commands with an error ack and keeps serving", async () => {
    const { contact, conversationId } = await chatWithAgent();
    const raw = contact.socket.timeout(5_000) as unknown as { emitWithAck(name: string, ...args: unknown[]): Promise<{ ok: boolean; error?: { id: string } }> };
    const bad: unknown[][] = [
      ["message.send", "not an object"],
      ["message.send", null],
      ["message.send", { conversationId, clientMessageId: "not-a-uuid", text: "x" }],
      ["message.send", { conversationId: { $ne: null }, clientMessageId: uuid(), text: "x" }],
      ["message.send", { conversationId, clientMessageId: uuid(), text: 42 }],
      ["conversation.resume", { conversationId, lastSeq: -1 }],
      ["typing.set", { conversationId, typing: "ja" }],
      ["queue.pick", { conversationId }],
      ["conversation.rate", { conversationId, score: 9 }],
    ];
    for (const [name, ...args] of bad) {
      const ack = await raw.emitWithAck(name as string, ...args).catch((err: unknown) => {
        throw new Error(`${String(name)} ${JSON.stringify(args)}: ${String(err)}`);
      });
      expect(ack.ok, `${String(name)} ${JSON.stringify(args)}`).toBe(false);
      expect(["validation_failed", "forbidden", "conversation_not_ended"]).toContain(ack.error?.id);
    }
    const long = await contact.cmd("message.send", { conversationId, clientMessageId: uuid(), text: "x".repeat(2001) });
    expect(long.ok || long.error.id).toBe("message_too_long");
    // No ack callback at all, an unknown event, a bare function: nothing may crash.
    (contact.socket as unknown as { emit(n: string, ...a: unknown[]): void }).emit("message.send", { conversationId, clientMessageId: uuid(), text: "zonder ack" });
    (contact.socket as unknown as { emit(n: string, ...a: unknown[]): void }).emit("does.notExist", { a: 1 }, () => undefined);
    (contact.socket as unknown as { emit(n: string, ...a: unknown[]): void }).emit("message.send", () => undefined);
    const fine = await contact.ok("message.send", { conversationId, clientMessageId: uuid(), text: "Nog steeds hier" });
    expect(fine.message.seq).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("lets a school act only in its own conversations and an agent only in assigned ones", async () => {
    const { conversationId, contact } = await chatWithAgent();
    const otherSchool = await createSchool();
    const intruder = track(await connectChat(server.url, { http: (await loginSchoolPerson(server, otherSchool._id)).http }));
    for (const [name, payload] of [
      ["conversation.resume", { conversationId, lastSeq: 0 }],
      ["message.send", { conversationId, clientMessageId: uuid(), text: "hallo?" }],
      ["message.markRead", { conversationId, upToSeq: 10 }],
      ["typing.set", { conversationId, typing: true }],
      ["conversation.end", { conversationId }],
    ] as const) {
      const ack = await intruder.cmd(name, payload as never).catch((err: unknown) => {
        throw new Error(`${name}: ${String(err)}`);
      });
      expect(ack.ok ? "ok" : ack.error.id, name).toBe("conversation_not_found");
    }
    const stranger = await loginAgent(server);
    const strangerSocket = track(await connectChat(server.url, { http: stranger.http }));
    const ack = await strangerSocket.cmd("message.send", { conversationId, clientMessageId: uuid(), text: "niet de mijne" });
    expect(ack.ok ? "ok" : ack.error.id).toBe("conversation_not_found");
    const resume = await strangerSocket.cmd("conversation.resume", { conversationId, lastSeq: 0 });
    expect(resume.ok ? "ok" : resume.error.id).toBe("conversation_not_found");
    // Someone else's chat and a chat that does not exist get the very same answer (issue 16 §5).
    const transcript = await stranger.http.get(`/api/v1/chat/conversations/${conversationId}`);
    const unknown = await stranger.http.get(`/api/v1/chat/conversations/${"0".repeat(24)}`);
    expect([transcript.status, unknown.status]).toEqual([404, 404]);
    expect((transcript.body as { error: { id: string } }).error.id).toBe("conversation_not_found");
    expect((unknown.body as { error: { id: string } }).error.id).toBe("conversation_not_found");
    const unknownAck = await strangerSocket.cmd("conversation.resume", { conversationId: "0".repeat(24), lastSeq: 0 });
    expect(unknownAck.ok ? "ok" : unknownAck.error.id).toBe("conversation_not_found");
    // A school person may not send agent commands; a supervisor may read everything.
    const forbidden = await contact.cmd("presence.set", { status: "online" });
    expect(forbidden.ok ? "ok" : forbidden.error.id).toBe("forbidden");
    const supervisor = await loginAgent(server, { role: "supervisor" });
    const superSocket = track(await connectChat(server.url, { http: supervisor.http }));
    expect((await superSocket.cmd("conversation.resume", { conversationId, lastSeq: 0 })).ok).toBe(true);
    expect(intruder.received["message.created"]).toBeUndefined();
  });

  it("refuses sockets without a session, and accepts a signed chat token (not a tampered one)", async () => {
    await expect(connectChat(server.url)).rejects.toThrow("unauthenticated");
    const school = await createSchool();
    const person = await loginSchoolPerson(server, school._id);
    const res = await person.http.post<{ token: string; expiresAt: string }>("/api/v1/chat/token");
    expect(res.status).toBe(200);
    const viaToken = track(await connectChat(server.url, { token: res.body.token }));
    const started = await viaToken.ok("conversation.start", {});
    expect(started.conversation.organisation.id).toBe(String(school._id));
    const [body, mac] = res.body.token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), o: "0".repeat(24) })).toString("base64url");
    await expect(connectChat(server.url, { token: `${forged}.${mac}` })).rejects.toThrow("invalid_chat_token");
    await expect(connectChat(server.url, { origin: "https://evil.example" , token: res.body.token })).rejects.toThrow();
    const agentCannot = await (await loginAgent(server)).http.post("/api/v1/chat/token");
    expect(agentCannot.status).toBe(403);
  });

  it("ends: the school ends, the agent adds a summary, the school rates; contact moment and transcript are written", async () => {
    const { contact, agentSocket, conversationId, school, agent } = await chatWithAgent();
    await contact.ok("message.send", { conversationId, clientMessageId: uuid(), text: "Hoe wijzig ik de gemachtigde?" });
    await agentSocket.ok("message.send", { conversationId, clientMessageId: uuid(), text: "Via Mijn gegevens → Contactpersonen." });
    const ended = await contact.ok("conversation.end", { conversationId });
    expect(ended.conversation.state).toBe("ended");
    await agentSocket.waitFor("conversation.updated", (c) => c.id === conversationId && c.state === "ended");
    const late = await contact.cmd("message.send", { conversationId, clientMessageId: uuid(), text: "nog iets" });
    expect(late.ok ? "ok" : late.error.id).toBe("conversation_ended");
    const closed = await agentSocket.ok("conversation.close", { conversationId, summary: "Uitgelegd hoe de gemachtigde wordt gewijzigd." });
    expect(closed.conversation.summary).toContain("gemachtigde");
    const rated = await contact.ok("conversation.rate", { conversationId, score: 5, comment: "Snel geholpen" });
    expect(rated.conversation.rating).toEqual({ score: 5, comment: "Snel geholpen" });
    const again = await contact.cmd("conversation.rate", { conversationId, score: 1 });
    expect(again.ok ? "ok" : again.error.id).toBe("already_rated");

    const conversation = await ConversationModel.findById(conversationId).lean();
    const moment = await ContactMomentModel.findById(conversation!.contactMomentId).lean();
    expect(moment).toMatchObject({ channel: "chat", summary: "Uitgelegd hoe de gemachtigde wordt gewijzigd.", callbackRequested: false });
    expect(String(moment!.organisationId)).toBe(String(school._id));
    expect(String(moment!.agentId)).toBe(agent.agentId);
    expect(moment!.endedAt!.getTime()).toBeGreaterThanOrEqual(moment!.startedAt.getTime());
    const archived = await ArchiveItemModel.findById(conversation!.archiveItemId).lean();
    expect(archived?.body).toContain("Hoe wijzig ik de gemachtigde?");
    expect(archived?.body).toContain("Via Mijn gegevens → Contactpersonen.");
    expect(String(archived?.organisationId)).toBe(String(school._id));
  });
});
