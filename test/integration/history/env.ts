/**
 * Shared setup for the contact history integration tests: one in-process Balie with the eHerkenning simulator
 * and real SMTP capture, archive notifications wired to a mailer on that capture, and a small world:
 *
 *   board A ─ school A1, school A2        board B ─ school B1
 *
 * People log in through the real simulator (`test/harness/login.ts`).
 */
import type { Types } from "mongoose";
import { configureHistoryNotifications } from "../../../server/src/modules/contact-moments/history-routes.js";
import { createMailer } from "../../../server/src/infra/mailer.js";
import { createBoardWithSchools } from "../../factories/index.js";
import { HttpClient } from "../../harness/http-client.js";
import { loginAsAgent, loginAsContact, startSimulatorServer } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { startSmtpCapture, type SmtpCapture } from "../../harness/smtp.js";

export interface HistoryWorld {
  boardA: Types.ObjectId;
  schoolA1: Types.ObjectId;
  schoolA2: Types.ObjectId;
  boardB: Types.ObjectId;
  schoolB1: Types.ObjectId;
  /** E-mail of school A1's gemachtigde. */
  a1Authorised: string;
}

export interface HistoryPeople {
  anonymous: HttpClient;
  /** Contact person of school A1. */
  schoolA1: HttpClient;
  /** Contact person of school A2 (same board, other school). */
  schoolA2: HttpClient;
  /** Contact person of board A (acts for A1 and A2 too). */
  boardA: HttpClient;
  /** Contact person of board B. */
  boardB: HttpClient;
  agent: HttpClient;
  supervisor: HttpClient;
}

export interface HistoryEnv {
  server: TestServer;
  smtp: SmtpCapture;
  world: HistoryWorld;
  people: HistoryPeople;
  stop(): Promise<void>;
}

export async function startHistoryEnv(): Promise<HistoryEnv> {
  const smtp = await startSmtpCapture();
  const server = await startSimulatorServer({ SMTP_URL: smtp.url });
  const mailer = createMailer({ smtpUrl: smtp.url, from: "Balie <noreply@balie.test>" });
  // The production wiring passes the identity mailer the same way (see history-routes.ts).
  configureHistoryNotifications({ mailer, publicUrl: server.url });
  const a = await createBoardWithSchools(2);
  const b = await createBoardWithSchools(1);
  const world: HistoryWorld = {
    boardA: a.board._id,
    schoolA1: a.schools[0]!._id,
    schoolA2: a.schools[1]!._id,
    boardB: b.board._id,
    schoolB1: b.schools[0]!._id,
    a1Authorised: a.schools[0]!.contacts.find((c) => c.roles.includes("authorised"))!.email,
  };
  const [schoolA1, schoolA2, boardA, boardB, agent, supervisor] = await Promise.all([
    loginAsContact(server, [world.schoolA1]),
    loginAsContact(server, [world.schoolA2]),
    loginAsContact(server, [world.boardA]),
    loginAsContact(server, [world.boardB]),
    loginAsAgent(server, "agent"),
    loginAsAgent(server, "supervisor"),
  ]);
  const anonymous = new HttpClient(server.url);
  await anonymous.session();
  return {
    server,
    smtp,
    world,
    people: { anonymous, schoolA1, schoolA2, boardA, boardB, agent, supervisor },
    async stop() {
      configureHistoryNotifications(null);
      await mailer.close();
      await server.stop();
      await smtp.close();
    },
  };
}

/** Sends a multipart upload with the client's cookies and CSRF token. */
export async function upload(
  client: HttpClient,
  path: string,
  parts: { subject?: string; note?: string; file?: { name: string; data: Uint8Array; type?: string } },
): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  if (parts.subject !== undefined) form.append("subject", parts.subject);
  if (parts.note !== undefined) form.append("note", parts.note);
  if (parts.file) form.append("file", new Blob([new Uint8Array(parts.file.data)], { type: parts.file.type ?? "application/octet-stream" }), parts.file.name);
  const headers: Record<string, string> = { accept: "application/json" };
  if (client.csrfToken) headers["x-csrf-token"] = client.csrfToken;
  const res = await client.request(path, { method: "POST", headers, body: form });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export { makeZip } from "./zip.js";
