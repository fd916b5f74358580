/**
 * Chat latency benchmark: end-to-end time from a school person's `message.send` to the agent's socket receiving
 * `message.created`, including the acknowledged MongoDB write before the fan-out, at 100 concurrent chats in one
 * process (in-memory embedded store, no Redis). 10 agents × 10 chats each. Two phases: steady (every chat one
 * message a second, each after the previous one arrived) and burst (5 back-to-back per chat). Prints p50/p99/max.
 * Run: `npm run bench chat` or `node --import tsx bench/chat.bench.ts`.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import { hash } from "@node-rs/argon2";
import { io as connectIo, type Socket } from "socket.io-client";
import { loadConfig } from "../server/src/config/env.js";
import type { Ack, ClientToServerEvents, MessageView, ServerToClientEvents } from "../server/src/contracts/realtime.js";
import { AgentModel } from "../server/src/modules/agents/agent.model.js";
import { signChatToken } from "../server/src/modules/chat/chat-token.js";
import { OrganisationModel } from "../server/src/modules/organisations/organisation.model.js";
import { startServer } from "../server/src/server.js";
import { buildAgent, buildSchool } from "../test/factories/index.js";

const CHATS = 100;
const AGENTS = 10;
const MESSAGES_PER_CHAT = 20;

type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function connect(url: string, opts: { token?: string; cookie?: string }): Promise<Sock> {
  const socket: Sock = connectIo(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

async function cmd<T>(socket: Sock, name: string, payload: unknown): Promise<T> {
  const ack = (await (socket.timeout(30_000) as unknown as { emitWithAck(n: string, p: unknown): Promise<Ack<T>> }).emitWithAck(name, payload));
  if (!ack.ok) throw new Error(`${name}: ${JSON.stringify(ack.error)}`);
  return ack.data;
}

export async function run(): Promise<void> {
  const config = loadConfig({ NODE_ENV: "test", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", SEED_DEMO: "false", LIMIT_STREAMS_PER_ADDRESS: "1000000", LIMIT_SOCKETS_PER_ADDRESS: "1000000" });
  const server = await startServer(config, { inMemoryStore: true });
  server.chat.setOpeningHours(() => true);
  const sockets: Sock[] = [];
  try {
    // Agents log in for real (session cookie); school persons use chat tokens (same handshake path as embeds).
    const passwordHash = await hash("bench-password");
    const agents = await AgentModel.insertMany(Array.from({ length: AGENTS }, () => ({ ...buildAgent({ maxConcurrentChats: CHATS / AGENTS }), passwordHash })));
    const schools = await OrganisationModel.insertMany(Array.from({ length: CHATS }, () => buildSchool()));

    const waiters = new Map<string, (at: bigint) => void>();
    for (const agent of agents) {
      const csrf = await fetch(`${server.url}/api/v1/session`);
      const cookie0 = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const login = await fetch(`${server.url}/api/v1/auth/agent/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": csrfToken, cookie: cookie0 },
        body: JSON.stringify({ username: agent.username, password: "bench-password" }),
      });
      if (login.status !== 200) throw new Error(`agent login ${login.status}`);
      const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const socket = await connect(server.url, { cookie });
      sockets.push(socket);
      socket.on("message.created", (m: MessageView, ack) => {
        const at = process.hrtime.bigint();
        ack();
        if (m.sender.kind === "contact" && m.clientMessageId) waiters.get(m.clientMessageId)?.(at);
      });
      await cmd(socket, "presence.set", { status: "online" });
    }

    const chats = await Promise.all(
      schools.map(async (school, i) => {
        const { token } = signChatToken(config.session.secret, { organisationId: String(school._id), pseudonym: `bench-${i}`, name: `Bench ${i}` });
        const socket = await connect(server.url, { token });
        sockets.push(socket);
        socket.on("message.created", (_m, ack) => ack());
        const { conversation } = await cmd<{ conversation: { id: string } }>(socket, "conversation.start", {});
        return { socket, conversationId: conversation.id };
      }),
    );
    // Wait until every chat is assigned.
    for (let i = 0; i < 200; i++) {
      const assigned = await server.mongo.ping().then(() => import("../server/src/modules/chat/conversation.model.js")).then(({ ConversationModel }) => ConversationModel.countDocuments({ state: "assigned" }));
      if (assigned === CHATS) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    // Steady: every chat sends one message about every second (the per-sender rate limit is 1/s after a burst of
    // 10), start times spread over a second: ~100 messages/s in total. Burst: every chat sends 5 back to back.
    const send = async (socket: Sock, conversationId: string, text: string): Promise<number> => {
      const clientMessageId = randomUUID();
      const arrived = new Promise<bigint>((resolve) => waiters.set(clientMessageId, resolve));
      const t0 = process.hrtime.bigint();
      await cmd(socket, "message.send", { conversationId, clientMessageId, text });
      const t1 = await arrived;
      waiters.delete(clientMessageId);
      return Number(t1 - t0) / 1e6;
    };
    const phase = async (name: string, perChat: number, pauseMs: number) => {
      const latencies: number[] = [];
      const started = process.hrtime.bigint();
      await Promise.all(
        chats.map(async ({ socket, conversationId }, i) => {
          if (pauseMs > 0) await new Promise((r) => setTimeout(r, (i * 10) % 1_000));
          for (let n = 0; n < perChat; n++) {
            const t = Date.now();
            latencies.push(await send(socket, conversationId, `Bericht ${n} van school ${i}: wanneer wordt de bekostiging bijgewerkt?`));
            if (pauseMs > 0) await new Promise((r) => setTimeout(r, Math.max(0, pauseMs - (Date.now() - t))));
          }
        }),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      latencies.sort((a, b) => a - b);
      const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
      console.log(
        `| ${name} | ${latencies.length} | ${(latencies.length / seconds).toFixed(0)} | ${fmt(percentile(latencies, 50))} | ${fmt(percentile(latencies, 99))} | ${fmt(latencies.at(-1)!)} |`,
      );
    };
    console.log(`${CHATS} concurrent chats, ${AGENTS} agents, one process, in-memory embedded store, no Redis; latency = school send → agent socket receives (incl. MongoDB write)\n`);
    console.log("| phase | messages | msg/s | p50 | p99 | max |\n| --- | --- | --- | --- | --- | --- |");
    await phase("steady, 1 msg/s per chat", MESSAGES_PER_CHAT, 1_050);
    await new Promise((r) => setTimeout(r, 10_000)); // refill the rate-limit buckets
    await phase("burst, 5 back-to-back per chat", 5, 0);
  } finally {
    for (const s of sockets) s.disconnect();
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await run();
  process.exit(0);
}
