/**
 * /metrics on a listening server: protected (bearer token on the main port, or its own METRICS_PORT listener;
 * absent when neither is configured), and the numbers move when a chat happens and a login fails. HTTP
 * durations are labelled by route template, never by a raw URL with ids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchool } from "../factories/index.js";
import { HttpClient } from "../harness/http-client.js";
import { startSimulatorServer } from "../harness/login.js";
import { spawnServer, type TestServer } from "../harness/server.js";
import { AgentLoadModel } from "../../server/src/modules/chat/agent-load.model.js";
import { connectChat, loginAgent, loginSchoolPerson, uuid, type ChatClient } from "./chat/helpers.js";

const TOKEN = "m".repeat(32);
let server: TestServer;
const sockets: ChatClient[] = [];

beforeAll(async () => {
  server = await startSimulatorServer({ METRICS_TOKEN: TOKEN, METRICS_PORT: "0" });
  server.chat.setOpeningHours(() => true);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.stop();
});

async function scrape(): Promise<string> {
  const res = await fetch(server.metricsUrl!);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("/metrics", () => {
  it("answers on the main port only with the bearer token", async () => {
    const anonymous = await fetch(`${server.url}/metrics`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${"x".repeat(32)}` } });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/plain");
    const text = await ok.text();
    expect(text).toContain("balie_process_cpu_user_seconds_total");
    expect(text).toContain("balie_nodejs_eventloop_lag_seconds");
  });

  it("moves when a chat happens and a login fails; routes are templates", async () => {
    const before = await scrape();
    await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
    const school = await createSchool();
    const agent = await loginAgent(server, { maxConcurrentChats: 4 });
    const agentSocket = await connectChat(server.url, { http: agent.http });
    sockets.push(agentSocket);
    await agentSocket.ok("presence.set", { status: "online" });
    const person = await loginSchoolPerson(server, school._id);
    const contact = await connectChat(server.url, { http: person.http });
    sockets.push(contact);
    const { conversation } = await contact.ok("conversation.start", {});
    await contact.waitFor("conversation.updated", (c) => c.id === conversation.id && c.state === "assigned");
    for (const text of ["Goedemorgen", "Een vraag over de GTB"]) await contact.ok("message.send", { conversationId: conversation.id, clientMessageId: uuid(), text });
    await agentSocket.ok("message.send", { conversationId: conversation.id, clientMessageId: uuid(), text: "Zeker, vertel." });
    await contact.ok("conversation.end", { conversationId: conversation.id });
    await person.http.get(`/api/v1/organisations/${String(school._id)}`);

    const anonymous = new HttpClient(server.url);
    await anonymous.session();
    expect((await anonymous.post("/api/v1/auth/agent/login", { username: "niemand", password: "verkeerd-wachtwoord" })).status).toBe(401);

    const after = await scrape();
    for (const state of ["queued", "assigned", "ended"]) {
      expect(sample(after, `balie_chats_total{state="${state}"}`) - sample(before, `balie_chats_total{state="${state}"}`)).toBeGreaterThanOrEqual(1);
    }
    expect(sample(after, "balie_chat_messages_persisted_total") - sample(before, "balie_chat_messages_persisted_total")).toBeGreaterThanOrEqual(3);
    expect(sample(after, "balie_chat_queue_wait_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(sample(after, "balie_chat_message_fanout_seconds_count")).toBeGreaterThanOrEqual(3);
    expect(sample(after, "balie_socketio_connections")).toBeGreaterThanOrEqual(2);
    expect(sample(after, 'balie_logins_refused_total{result="failed"}') - sample(before, 'balie_logins_refused_total{result="failed"}')).toBe(1);
    expect(after).toContain('route="/api/v1/organisations/:organisationId"');
    expect(after).not.toContain(String(school._id));
  });

  it("is not served at all without METRICS_TOKEN or METRICS_PORT", async () => {
    // A second Balie as its own process (one in-process server per test file).
    const plain = await spawnServer();
    try {
      const res = await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("balie_process_cpu");
    } finally {
      await plain.stop();
    }
  });

  it("times the embedded store's journal fsyncs when Balie runs its own store with a data folder", async () => {
    // A process of its own: the in-process test servers keep their store in memory (no journal to fsync).
    const own = await spawnServer({ METRICS_TOKEN: TOKEN });
    try {
      const read = async () => {
        const res = await fetch(`${own.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
        return sample(await res.text(), "balie_store_journal_fsync_seconds_count");
      };
      const before = await read();
      // A failed agent login writes its attempt counter: one acknowledged write, one fsync at least.
      const client = new HttpClient(own.url);
      await client.session();
      expect((await client.post("/api/v1/auth/agent/login", { username: "niemand", password: "fout" })).status).toBe(401);
      expect(await read()).toBeGreaterThan(before);
    } finally {
      await own.stop();
    }
  });
});
