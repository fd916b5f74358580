/**
 * Brokers name the identity claims differently (e.g. `urn:etoegang:core:ActingSubjectID`); Balie reads the names
 * from config (EH_CLAIM_*). The simulator issues under the same configured names, so the whole login proves it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchool } from "../../factories/index.js";
import { loginAsContactWithIdentity, startSimulatorServer } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startSimulatorServer({
    EH_CLAIM_ACTING_SUBJECT: "urn:etoegang:core:ActingSubjectID",
    EH_CLAIM_LEGAL_SUBJECT: "urn:etoegang:core:LegalSubjectID",
    EH_CLAIM_NAME: "urn:etoegang:1.9:attribute:Name",
  });
});
afterAll(async () => {
  await server?.stop();
});

describe("configured eHerkenning claim names", () => {
  it("logs a linked person in by pseudonym and KvK read from the configured claims", async () => {
    const school = await createSchool();
    const { client, identity } = await loginAsContactWithIdentity(server, [school._id]);
    // Landing in the portal already means the link was found by the pseudonym from the configured claim.
    const session = await client.session<{ principal: { type: string; kvk: string; name: string } }>();
    expect(session.principal).toMatchObject({ type: "contact", kvk: identity.kvk, name: identity.name });
  });
});
