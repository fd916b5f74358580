/**
 * Shared setup for identity integration tests: a real Balie (in-process, real HTTP), the real eHerkenning
 * simulator driven by following its HTML forms, real SMTP capture, and a ManualClock starting at real time
 * (session cleanup TTLs use real time; see session-store.ts).
 */
import { hash } from "@node-rs/argon2";
import { Types } from "mongoose";
import { expect } from "vitest";
import { ManualClock, resetClock, setClock } from "../../../server/src/infra/clock.js";
import { PortalAccountModel } from "../../../server/src/modules/identity/portal-account.model.js";
import { hashActivationCode, randomActivationCode } from "../../../server/src/modules/identity/secrets.js";
import { HttpClient } from "../../harness/http-client.js";
import { getFreePort } from "../../harness/ports.js";
import { startTestServer, type TestServer } from "../../harness/server.js";
import { startSmtpCapture, type SmtpCapture } from "../../harness/smtp.js";

export const LOA2 = "urn:etoegang:core:assurance-class:loa2";
export const LOA3 = "urn:etoegang:core:assurance-class:loa3";
export const LOA4 = "urn:etoegang:core:assurance-class:loa4";

export interface IdentityEnv {
  server: TestServer;
  smtp: SmtpCapture;
  clock: ManualClock;
  client(): HttpClient;
  stop(): Promise<void>;
}

export async function startIdentityEnv(overrides: Record<string, string> = {}): Promise<IdentityEnv> {
  const smtp = await startSmtpCapture();
  const port = await getFreePort();
  const server = await startTestServer({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SMTP_URL: smtp.url,
    EH_SIMULATOR: "true",
    ...overrides,
  });
  const clock = new ManualClock(Date.now());
  setClock(clock);
  return {
    server,
    smtp,
    clock,
    client: () => new HttpClient(server.url),
    async stop() {
      resetClock();
      await server.stop();
      await smtp.close();
    },
  };
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
