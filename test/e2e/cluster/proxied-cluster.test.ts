/**
 * The production topology on one machine, with real parts (issue 11 §2): two Balie processes from the compiled
 * build in production mode, the embedded store as its own process-level service, a harness redis-server, and
 * Debian's HAProxy with the repository's `deploy/haproxy.cfg` in front (HTTP + WebSocket, SSE unbuffered,
 * sticky cookie for polling, /readyz health checks). A school chats in Chromium through the proxy with an agent
 * (socket.io-client, also through the proxy) while:
 * 1. the node serving the school is killed with SIGKILL;
 * 2. Redis is restarted;
 * 3. both nodes are restarted one at a time with SIGTERM (the proxy drains each via /readyz).
 * After each, every message is stored exactly once and shown exactly once on both sides; after the kill, the
 * school's availability stream (SSE) has moved to the surviving node and follows the agent's status again.
 * As in the compose file, `npm run migrate` (compiled) creates the indexes before any node starts: production
 * nodes do not build them and refuse to start without them.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import mongoose, { Types } from "mongoose";
import type { Browser, Page } from "playwright-core";
import { io as connectIo, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedMongo } from "../../../server/src/infra/embedded-mongo/index.js";
import { ChatMessageModel } from "../../../server/src/modules/chat/message.model.js";
import { ConversationModel } from "../../../server/src/modules/chat/conversation.model.js";
import { createAgent, createOpenAroundTheClock, createSchool, FACTORY_PASSWORD } from "../../factories/index.js";
import { launchBrowser, newPage } from "../../harness/browser.js";
import { buildClient } from "../../harness/client-build.js";
import { startHaproxy, type TestProxy } from "../../harness/haproxy.js";
import { HttpClient } from "../../harness/http-client.js";
import { loginAsContactWithIdentity } from "../../harness/login.js";
import { getFreePort } from "../../harness/ports.js";
import { startRedis, type TestRedis } from "../../harness/redis.js";
import { buildServer, type ServerBuild } from "../../harness/server-build.js";
import { spawnServer, type SpawnedServer } from "../../harness/server.js";
import { startSmtpCapture, type SmtpCapture } from "../../harness/smtp.js";
import { loginInBrowser } from "../portal/support.js";

let build: ServerBuild;
let cleanupClient: () => void;
let store: Awaited<ReturnType<typeof startEmbeddedMongo>>;
let dataDir: string;
let mongoUri: string;
let redis: TestRedis;
let smtp: SmtpCapture;
let proxy: TestProxy;
let browser: Browser;
const ports: number[] = [];
const nodes: SpawnedServer[] = [];
let proxyPort = 0;

function nodeEnv(port: number): Record<string, string> {
  return {
    NODE_ENV: "production",
    PORT: String(port),
    PUBLIC_URL: `http://localhost:${proxyPort}`,
    ALLOW_INSECURE_PUBLIC_URL: "true",
    SESSION_SECRET: "s".repeat(48),
    MONGODB_URI: mongoUri,
    REDIS_URL: redis.url,
    SMTP_URL: smtp.url,
    EH_SIMULATOR: "true",
    EH_SIMULATOR_ALLOW_IN_PRODUCTION: "true",
    TRUST_PROXY: "1",
    SHUTDOWN_DRAIN_MS: "3000",
    LOG_LEVEL: "error",
  };
}

async function startNode(i: 0 | 1): Promise<SpawnedServer> {
  const node = await spawnServer(nodeEnv(ports[i]!), { compiledEntry: build.entry, cwd: build.cwd, readyTimeoutMs: 60_000 });
  nodes[i] = node;
  return node;
}

beforeAll(async () => {
  const client = await buildClient();
  cleanupClient = client.cleanup;
  dataDir = mkdtempSync(path.join(tmpdir(), "balie-cluster-"));
  // Redis as production runs it: with persistence, so a restart keeps the sessions it holds.
  [build, redis, smtp] = await Promise.all([buildServer(client.outDir), startRedis({ persistDir: mkdtempSync(path.join(dataDir, "redis-")) }), startSmtpCapture()]);
  store = await startEmbeddedMongo({ dataDir: mkdtempSync(path.join(dataDir, "store-")) });
  mongoUri = store.uri.replace("/?", "/balie_cluster?");
  ports.push(await getFreePort(), await getFreePort());
  proxyPort = await getFreePort();
  // First, on the empty database (this test process's mongoose would otherwise build indexes itself).
  const migrate = await promisify(execFile)(process.execPath, [path.join(build.cwd, "server/src/migrate/cli.js")], {
    cwd: build.cwd,
    env: { ...process.env, ...nodeEnv(ports[0]!) },
  });
  expect(migrate.stdout).toContain("chat_messages: created index");
  await mongoose.connect(mongoUri);
  await createOpenAroundTheClock();
  await Promise.all([startNode(0), startNode(1)]);
  proxy = await startHaproxy([`127.0.0.1:${ports[0]}`, `127.0.0.1:${ports[1]}`], proxyPort);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.stop();
  await Promise.all(nodes.map((n) => n?.kill()));
  await mongoose.disconnect();
  await store?.close();
  await redis?.stop();
  await smtp?.close();
  build?.cleanup();
  cleanupClient?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** The agent's side, through the proxy: sends with a fixed client message id until acknowledged. */
class AgentSide {
  readonly socket: Socket;
  constructor(http: HttpClient) {
    this.socket = connectIo(proxy.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnectionDelay: 200,
      reconnectionDelayMax: 1_000,
      extraHeaders: { cookie: http.cookieHeader(), origin: proxy.url },
    });
  }
  async ready(): Promise<void> {
    if (this.socket.connected) return;
    await new Promise<void>((resolve) => this.socket.once("connect", () => resolve()));
  }
  async cmd(name: string, payload: unknown): Promise<{ ok: boolean; data?: unknown; error?: { id: string } }> {
    for (let attempt = 0; attempt < 60; attempt++) {
      const ack = await (this.socket.timeout(2_000) as unknown as { emitWithAck(n: string, p: unknown): Promise<{ ok: boolean; data?: unknown; error?: { id: string } }> })
        .emitWithAck(name, payload)
        .catch(() => null);
      if (ack?.ok) return ack;
      if (ack && ack.error?.id !== "internal_error") return ack;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${name} never acknowledged`);
  }
  async send(conversationId: string, text: string): Promise<void> {
    const ack = await this.cmd("message.send", { conversationId, clientMessageId: randomUUID(), text });
    if (!ack.ok) throw new Error(`agent send refused: ${JSON.stringify(ack.error)}`);
  }
}

const chatWindow = (page: Page) => page.locator("hd-chat-window");

/**
 * Whether a second tab of the same browser (same sticky node, no chat of its own) shows the Chat button: it
 * shows only while the availability stream says the chat is available.
 */
const launcherShown = (tab: Page) => tab.locator("hd-chat .launcher").count().then((n) => n > 0);

async function schoolTypes(page: Page, text: string): Promise<void> {
  const input = chatWindow(page).locator("#message");
  await input.fill(text);
  await input.press("Enter");
  await expect.poll(() => chatWindow(page).locator(".line--contact .text", { hasText: text }).count(), { timeout: 20_000 }).toBe(1);
}

async function agentSays(agent: AgentSide, page: Page, conversationId: string, text: string): Promise<void> {
  await agent.send(conversationId, text);
  await expect.poll(() => chatWindow(page).locator(".line--agent .text", { hasText: text }).count(), { timeout: 30_000 }).toBe(1);
}

/** Every text stored exactly once, and shown exactly once in the school's window. */
async function expectExactlyOnce(page: Page, conversationId: string, school: string[], agent: string[]): Promise<void> {
  const storedOnce = async () => {
    const stored = await ChatMessageModel.find({ conversationId: new Types.ObjectId(conversationId) }).lean();
    return [...school, ...agent].filter((text) => stored.filter((m) => m.text === text).length !== 1);
  };
  // A line typed by the school shows at once and is stored when its send is acknowledged (after a failover,
  // once the widget has reconnected and resent it): wait for that, then nothing may be missing or doubled.
  await expect.poll(storedOnce, { timeout: 30_000 }).toEqual([]);
  const stored = await ChatMessageModel.find({ conversationId: new Types.ObjectId(conversationId) }).lean();
  for (const text of [...school, ...agent]) expect({ text, stored: stored.filter((m) => m.text === text).length }).toEqual({ text, stored: 1 });
  for (const text of school) expect({ text, shown: await chatWindow(page).locator(".line--contact .text", { hasText: text }).count() }).toEqual({ text, shown: 1 });
  for (const text of agent) expect({ text, shown: await chatWindow(page).locator(".line--agent .text", { hasText: text }).count() }).toEqual({ text, shown: 1 });
}

let page: Page;
let agent: AgentSide;
let conversationId = "";
const fromSchool: string[] = [];
const fromAgent: string[] = [];

describe("two nodes behind HAProxy", { timeout: 180_000 }, () => {
  it("a school chats in Chromium through the proxy; the node serving it is killed (SIGKILL): none lost, none doubled", async () => {
    const school = await createSchool({ name: "OBS Het Proxypad" });
    const { identity } = await loginAsContactWithIdentity({ url: proxy.url }, [school._id]);
    const agentRecord = await createAgent({ maxConcurrentChats: 4 });
    const agentHttp = new HttpClient(proxy.url);
    await agentHttp.session();
    expect((await agentHttp.post("/api/v1/auth/agent/login", { username: agentRecord.username, password: FACTORY_PASSWORD })).status).toBe(200);
    agent = new AgentSide(agentHttp);
    await agent.ready();
    expect((await agent.cmd("presence.set", { status: "online" })).ok).toBe(true);

    page = await newPage(browser);
    await loginInBrowser(page, { server: { url: proxy.url } } as Parameters<typeof loginInBrowser>[1], identity);
    await page.locator("hd-chat .launcher").click({ timeout: 20_000 });
    await chatWindow(page).getByRole("button", { name: "Chat starten" }).click();
    await chatWindow(page).locator("#message").waitFor();
    await expect
      .poll(async () => (await ConversationModel.findOne({ organisationId: school._id, state: "assigned" }).lean())?._id, { timeout: 20_000 })
      .toBeTruthy();
    conversationId = String((await ConversationModel.findOne({ organisationId: school._id }).lean())!._id);

    for (let i = 0; i < 3; i++) {
      fromSchool.push(`school voor ${i}`);
      await schoolTypes(page, fromSchool.at(-1)!);
      fromAgent.push(`agent voor ${i}`);
      await agentSays(agent, page, conversationId, fromAgent.at(-1)!);
    }
    const sticky = (await page.context().cookies()).find((c) => c.name === "BALIE_NODE")?.value;
    expect(["n1", "n2"]).toContain(sticky);
    const victim = sticky === "n1" ? 0 : 1;
    await nodes[victim]!.kill();

    // The widget reconnects through the proxy to the other node and resumes; the agent's next words arrive.
    for (let i = 0; i < 3; i++) {
      fromAgent.push(`agent na ${i}`);
      await agentSays(agent, page, conversationId, fromAgent.at(-1)!);
      fromSchool.push(`school na ${i}`);
      await schoolTypes(page, fromSchool.at(-1)!);
    }
    await expectExactlyOnce(page, conversationId, fromSchool, fromAgent);

    // The availability stream went down with the node; it reconnected through the proxy to the survivor and
    // follows the agent's status again: pause closes the chat for new questions, online opens it.
    const tab = await page.context().newPage();
    await tab.goto(page.url());
    await expect.poll(() => launcherShown(tab), { timeout: 20_000 }).toBe(true);
    expect((await agent.cmd("presence.set", { status: "pause" })).ok).toBe(true);
    await expect.poll(() => launcherShown(tab), { timeout: 20_000 }).toBe(false);
    expect((await agent.cmd("presence.set", { status: "online" })).ok).toBe(true);
    await expect.poll(() => launcherShown(tab), { timeout: 20_000 }).toBe(true);
    await tab.close();
    await startNode(victim);
  });

  it("Redis restarted mid-chat: none lost, none doubled", async () => {
    await redis.restart();
    for (let i = 0; i < 3; i++) {
      fromSchool.push(`school redis ${i}`);
      await schoolTypes(page, fromSchool.at(-1)!);
      fromAgent.push(`agent redis ${i}`);
      await agentSays(agent, page, conversationId, fromAgent.at(-1)!);
    }
    await expectExactlyOnce(page, conversationId, fromSchool, fromAgent);
  });

  it("a rolling restart (SIGTERM one node at a time, drained by the proxy via /readyz) drops no chat", async () => {
    for (const i of [0, 1] as const) {
      const exit = await nodes[i]!.stop("SIGTERM");
      expect(exit.code).toBe(0);
      fromAgent.push(`agent rollend ${i}`);
      await agentSays(agent, page, conversationId, fromAgent.at(-1)!);
      fromSchool.push(`school rollend ${i}`);
      await schoolTypes(page, fromSchool.at(-1)!);
      await startNode(i);
      // Let the proxy see it healthy again (inter 1 s, rise 2) before the next node goes.
      await new Promise((r) => setTimeout(r, 2_500));
    }
    await expectExactlyOnce(page, conversationId, fromSchool, fromAgent);
    expect((await ConversationModel.findById(conversationId).lean())!.state).toBe("assigned");
  });
});
