/**
 * Logging in from integration tests, the real way: through Balie's eHerkenning simulator (following its HTML
 * forms like a browser) for contact persons, and `POST /api/v1/auth/agent/login` for helpdesk agents.
 *
 * - {@link startSimulatorServer}: an in-process Balie with the simulator mounted and PUBLIC_URL on its own port.
 * - {@link loginAsContact}: a fresh eHerkenning identity linked to the given organisations, logged in.
 * - {@link loginAsAgent}: a fresh agent or supervisor, logged in.
 * - {@link ehLogin}, {@link person}, {@link createAccount}, {@link errorId}, {@link pinFromMail}: the building
 *   blocks (also used by the identity suite through `test/integration/identity/helpers.ts`).
 *
 * mongoose must be connected to the server's store (true for {@link startTestServer}, which runs in-process).
 */
import { hash } from "@node-rs/argon2";
import { Types } from "mongoose";
import { expect } from "vitest";
import { now } from "../../server/src/infra/clock.js";
import { EherkenningLinkModel } from "../../server/src/modules/identity/eherkenning-link.model.js";
import { PortalAccountModel } from "../../server/src/modules/identity/portal-account.model.js";
import { hashActivationCode, randomActivationCode } from "../../server/src/modules/identity/secrets.js";
import { OrganisationModel } from "../../server/src/modules/organisations/organisation.model.js";
import { buildContact, createAgent, FACTORY_PASSWORD } from "../factories/index.js";
import { HttpClient } from "./http-client.js";
import { getFreePort } from "./ports.js";
import { startTestServer, type TestServer, type TestServerOptions } from "./server.js";
import type { SmtpCapture } from "./smtp.js";

export const LOA2 = "urn:etoegang:core:assurance-class:loa2";
export const LOA3 = "urn:etoegang:core:assurance-class:loa3";
export const LOA4 = "urn:etoegang:core:assurance-class:loa4";

/** Anything with the server's base URL. */
export interface ServerLike {
  readonly url: string;
}

/**
 * Starts Balie in-process with the eHerkenning simulator (`EH_SIMULATOR=true`) and PUBLIC_URL pointing at its
 * own free port, so {@link ehLogin} and {@link loginAsContact} work. `overrides` are environment variables.
 */
export async function startSimulatorServer(overrides: Record<string, string> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const port = await getFreePort();
  return startTestServer({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, EH_SIMULATOR: "true", ...overrides }, options);
}

/** Creates the portal account of an organisation. */
export async function createAccount(
  organisationId: Types.ObjectId,
  options: { username: string; password?: string; activationCode?: boolean; linked?: boolean },
): Promise<{ accountId: Types.ObjectId; activationCode: string | null }> {
  const code = options.activationCode ? randomActivationCode() : null;
  const at = new Date(Date.now());
  const account = await PortalAccountModel.create({
    organisationId,
    username: options.username,
    passwordHash: options.password ? await hash(options.password) : null,
    passwordLoginDisabledAt: options.linked ? at : null,
    activationCode: code
      ? { hash: hashActivationCode(code), createdAt: at, expiresAt: new Date(at.getTime() + 24 * 3600_000), usedAt: null }
      : null,
  });
  return { accountId: account._id, activationCode: code };
}

/** A test person at the broker. */
export interface TestIdentity {
  name: string;
  kvk: string;
  pseudonym: string;
  acr?: string;
}

function formAction(html: string, contains: string): string {
  const actions = [...html.matchAll(/<form[^>]*action="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
  const action = actions.find((a) => a.includes(contains));
  if (!action) throw new Error(`no form with action containing ${contains}: ${html.slice(0, 500)}`);
  return action;
}

/**
 * Logs in through the simulator by following its pages like a browser: /auth/eherkenning/start → broker
 * "Maak een keuze" → supplier login (custom identity + level) → callback. Returns where Balie sent the browser.
 */
export async function ehLogin(client: HttpClient, identity: TestIdentity, startPath = "/auth/eherkenning/start"): Promise<URL> {
  const start = await client.request(startPath);
  expect(start.status).toBe(302);
  const choice = await client.follow(start);
  expect(choice.res.status).toBe(200);
  const choiceHtml = await choice.res.text();
  expect(choiceHtml).toContain("Maak een keuze");
  const supplier = await client.form(formAction(choiceHtml, "/supplier"), { supplier: "herkenbaar" });
  expect(supplier.status).toBe(200);
  const loginHtml = await supplier.text();
  const done = await client.form(formAction(loginHtml, "/login"), {
    identity: "custom",
    name: identity.name,
    kvk: identity.kvk,
    pseudonym: identity.pseudonym,
    acr: identity.acr ?? LOA3,
  });
  const final = await client.follow(done, (loc) => !loc.pathname.startsWith("/eh-sim") && !loc.pathname.startsWith("/auth/"));
  if (!final.location) throw new Error(`expected a redirect into Balie, got ${final.res.status} ${await final.res.text()}`);
  return final.location;
}

/** Reads the 6-digit PIN from the latest mail to `to`. */
export async function pinFromMail(smtp: SmtpCapture, to: string, since: number): Promise<string> {
  const mail = await smtp.waitForMail(to, { since });
  const pin = /pincode:\s*(\d{6})/i.exec(mail.text)?.[1];
  if (!pin) throw new Error(`no PIN in mail: ${mail.text}`);
  return pin;
}

let seq = 0;
/** A unique test identity for `kvk`. */
export function person(kvk: string, acr = LOA3): TestIdentity {
  seq++;
  return { name: `Testpersoon ${seq}`, kvk, pseudonym: `test-pseudo-${process.pid}-${seq}-${Math.random().toString(36).slice(2, 8)}`, acr };
}

/** Error id of a JSON error response. */
export function errorId(body: unknown): string | undefined {
  return (body as { error?: { id?: string } } | undefined)?.error?.id;
}

/** The portal account of an organisation: the existing one, or a new one (already linked, no password). */
async function accountFor(organisationId: Types.ObjectId): Promise<Types.ObjectId> {
  for (let attempt = 0; ; attempt++) {
    const existing = await PortalAccountModel.findOne({ organisationId }).select({ _id: 1 }).lean().exec();
    if (existing) return existing._id;
    try {
      return (await createAccount(organisationId, { username: `acct-${String(organisationId)}`, linked: true })).accountId;
    } catch (err) {
      // Two logins for the same organisation at once: the other one created it; read it again.
      if ((err as { code?: unknown }).code !== 11000 || attempt > 2) throw err;
    }
  }
}

/** Options of {@link loginAsContact}. */
export interface LoginAsContactOptions {
  /**
   * Switch to this organisation after login (`POST /api/v1/session/switch`): one of `organisationIds`, or a
   * school of a linked board (the board then acts for it). Default: the first of `organisationIds`.
   */
  active?: Types.ObjectId;
  /** The identity to use; default a fresh {@link person} with a random KvK number. */
  identity?: TestIdentity;
  /**
   * Whom the links speak for: `gemachtigde` (default) ties each link to the organisation's gemachtigde, as the
   * gemachtigde's own first link does; `colleague` adds a contact person without that role (Overige
   * contactpersoon, or no role on a board) and ties the link to them, as a colleague linked with an activation
   * code is.
   */
  as?: "gemachtigde" | "colleague";
}

/** A logged-in contact person: the client (cookies + CSRF token set) and who they are. */
export interface ContactLogin {
  client: HttpClient;
  identity: TestIdentity;
}

/**
 * Links a fresh eHerkenning identity to the portal accounts of `organisationIds` (creating the accounts when
 * missing) through the identity models, logs in through the real simulator, and reads the session so the CSRF
 * token is set. Returns the client; its `identity` is on {@link loginAsContactWithIdentity}.
 */
export async function loginAsContact(server: ServerLike, organisationIds: readonly Types.ObjectId[], options: LoginAsContactOptions = {}): Promise<HttpClient> {
  return (await loginAsContactWithIdentity(server, organisationIds, options)).client;
}

/** {@link loginAsContact}, also returning the identity used. */
export async function loginAsContactWithIdentity(
  server: ServerLike,
  organisationIds: readonly Types.ObjectId[],
  options: LoginAsContactOptions = {},
): Promise<ContactLogin> {
  if (organisationIds.length === 0) throw new Error("loginAsContact needs at least one organisation");
  const identity = options.identity ?? person(String(10_000_000 + Math.floor(Math.random() * 89_999_999)));
  const at = now();
  for (const [i, organisationId] of organisationIds.entries()) {
    const accountId = await accountFor(organisationId);
    const contactId = await linkedContact(organisationId, identity, options.as ?? "gemachtigde");
    // linkedAt in list order: the first organisation becomes the active account at login.
    const linkedAt = new Date(at.getTime() - (organisationIds.length - i) * 1_000);
    await EherkenningLinkModel.create({
      pseudonym: identity.pseudonym,
      kvk: identity.kvk,
      name: identity.name,
      accountId,
      organisationId,
      email: `${identity.pseudonym}@persoonlijk.example.nl`,
      contactId,
      linkedAt,
      lastUsedAt: linkedAt,
    });
  }
  const client = new HttpClient(server.url);
  const landed = await ehLogin(client, identity);
  if (landed.pathname.startsWith("/koppelen")) throw new Error(`login ended on the link page: ${landed.href}`);
  const session = await client.session<{ principal?: { type?: string; effectiveOrganisationId?: string } | null }>();
  if (session.principal?.type !== "contact") throw new Error(`not logged in as a contact: ${JSON.stringify(session)}`);
  if (options.active && session.principal.effectiveOrganisationId !== String(options.active)) {
    const switched = await client.post("/api/v1/session/switch", { organisationId: String(options.active) });
    if (switched.status !== 200) throw new Error(`switch to ${String(options.active)} failed: ${switched.status} ${JSON.stringify(switched.body)}`);
  }
  return { client, identity };
}

/** The contact person a test link speaks for (see {@link LoginAsContactOptions.as}). */
async function linkedContact(organisationId: Types.ObjectId, identity: TestIdentity, as: "gemachtigde" | "colleague"): Promise<Types.ObjectId | null> {
  const org = await OrganisationModel.findById(organisationId).select({ kind: 1, contacts: 1 }).lean().exec();
  if (!org) return null;
  if (as === "gemachtigde") return org.contacts.find((c) => c.roles.includes("authorised"))?._id ?? null;
  const contact = buildContact({ name: identity.name || "Collega", roles: org.kind === "school" ? ["other"] : [] });
  await OrganisationModel.updateOne({ _id: organisationId }, { $push: { contacts: contact } }).exec();
  return contact._id;
}

/** Creates an agent (or supervisor) through the factories and logs in with username + password. */
export async function loginAsAgent(server: ServerLike, role: "agent" | "supervisor" = "agent"): Promise<HttpClient> {
  const agent = await createAgent({ role });
  const client = new HttpClient(server.url);
  await client.session();
  const res = await client.post<{ principal?: { type?: string } | null }>("/api/v1/auth/agent/login", { username: agent.username, password: FACTORY_PASSWORD });
  if (res.status !== 200 || res.body.principal?.type !== "agent") throw new Error(`agent login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}
