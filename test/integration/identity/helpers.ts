/**
 * Shared setup for identity integration tests: a real Balie (in-process, real HTTP), the real eHerkenning
 * simulator driven by following its HTML forms, real SMTP capture, and a ManualClock starting at real time
 * (session cleanup TTLs use real time; see session-store.ts). The login building blocks live in
 * `test/harness/login.ts` and are re-exported here.
 */
import { ManualClock, resetClock, setClock } from "../../../server/src/infra/clock.js";
import { HttpClient } from "../../harness/http-client.js";
import { startSimulatorServer } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";
import { startSmtpCapture, type SmtpCapture } from "../../harness/smtp.js";

export {
  createAccount,
  ehLogin,
  errorId,
  LOA2,
  LOA3,
  LOA4,
  person,
  pinFromMail,
  type TestIdentity,
} from "../../harness/login.js";

export interface IdentityEnv {
  server: TestServer;
  smtp: SmtpCapture;
  clock: ManualClock;
  client(): HttpClient;
  stop(): Promise<void>;
}

export async function startIdentityEnv(overrides: Record<string, string> = {}): Promise<IdentityEnv> {
  const smtp = await startSmtpCapture();
  const server = await startSimulatorServer({ SMTP_URL: smtp.url, ...overrides });
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
