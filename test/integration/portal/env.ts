/**
 * Shared setup for the portal ("Mijn gegevens") integration tests: one in-process Balie with the eHerkenning
 * simulator, and a small world of organisations with people logged in through the real simulator.
 *
 * board A ─ school A1, school A2        board B ─ school B1        school S1, school S2 (no board)
 */
import type { Types } from "mongoose";
import { AuditEventModel, type AuditEvent } from "../../../server/src/modules/audit/audit-event.model.js";
import { OrganisationModel } from "../../../server/src/modules/organisations/organisation.model.js";
import { buildContact, createBoardWithSchools, createSchool } from "../../factories/index.js";
import { HttpClient } from "../../harness/http-client.js";
import { loginAsAgent, loginAsContact, startSimulatorServer } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";

export interface PortalWorld {
  boardA: Types.ObjectId;
  schoolA1: Types.ObjectId;
  schoolA2: Types.ObjectId;
  boardB: Types.ObjectId;
  schoolB1: Types.ObjectId;
  schoolS1: Types.ObjectId;
  schoolS2: Types.ObjectId;
}

export interface PortalPeople {
  anonymous: HttpClient;
  /** Gemachtigde of school S1. */
  schoolContact: HttpClient;
  /** Contact person of board A (acts for A1 and A2 too). */
  boardContact: HttpClient;
  /** Contact person of school S1 without the role Gemachtigde (linked with an activation code). */
  schoolColleague: HttpClient;
  /** Contact person of board A without the role Gemachtigde. */
  boardColleague: HttpClient;
  agent: HttpClient;
  supervisor: HttpClient;
}

export interface PortalEnv {
  server: TestServer;
  world: PortalWorld;
  people: PortalPeople;
  stop(): Promise<void>;
}

/** A fresh school (own document per test, so tests do not disturb each other). */
export async function freshSchool(boardId: Types.ObjectId | null = null) {
  return createSchool({ boardId });
}

export async function startPortalEnv(): Promise<PortalEnv> {
  const server = await startSimulatorServer();
  const a = await createBoardWithSchools(2);
  const b = await createBoardWithSchools(1);
  const s1 = await createSchool();
  const s2 = await createSchool();
  const world: PortalWorld = {
    boardA: a.board._id,
    schoolA1: a.schools[0]!._id,
    schoolA2: a.schools[1]!._id,
    boardB: b.board._id,
    schoolB1: b.schools[0]!._id,
    schoolS1: s1._id,
    schoolS2: s2._id,
  };
  const anonymous = new HttpClient(server.url);
  await anonymous.session();
  const [schoolContact, boardContact, schoolColleague, boardColleague, agent, supervisor] = await Promise.all([
    loginAsContact(server, [world.schoolS1]),
    loginAsContact(server, [world.boardA]),
    loginAsContact(server, [world.schoolS1], { as: "colleague" }),
    loginAsContact(server, [world.boardA], { as: "colleague" }),
    loginAsAgent(server, "agent"),
    loginAsAgent(server, "supervisor"),
  ]);
  return {
    server,
    world,
    people: { anonymous, schoolContact, boardContact, schoolColleague, boardColleague, agent, supervisor },
    stop: () => server.stop(),
  };
}

/** `PATCH` with JSON (the harness client has get/post/delete helpers only). */
export function patch<T = unknown>(client: HttpClient, path: string, body: unknown) {
  return client.json<T>("PATCH", path, body);
}

/** Adds a contact person without the gemachtigde role straight into the document; returns its id. */
export async function addPlainContact(organisationId: Types.ObjectId): Promise<string> {
  const org = await OrganisationModel.findById(organisationId).select({ kind: 1 }).lean().exec();
  const contact = buildContact({ roles: org?.kind === "school" ? ["other"] : [] });
  await OrganisationModel.updateOne({ _id: organisationId }, { $push: { contacts: contact } }).exec();
  return String(contact._id);
}

/** The ids of an organisation's gemachtigden, read from the database. */
export async function authorisedIds(organisationId: Types.ObjectId | string): Promise<string[]> {
  const org = await OrganisationModel.findById(organisationId).lean().exec();
  return (org?.contacts ?? []).filter((c) => c.roles.includes("authorised")).map((c) => String(c._id));
}

/** A request with extra headers (Accept-Language) through the client's cookie jar and CSRF token. */
export async function requestWith(client: HttpClient, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await client.request(path, {
    method,
    headers: {
      accept: "application/json",
      ...(method !== "GET" && client.csrfToken ? { "x-csrf-token": client.csrfToken } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as unknown };
}

/**
 * Audit entries matching `filter`. Untyped on purpose: the organisation event types (`organisation_updated`, …)
 * may not be in the audit model's type list yet (see modules/organisations/organisation-audit.ts).
 */
export async function auditEvents(filter: Record<string, unknown>): Promise<AuditEvent[]> {
  return AuditEventModel.find(filter as never).sort({ at: 1 }).lean<AuditEvent[]>().exec();
}
