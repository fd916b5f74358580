/**
 * Two Balie processes (spawned), one harness redis-server, one MongoDB-compatible store (embedded, started in
 * this test process, journal on disk) shared by both. A school person on node A chats with an agent on node B;
 * node A is killed with SIGKILL mid-conversation and the client moves to B; Redis is restarted mid-chat; 100 chats
 * and 5 agents with both nodes starting at once. Messages are counted in MongoDB: none lost, none duplicated.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mongoose, { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedMongo } from "../../../server/src/infra/embedded-mongo/index.js";
import { AgentLoadModel } from "../../../server/src/modules/chat/agent-load.model.js";
import { ConversationModel } from "../../../server/src/modules/chat/conversation.model.js";
import { ChatMessageModel } from "../../../server/src/modules/chat/message.model.js";
import { createAgent, createOpenAroundTheClock, createSchool } from "../../factories/index.js";
import type { HttpClient } from "../../harness/http-client.js";
import { getFreePort } from "../../harness/ports.js";
import { startRedis, type TestRedis } from "../../harness/redis.js";
import { spawnServer, type SpawnedServer } from "../../harness/server.js";
import { connectChat, eventually, loginAgent, loginSchoolPerson, sameLoginOn, sleep, uuid, type ChatClient } from "./helpers.js";

let redis: TestRedis;
let store: Awaited<ReturnType<typeof startEmbeddedMongo>>;
let dataDir: string;
let mongoUri: string;
const nodes: SpawnedServer[] = [];
const sockets: ChatClient[] = [];

async function spawnNode(): Promise<SpawnedServer> {
  const port = await getFreePort();
  const node = await spawnServer({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    EH_SIMULATOR: "true",
    MONGODB_URI: mongoUri,
    REDIS_URL: redis.url,
    LOG_LEVEL: "error",
  });
  nodes.push(node);
  return node;
}

beforeAll(async () => {
  redis = await startRedis();
  dataDir = mkdtempSync(path.join(tmpdir(), "balie-chat-cluster-"));
  store = await startEmbeddedMongo({ dataDir });
  mongoUri = store.uri.replace("/?", "/balie_chat_cluster?");
  await mongoose.connect(mongoUri);
  // The chat is open around the clock for these tests (the opening-hours suite tests the real schedule).
  await createOpenAroundTheClock();
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all(nodes.map((n) => n.kill()));
  await mongoose.disconnect();
  await store?.close();
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** A chat participant that survives its node: on failure it reconnects to the next URL, resumes and retries. */
class Participant {
  client!: ChatClient;
  /** Watermark: every message up to it is held (see contracts/realtime.ts). */
  lastSeq = 0;
  private readonly seqs = new Set<number>();
  readonly seen = new Map<string, { seq: number; clientMessageId: string | null; sender: string }>();
  private urlIndex = 0;
  constructor(
    private readonly http: HttpClient,
    private readonly urls: string[],
    private readonly conversationId: () => string,
  ) {}

  private record(m: { id: string; seq: number; clientMessageId: string | null; sender: { kind: string } }, fromResume = false) {
    this.seen.set(m.id, { seq: m.seq, clientMessageId: m.clientMessageId, sender: m.sender.kind });
    this.seqs.add(m.seq);
    if (fromResume) this.lastSeq = Math.max(this.lastSeq, m.seq);
    while (this.seqs.has(this.lastSeq + 1)) this.lastSeq++;
  }

  async connect(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const url = this.urls[this.urlIndex % this.urls.length]!;
      try {
        this.client = await connectChat(url, { http: sameLoginOn(this.http, url) });
        sockets.push(this.client);
        this.client.socket.on("message.created", (m) => this.record(m));
        this.client.socket.on("disconnect", () => undefined);
        return;
      } catch (err) {
        this.urlIndex++;
        if (attempt > 20) throw err;
        await sleep(200);
      }
    }
  }

  /** Replays everything after lastSeq (as on every reconnect). */
  async resume(): Promise<void> {
    for (let more = true; more; ) {
      const r = await this.client.ok("conversation.resume", { conversationId: this.conversationId(), lastSeq: this.lastSeq });
      for (const m of r.messages) this.record(m, true);
      more = r.hasMore;
    }
  }

  /** Sends with a fixed clientMessageId until acknowledged, failing over to the next node. */
  async send(text: string): Promise<string> {
    const clientMessageId = uuid();
    for (let attempt = 0; ; attempt++) {
      const ack = await this.client.cmd("message.send", { conversationId: this.conversationId(), clientMessageId, text }, 2_000).catch(() => null);
      if (ack?.ok) {
        this.record(ack.data.message);
        return clientMessageId;
      }
      if (ack && !ack.ok && ack.error.id === "rate_limited") {
        await sleep(Number(ack.error.details?.retryAfterMs ?? 500));
        continue;
      }
      if (attempt > 30) throw new Error(`send failed: ${JSON.stringify(ack)}`);
      if (!this.client.socket.connected) {
        this.client.close();
        this.urlIndex++;
        await this.connect();
        await this.resume().catch(() => undefined);
      } else await sleep(200);
    }
  }
}

// Spawning and killing processes on a 2-core machine while the rest of the suite runs: give each case room.
describe("two nodes over Redis", { timeout: 90_000 }, () => {
  it("school on node A, agent on node B; kill -9 A mid-conversation: none lost, none duplicated", async () => {
    const [a, b] = [await spawnNode(), await spawnNode()];
    const school = await createSchool();
    const person = await loginSchoolPerson(a, school._id);
    const agent = await loginAgent(b, { maxConcurrentChats: 5 });
    await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });

    let conversationId = "";
    const agentSide = new Participant(agent.http, [b.url], () => conversationId);
    await agentSide.connect();
    await agentSide.client.ok("presence.set", { status: "online" });
    const schoolSide = new Participant(person.http, [a.url, b.url], () => conversationId);
    await schoolSide.connect();
    conversationId = (await schoolSide.client.ok("conversation.start", {})).conversation.id;
    await schoolSide.client.waitFor("conversation.updated", (c) => c.id === conversationId && c.assignedAgent?.id === agent.agentId);
    await agentSide.resume();

    const fromSchool: string[] = [];
    const fromAgent: string[] = [];
    const killed = (async () => {
      await eventually(async () => fromSchool.length >= 8, 20_000, 10);
      await a.kill();
    })();
    for (let i = 0; i < 24; i++) {
      fromSchool.push(await schoolSide.send(`school ${i}`));
      if (i % 3 === 0) fromAgent.push(await agentSide.send(`agent ${i}`));
    }
    await killed;
    expect((schoolSide.client.socket.io as unknown as { uri: string }).uri).toContain(String(b.port));

    await schoolSide.resume();
    await agentSide.resume();
    const stored = await ChatMessageModel.find({ conversationId: new Types.ObjectId(conversationId) }).lean();
    // Every sent message exactly once in MongoDB, with distinct seqs.
    for (const id of [...fromSchool, ...fromAgent]) expect(stored.filter((m) => m.clientMessageId === id)).toHaveLength(1);
    expect(stored).toHaveLength(fromSchool.length + fromAgent.length);
    expect(new Set(stored.map((m) => m.seq)).size).toBe(stored.length);
    // Both sides hold every message once (by id), none missing.
    const ids = new Set(stored.map((m) => String(m._id)));
    expect(new Set(schoolSide.seen.keys())).toEqual(ids);
    expect(new Set(agentSide.seen.keys())).toEqual(ids);
  });

  it("Redis restarted mid-chat: none lost, none duplicated", async () => {
    const alive = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
    const b = alive[0]!;
    const c = await spawnNode();
    const school = await createSchool();
    const person = await loginSchoolPerson(c, school._id);
    const agent = await loginAgent(b, { maxConcurrentChats: 5 });
    await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
    let conversationId = "";
    const agentSide = new Participant(agent.http, [b.url], () => conversationId);
    await agentSide.connect();
    await agentSide.client.ok("presence.set", { status: "online" });
    const schoolSide = new Participant(person.http, [c.url, b.url], () => conversationId);
    await schoolSide.connect();
    conversationId = (await schoolSide.client.ok("conversation.start", {})).conversation.id;
    await eventually(async () => (await ConversationModel.findById(conversationId).lean())?.assignedAgentId?.toString() === agent.agentId);

    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      if (i === 6) await redis.restart();
      sent.push(await schoolSide.send(`school ${i}`));
      if (i % 2 === 0) sent.push(await agentSide.send(`agent ${i}`));
    }
    await schoolSide.resume();
    await agentSide.resume();
    const stored = await ChatMessageModel.find({ conversationId: new Types.ObjectId(conversationId) }).lean();
    for (const id of sent) expect(stored.filter((m) => m.clientMessageId === id)).toHaveLength(1);
    expect(stored).toHaveLength(sent.length);
    const ids = new Set(stored.map((m) => String(m._id)));
    expect(new Set(schoolSide.seen.keys())).toEqual(ids);
    expect(new Set(agentSide.seen.keys())).toEqual(ids);
  });

  it("100 chats, 5 agents, 2 nodes started at once: no double assignment, capacity never exceeded", async () => {
    await Promise.all(nodes.map((n) => n.kill()));
    await ConversationModel.updateMany({ state: { $in: ["queued", "assigned"] } }, { $set: { state: "ended" }, $unset: { activeKey: 1 } });
    await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
    const agents = await Promise.all(Array.from({ length: 5 }, () => createAgent({ maxConcurrentChats: 3 })));
    await AgentLoadModel.insertMany(
      agents.map((g) => ({ _id: g._id, name: g.displayName, status: "online", activeChats: 0, maxChats: 3, freeSlots: 3, lastAssignedAtMs: 0 })),
    );
    const school = await createSchool();
    const at = Date.now();
    await ConversationModel.insertMany(
      Array.from({ length: 100 }, (_, i) => ({
        organisationId: school._id,
        organisation: { code: school.code, name: school.name },
        contact: { name: `Persoon ${i}`, pseudonym: `p-${i}` },
        state: "queued",
        queueRank: at + i,
        queuedAt: new Date(at + i),
        activeKey: `${String(school._id)}:p-${i}`,
      })),
    );
    await Promise.all([spawnNode(), spawnNode()]);
    const ids = agents.map((g) => g._id);
    await eventually(async () => (await ConversationModel.countDocuments({ state: "assigned", assignedAgentId: { $in: ids } })) === 15, 20_000);
    await sleep(1_000); // let any late pass finish
    const loads = await AgentLoadModel.find({ _id: { $in: ids } }).lean();
    for (const load of loads) {
      const assigned = await ConversationModel.countDocuments({ state: "assigned", assignedAgentId: load._id });
      expect(assigned).toBeLessThanOrEqual(3);
      expect(load.activeChats).toBe(assigned);
      expect(load.freeSlots).toBe(3 - assigned);
    }
    expect(await ConversationModel.countDocuments({ state: "queued", activeKey: { $regex: `^${String(school._id)}` } })).toBe(85);
  });
});
