/**
 * Queue and routing in one process: live queue positions, least-busy assignment within capacity, pick,
 * transfer, the 60 s return to the front of the queue (ManualClock), slots leaked by a crash given back, the
 * per-sender rate limit, and closing time with "laat een bericht achter".
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, resetClock, setClock } from "../../../server/src/infra/clock.js";
import { ContactMomentModel } from "../../../server/src/modules/contact-moments/contact-moment.model.js";
import { AgentLoadModel } from "../../../server/src/modules/chat/agent-load.model.js";
import { ConversationModel } from "../../../server/src/modules/chat/conversation.model.js";
import { createSchool } from "../../factories/index.js";
import { startSimulatorServer } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { connectChat, eventually, loginAgent, loginSchoolPerson, sleep, uuid, type ChatClient } from "./helpers.js";

let server: TestServer;
let clock: ManualClock;
const open: ChatClient[] = [];
const track = (c: ChatClient) => (open.push(c), c);

beforeAll(async () => {
  server = await startSimulatorServer({ LOG_LEVEL: process.env.CHAT_TEST_LOG ?? "silent" });
});
afterAll(async () => {
  for (const c of open) c.close();
  await server?.stop();
});
beforeEach(async () => {
  // Real time keeps running (sockets, timeouts); chat decisions read this clock.
  clock = new ManualClock(Date.now());
  setClock(clock);
  server.chat.setOpeningHours(() => true);
  for (const c of open.splice(0)) c.close();
  // Every test starts with an empty queue and nobody online.
  await ConversationModel.updateMany({ state: { $in: ["queued", "assigned"] } }, { $set: { state: "ended" }, $unset: { activeKey: 1 } });
  for (const l of await AgentLoadModel.find({}).lean()) {
    await AgentLoadModel.updateOne({ _id: l._id }, { $set: { status: "offline", activeChats: 0, freeSlots: l.maxChats } });
  }
});
afterEach(() => resetClock());

async function schoolChat() {
  const school = await createSchool();
  const person = await loginSchoolPerson(server, school._id);
  const socket = track(await connectChat(server.url, { http: person.http }));
  const { conversation } = await socket.ok("conversation.start", {});
  return { socket, conversationId: conversation.id, school, person };
}

async function onlineAgent(maxConcurrentChats = 3) {
  const agent = await loginAgent(server, { maxConcurrentChats });
  const socket = track(await connectChat(server.url, { http: agent.http }));
  await socket.ok("presence.set", { status: "online" });
  return { ...agent, socket };
}

describe("queue and routing", () => {
  it("pushes live queue positions to waiting school persons", async () => {
    const chats = [];
    for (let i = 0; i < 3; i++) chats.push(await schoolChat());
    for (const [i, c] of chats.entries()) await c.socket.waitFor("queue.updated", (q) => q.kind === "position" && q.position === i + 1 && q.queueLength === 3);
    await chats[0]!.socket.ok("conversation.end", { conversationId: chats[0]!.conversationId });
    await chats[1]!.socket.waitFor("queue.updated", (q) => q.kind === "position" && q.position === 1 && q.queueLength === 2);
    await chats[2]!.socket.waitFor("queue.updated", (q) => q.kind === "position" && q.position === 2 && q.queueLength === 2);
    const agent = await loginAgent(server);
    const queue = await agent.http.get<{ entries: { conversationId: string; position: number; waitingMs: number }[] }>("/api/v1/chat/queue");
    expect(queue.body.entries.map((e) => e.conversationId)).toEqual([chats[1]!.conversationId, chats[2]!.conversationId]);
  });

  it("assigns to the least-busy online agent and never above capacity", async () => {
    const a = await onlineAgent(2);
    const b = await onlineAgent(2);
    const paused = await onlineAgent(5);
    await paused.socket.ok("presence.set", { status: "pause" });
    const chats = [];
    for (let i = 0; i < 5; i++) chats.push(await schoolChat());
    await eventually(async () => (await ConversationModel.countDocuments({ state: "assigned" })) === 4);
    await server.chat.dispatchNow();
    const loads = await AgentLoadModel.find({ _id: { $in: [a.agentId, b.agentId, paused.agentId] } }).lean();
    const byId = new Map(loads.map((l) => [String(l._id), l]));
    expect(byId.get(a.agentId)).toMatchObject({ activeChats: 2, freeSlots: 0 });
    expect(byId.get(b.agentId)).toMatchObject({ activeChats: 2, freeSlots: 0 });
    expect(byId.get(paused.agentId)).toMatchObject({ activeChats: 0 });
    // Least busy: the first two chats went to different agents.
    const first = await ConversationModel.find({ _id: { $in: chats.slice(0, 2).map((c) => c.conversationId) } }).lean();
    expect(new Set(first.map((c) => String(c.assignedAgentId))).size).toBe(2);
    await chats[4]!.socket.waitFor("queue.updated", (q) => q.kind === "position" && q.position === 1);
    // A picked chat respects capacity too.
    const pick = await a.socket.cmd("queue.pick", { conversationId: chats[4]!.conversationId });
    expect(pick.ok ? "ok" : pick.error.id).toBe("agent_at_capacity");
    // Capacity raised by a supervisor → the waiting chat is routed at once.
    const supervisor = await loginAgent(server, { role: "supervisor" });
    const res = await supervisor.http.json("PATCH", `/api/v1/agents/${a.agentId}/capacity`, { maxConcurrentChats: 3 });
    expect(res.status).toBe(200);
    await chats[4]!.socket.waitFor("conversation.updated", (c) => c.state === "assigned" && c.assignedAgent?.id === a.agentId);
    const overview = await supervisor.http.get<{ queueLength: number; activeConversations: number; agents: { agentId: string; activeChats: number }[] }>("/api/v1/chat/overview");
    expect(overview.body.queueLength).toBe(0);
    expect(overview.body.agents.find((x) => x.agentId === a.agentId)?.activeChats).toBe(3);
  });

  it("lets an agent pick from the queue and transfer to a colleague", async () => {
    const chat = await schoolChat();
    const a = await onlineAgent();
    await chat.socket.waitFor("conversation.updated", (c) => c.state === "assigned");
    const b = await onlineAgent();
    const other = await schoolChat();
    // b is the least busy now, so the new chat went to b; a picks nothing (queue empty) and transfers to b.
    await other.socket.waitFor("conversation.updated", (c) => c.assignedAgent?.id === b.agentId);
    const picked = await a.socket.cmd("queue.pick", { conversationId: other.conversationId });
    expect(picked.ok ? "ok" : picked.error.id).toBe("not_in_queue");
    const moved = await a.socket.ok("conversation.transfer", { conversationId: chat.conversationId, toAgentId: b.agentId });
    expect(moved.conversation.assignedAgent?.id).toBe(b.agentId);
    await b.socket.waitFor("conversation.updated", (c) => c.id === chat.conversationId && c.assignedAgent?.id === b.agentId);
    await a.socket.waitFor("conversation.updated", (c) => c.id === chat.conversationId && c.assignedAgent?.id === b.agentId);
    const sent = await b.socket.ok("message.send", { conversationId: chat.conversationId, clientMessageId: uuid(), text: "Ik neem het over" });
    await chat.socket.waitFor("message.created", (m) => m.id === sent.message.id);
    const refused = await a.socket.cmd("message.send", { conversationId: chat.conversationId, clientMessageId: uuid(), text: "nog van mij?" });
    expect(refused.ok ? "ok" : refused.error.id).toBe("conversation_not_found");
    const loads = await AgentLoadModel.find({ _id: { $in: [a.agentId, b.agentId] } }).lean();
    expect(Object.fromEntries(loads.map((l) => [String(l._id), l.activeChats]))).toEqual({ [a.agentId]: 0, [b.agentId]: 2 });
  });

  it("returns a chat to the FRONT of the queue when its agent is gone for more than 60 s", async () => {
    const agent = await onlineAgent(1);
    const first = await schoolChat();
    await first.socket.waitFor("conversation.updated", (c) => c.state === "assigned");
    const second = await schoolChat();
    await second.socket.waitFor("queue.updated", (q) => q.kind === "position" && q.position === 1).catch((e: unknown) => {
      throw new Error(`second not at position 1: ${JSON.stringify(second.socket.received)} ${String(e)}`);
    });
    agent.socket.close();
    await sleep(300); // let the server see the disconnect (its heartbeats for this agent stop)
    first.socket.clear();
    clock.advance(59_000);
    await server.chat.sweepNow();
    expect((await ConversationModel.findById(first.conversationId).lean())?.state).toBe("assigned");
    clock.advance(2_000);
    await server.chat.sweepNow();
    const back = await first.socket.waitFor("conversation.updated", (c) => c.state === "queued");
    expect(back.queuePosition).toBe(1);
    await second.socket.waitFor("queue.updated", (q) => q.kind === "position" && q.position === 2).catch((e: unknown) => {
      throw new Error(`second not at position 2: ${JSON.stringify(second.socket.received)} ${String(e)}`);
    });
    expect((await AgentLoadModel.findById(agent.agentId).lean())).toMatchObject({ status: "offline", activeChats: 0 });
    // The next agent gets the returned chat first.
    const next = await onlineAgent(1);
    await first.socket.waitFor("conversation.updated", (c) => c.state === "assigned" && c.assignedAgent?.id === next.agentId);
  });

  it("gives back a slot leaked by a crash between charging an agent and moving the chat, after it stayed wrong for 60 s", async () => {
    const agent = await onlineAgent(1);
    // What a process that died right after charging the agent (step 1 of a move, never step 2) leaves behind.
    await AgentLoadModel.updateOne({ _id: agent.agentId }, { $inc: { activeChats: 1, freeSlots: -1 }, $set: { lastAssignedAtMs: clock.nowMs() } });
    await server.availability.tick();
    expect((await agent.http.get<{ available: boolean }>("/api/v1/availability")).body.available).toBe(false);
    const waiting = await schoolChat();
    await waiting.socket.waitFor("queue.updated", (q) => q.kind === "position" && q.position === 1);

    await server.chat.sweepNow(); // first seen
    clock.advance(59_000);
    await server.chat.sweepNow();
    expect(await AgentLoadModel.findById(agent.agentId).lean()).toMatchObject({ activeChats: 1, freeSlots: 0 });
    expect((await ConversationModel.findById(waiting.conversationId).lean())?.state).toBe("queued");
    clock.advance(2_000);
    await server.chat.sweepNow();
    await waiting.socket.waitFor("conversation.updated", (c) => c.state === "assigned" && c.assignedAgent?.id === agent.agentId);
    expect(await AgentLoadModel.findById(agent.agentId).lean()).toMatchObject({ activeChats: 1, freeSlots: 0 });
  });

  it("does not touch a slot count that routing changes in the meantime", async () => {
    const agent = await onlineAgent(2);
    await AgentLoadModel.updateOne({ _id: agent.agentId }, { $inc: { activeChats: 1, freeSlots: -1 }, $set: { lastAssignedAtMs: clock.nowMs() } });
    await server.chat.sweepNow(); // mismatch first seen: 1 charged, 0 assigned
    // A chat arrives and is routed normally: the agent is charged again (2) and gets it (1 assigned).
    const chat = await schoolChat();
    await chat.socket.waitFor("conversation.updated", (c) => c.state === "assigned");
    clock.advance(61_000);
    await server.chat.sweepNow(); // a different mismatch (2 vs 1): the clock starts again
    expect(await AgentLoadModel.findById(agent.agentId).lean()).toMatchObject({ activeChats: 2, freeSlots: 0 });
    clock.advance(61_000);
    await server.chat.sweepNow();
    expect(await AgentLoadModel.findById(agent.agentId).lean()).toMatchObject({ activeChats: 1, freeSlots: 1 });
  });

  it("rate-limits each sender (token bucket) with retryAfterMs", async () => {
    await onlineAgent();
    const chat = await schoolChat();
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await chat.socket.cmd("message.send", { conversationId: chat.conversationId, clientMessageId: uuid(), text: `bericht ${i}` }));
    expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
    const refused = results[10]!;
    expect(refused.ok ? "ok" : refused.error.id).toBe("rate_limited");
    expect(refused.ok ? 0 : Number(refused.error.details?.retryAfterMs)).toBeGreaterThan(0);
    // A retry of a stored message is not a new message: never rate-limited.
    const again = await chat.socket.cmd("message.send", { conversationId: chat.conversationId, clientMessageId: (results[0] as { ok: true; data: { message: { clientMessageId: string } } }).data.message.clientMessageId, text: "bericht 0" });
    expect(again.ok).toBe(true);
    clock.advance(1_000);
    expect((await chat.socket.cmd("message.send", { conversationId: chat.conversationId, clientMessageId: uuid(), text: "na een seconde" })).ok).toBe(true);
  });

  it("at closing time: no new chats, running chats go on, waiting chats are offered to leave a message → callback contact moment", async () => {
    const agent = await onlineAgent(1);
    const running = await schoolChat();
    await running.socket.waitFor("conversation.updated", (c) => c.state === "assigned");
    const waiting = await schoolChat();
    server.chat.setOpeningHours(() => false);
    const late = await track(await connectChat(server.url, { http: (await loginSchoolPerson(server, (await createSchool())._id)).http })).cmd("conversation.start", {});
    expect(late.ok ? "ok" : late.error.id).toBe("chat_closed");
    // The running chat goes on.
    const reply = await agent.socket.ok("message.send", { conversationId: running.conversationId, clientMessageId: uuid(), text: "We ronden af" });
    await running.socket.waitFor("message.created", (m) => m.id === reply.message.id);
    // The waiting chat is offered "laat een bericht achter".
    await server.chat.sweepNow();
    await waiting.socket.waitFor("conversation.updated", (c) => c.id === waiting.conversationId && c.offerLeaveMessage);
    const left = await waiting.socket.ok("conversation.leaveMessage", { conversationId: waiting.conversationId, text: "Graag terugbellen over de bekostiging", phone: "030 123 4567" });
    expect(left.conversation.state).toBe("left_message");
    const moment = await ContactMomentModel.findById(left.contactMomentId).lean();
    expect(moment).toMatchObject({ channel: "chat", callbackRequested: true });
    expect(String(moment!.organisationId)).toBe(String(waiting.school._id));
    expect(moment!.summary).toContain("Graag terugbellen over de bekostiging");
    expect(moment!.summary).toContain("030 123 4567");
    // Leaving it twice does not make a second moment.
    const twice = await waiting.socket.ok("conversation.leaveMessage", { conversationId: waiting.conversationId, text: "nogmaals" });
    expect(twice.contactMomentId).toBe(left.contactMomentId);
  });
});
