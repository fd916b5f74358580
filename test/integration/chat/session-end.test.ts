/**
 * Sockets never outlive their session (realtime/session-guard.ts): logout over HTTP disconnects the sockets of
 * that session (cookie and chat-token sockets) within a second and nothing can be done with it afterwards; a
 * session that expired by the clock (ManualClock) fails the next command with `unauthenticated` and disconnects.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_LIMITS } from "../../../server/src/contracts/api/auth.js";
import { ManualClock, resetClock, setClock } from "../../../server/src/infra/clock.js";
import { AgentLoadModel } from "../../../server/src/modules/chat/agent-load.model.js";
import { EherkenningLinkModel } from "../../../server/src/modules/identity/eherkenning-link.model.js";
import { createSchool } from "../../factories/index.js";
import { startSimulatorServer } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { connectChat, loginAgent, loginSchoolPerson, type ChatClient } from "./helpers.js";

let server: TestServer;
const open: ChatClient[] = [];
const track = (c: ChatClient) => (open.push(c), c);

beforeAll(async () => {
  server = await startSimulatorServer();
  server.chat.setOpeningHours(() => true);
});
afterEach(() => resetClock());
afterAll(async () => {
  for (const c of open) c.close();
  await server?.stop();
});

/** Resolves with the disconnect reason and how long it took from `since`. */
function disconnected(client: ChatClient, since: () => number): Promise<{ reason: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("socket still connected")), 5_000);
    client.socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve({ reason, ms: Date.now() - since() });
    });
  });
}

async function schoolAndAgentInChat() {
  const school = await createSchool();
  const person = await loginSchoolPerson(server, school._id);
  const agent = await loginAgent(server, { maxConcurrentChats: 20 });
  await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
  const agentSocket = track(await connectChat(server.url, { http: agent.http }));
  await agentSocket.ok("presence.set", { status: "online" });
  const contact = track(await connectChat(server.url, { http: person.http }));
  const started = await contact.ok("conversation.start", { text: "Hallo" });
  const conversationId = started.conversation.id;
  await agentSocket.waitFor("conversation.updated", (c) => c.id === conversationId && c.state === "assigned");
  return { person, agent, agentSocket, contact, conversationId };
}

describe("sockets end with their session", () => {
  it("logout over HTTP disconnects the school's and the agent's sockets within 1 s; the cookie no longer opens one", async () => {
    const { person, agent, agentSocket, contact } = await schoolAndAgentInChat();
    const schoolCookie = person.http.cookieHeader();
    const agentCookie = agent.http.cookieHeader();
    let loggedOutAt = 0;
    const schoolGone = disconnected(contact, () => loggedOutAt);
    const agentGone = disconnected(agentSocket, () => loggedOutAt);

    loggedOutAt = Date.now();
    expect((await person.http.post("/api/v1/auth/logout")).status).toBe(200);
    const s = await schoolGone;
    expect(s.reason).toBe("io server disconnect");
    expect(s.ms).toBeLessThan(1_000);
    // The agent's socket belongs to another session and stays.
    expect(agentSocket.socket.connected).toBe(true);
    expect((await agentSocket.cmd("agent.sync", {})).ok).toBe(true);

    loggedOutAt = Date.now();
    expect((await agent.http.post("/api/v1/auth/logout")).status).toBe(200);
    const a = await agentGone;
    expect(a.reason).toBe("io server disconnect");
    expect(a.ms).toBeLessThan(1_000);

    // A new command needs a new socket, and the old cookie cannot open one.
    for (const cookie of [schoolCookie, agentCookie]) {
      const http = { cookieHeader: () => cookie } as unknown as typeof person.http;
      await expect(connectChat(server.url, { http })).rejects.toThrow("unauthenticated");
    }
  });

  it("a chat-token socket is bound to the session that minted it: logout ends it and the token stops working", async () => {
    const school = await createSchool();
    const person = await loginSchoolPerson(server, school._id);
    const res = await person.http.post<{ token: string }>("/api/v1/chat/token");
    expect(res.status).toBe(200);
    const viaToken = track(await connectChat(server.url, { token: res.body.token }));
    let at = 0;
    const gone = disconnected(viaToken, () => at);
    at = Date.now();
    await person.http.post("/api/v1/auth/logout");
    expect((await gone).ms).toBeLessThan(1_000);
    // Still within its 5 minutes, but its session is gone.
    await expect(connectChat(server.url, { token: res.body.token })).rejects.toThrow("invalid_chat_token");
  });

  it("an undone eHerkenning link ends that person's sessions and so their sockets (cookie and token), not the agent's", async () => {
    const school = await createSchool();
    const person = await loginSchoolPerson(server, school._id);
    const token = (await person.http.post<{ token: string }>("/api/v1/chat/token")).body.token;
    const viaCookie = track(await connectChat(server.url, { http: person.http }));
    const viaToken = track(await connectChat(server.url, { token }));
    const helpdesk = await loginAgent(server);
    const agentSocket = track(await connectChat(server.url, { http: helpdesk.http }));
    const link = await EherkenningLinkModel.findOne({ organisationId: school._id, pseudonym: person.pseudonym }).lean();
    let at = 0;
    const gone = [disconnected(viaCookie, () => at), disconnected(viaToken, () => at)];
    at = Date.now();
    const res = await helpdesk.http.delete(`/api/v1/organisations/${String(school._id)}/links/${String(link!._id)}`);
    expect(res.status).toBe(204);
    for (const g of await Promise.all(gone)) expect(g.ms).toBeLessThan(1_000);
    expect(agentSocket.socket.connected).toBe(true);
    await expect(connectChat(server.url, { http: person.http })).rejects.toThrow("unauthenticated");
  });

  it("a session that expired by the clock: the next command gets `unauthenticated` and the socket is disconnected", async () => {
    const clock = new ManualClock(Date.now());
    setClock(clock);
    const { agentSocket, contact, conversationId } = await schoolAndAgentInChat();
    // Within the idle timeout commands keep working (and chatting refreshes the idle timer).
    clock.advance(IDENTITY_LIMITS.sessionIdleMs - 60_000);
    expect((await contact.cmd("typing.set", { conversationId, typing: true })).ok).toBe(true);
    // The school person's session was refreshed by that command; the agent's was not (agent.sync is 14 min ago).
    clock.advance(2 * 60_000);
    const gone = disconnected(agentSocket, () => 0);
    const refused = await agentSocket.cmd("agent.sync", {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.id).toBe("unauthenticated");
    expect((await gone).reason).toBe("io server disconnect");
    expect(contact.socket.connected).toBe(true);
    expect((await contact.cmd("typing.set", { conversationId, typing: false })).ok).toBe(true);
    // Absolute lifetime: 8 h after login no activity helps.
    clock.advance(IDENTITY_LIMITS.sessionAbsoluteMs);
    const contactGone = disconnected(contact, () => 0);
    const late = await contact.cmd("message.send", { conversationId, clientMessageId: crypto.randomUUID(), text: "nog iemand?" });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error.id).toBe("unauthenticated");
    await contactGone;
  });

  it("a school person waiting in the queue stays signed in past the idle timeout; once the chat is over, idleness counts again", async () => {
    const clock = new ManualClock(Date.now());
    setClock(clock);
    await AgentLoadModel.updateMany({}, { $set: { status: "offline" } });
    const school = await createSchool();
    const person = await loginSchoolPerson(server, school._id);
    const contact = track(await connectChat(server.url, { http: person.http }));
    const started = await contact.ok("conversation.start", { text: "Is er iemand?" });
    expect(started.conversation.state).toBe("queued");
    // 20 minutes in the queue without a command: the sweep counts the waiting chat as activity.
    for (let minute = 0; minute < 20; minute += 5) {
      clock.advance(5 * 60_000);
      await server.realtime.sweepSessions();
    }
    expect(contact.socket.connected).toBe(true);
    expect((await person.http.get("/api/v1/session")).body).toMatchObject({ principal: { type: "contact" } });
    // The person ends the chat and walks away: 15 minutes later the sweep ends the session and the socket.
    expect((await contact.cmd("conversation.end", { conversationId: started.conversation.id })).ok).toBe(true);
    clock.advance(IDENTITY_LIMITS.sessionIdleMs + 1_000);
    const gone = disconnected(contact, () => 0);
    await server.realtime.sweepSessions();
    expect((await gone).reason).toBe("io server disconnect");
  });
});
