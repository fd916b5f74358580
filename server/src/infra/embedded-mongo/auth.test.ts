/**
 * The store requires authentication like mongod with --auth: the official driver without credentials is
 * refused (13 Unauthorized), with a wrong password fails (18 AuthenticationFailed), with the store's
 * credentials works; the SASL conversation step by step on a raw socket, as RFC 5802 and mongod define it.
 */
import { Binary, type Document } from "bson";
import { MongoClient, MongoServerError } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawClient, opMsg, scramConversation } from "../../../../test/harness/raw-mongo.js";
import { startEmbeddedMongo, type EmbeddedMongo } from "./index.js";
import { MSG_MORE_TO_COME } from "./wire.js";

let store: EmbeddedMongo;
beforeAll(async () => {
  store = await startEmbeddedMongo({ dataDir: null });
});
afterAll(async () => {
  await store.close();
});

/** The store's URI with other (or no) credentials. */
function uriWith(userinfo: string): string {
  return `mongodb://${userinfo}127.0.0.1:${store.port}/?directConnection=true&authSource=admin`;
}

async function withClient<T>(uri: string, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

async function countSecrets(): Promise<number> {
  return withClient(store.uri, (c) => c.db("authtest").collection("secrets").countDocuments());
}

describe("with the official driver", () => {
  it("the store's URI carries a generated user and a long random password", () => {
    expect(store.credentials.password).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(store.uri).toBe(uriWith(`${store.credentials.username}:${store.credentials.password}@`));
  });

  it("without credentials: find and insert fail with 13 Unauthorized and nothing is written", async () => {
    await withClient(uriWith(""), async (client) => {
      const coll = client.db("authtest").collection("secrets");
      const find = await coll.findOne({}).catch((err: unknown) => err);
      expect(find).toBeInstanceOf(MongoServerError);
      expect(find).toMatchObject({ code: 13, codeName: "Unauthorized", errmsg: "command find requires authentication" });
      await expect(coll.insertOne({ role: "supervisor" })).rejects.toMatchObject({ code: 13, codeName: "Unauthorized" });
      // The handshake and ping stay open, as on mongod: monitoring connections never authenticate.
      expect((await client.db("admin").command({ ping: 1 })).ok).toBe(1);
    });
    expect(await countSecrets()).toBe(0);
  });

  it("with a wrong password: authentication fails with 18 AuthenticationFailed", async () => {
    const wrong = uriWith(`${store.credentials.username}:${store.credentials.password.slice(1)}x@`);
    await expect(withClient(wrong, (c) => c.db("authtest").collection("secrets").findOne({}))).rejects.toMatchObject({
      code: 18,
      codeName: "AuthenticationFailed",
    });
    const unknownUser = uriWith(`root:${store.credentials.password}@`);
    await expect(withClient(unknownUser, (c) => c.connect())).rejects.toMatchObject({ code: 18 });
  });

  it("with the store's credentials: reads and writes work", async () => {
    await withClient(store.uri, async (client) => {
      const coll = client.db("authtest").collection("notes");
      await coll.insertOne({ _id: 1 as never, text: "hello" });
      expect(await coll.findOne({ _id: 1 as never })).toEqual({ _id: 1, text: "hello" });
    });
  });
});

describe("on a raw socket", () => {
  const raw = async <T>(fn: (c: RawClient) => Promise<T>): Promise<T> => {
    const client = await RawClient.connect(store.port);
    try {
      return await fn(client);
    } finally {
      client.close();
    }
  };

  it("hello names SCRAM-SHA-256 for saslSupportedMechs of the store's user", async () => {
    await raw(async (c) => {
      const hello = await c.command({ hello: 1, saslSupportedMechs: `admin.${store.credentials.username}`, $db: "admin" });
      expect(hello.saslSupportedMechs).toEqual(["SCRAM-SHA-256"]);
    });
  });

  it("saslStart, saslContinue and the final empty saslContinue authenticate the connection", async () => {
    await raw(async (c) => {
      expect(await c.command({ find: "notes", $db: "authtest" })).toMatchObject({ ok: 0, code: 13 });
      const steps = await scramConversation(c, store.credentials.username, store.credentials.password);
      expect(steps.map((s: Document): unknown[] => [s.ok, s.done, s.conversationId])).toEqual([
        [1, false, 1],
        [1, false, 1],
        [1, true, 1],
      ]);
      expect(await c.command({ find: "notes", $db: "authtest" })).toMatchObject({ ok: 1 });
    });
  });

  it("with skipEmptyExchange the server-final step is done at once", async () => {
    await raw(async (c) => {
      const steps = await scramConversation(c, store.credentials.username, store.credentials.password, { skipEmptyExchange: true });
      expect(steps.map((s: Document): unknown => s.done)).toEqual([false, true]);
      expect(await c.command({ find: "notes", $db: "authtest" })).toMatchObject({ ok: 1 });
    });
  });

  it("hello's speculativeAuthenticate starts the conversation without a saslStart round trip", async () => {
    await raw(async (c) => {
      const steps = await scramConversation(c, store.credentials.username, store.credentials.password, { speculative: true, skipEmptyExchange: true });
      expect(steps.map((s: Document): unknown[] => [s.done, s.conversationId])).toEqual([
        [false, 1],
        [true, 1],
      ]);
      expect(await c.command({ find: "notes", $db: "authtest" })).toMatchObject({ ok: 1 });
    });
  });

  it("a wrong proof fails with 18 and leaves the connection unauthenticated", async () => {
    await raw(async (c) => {
      const steps = await scramConversation(c, store.credentials.username, "not-the-password");
      expect(steps.at(-1)).toMatchObject({ ok: 0, code: 18, codeName: "AuthenticationFailed", errmsg: "Authentication failed." });
      expect(await c.command({ find: "notes", $db: "authtest" })).toMatchObject({ ok: 0, code: 13 });
    });
  });

  it("refuses other mechanisms, saslContinue without saslStart and a fire-and-forget insert before authentication", async () => {
    await raw(async (c) => {
      const sha1 = await c.command({ saslStart: 1, mechanism: "SCRAM-SHA-1", payload: new Binary(Buffer.from("n,,n=balie,r=abcdefghij")), $db: "admin" });
      expect(sha1).toMatchObject({ ok: 0, code: 334 });
      expect(await c.command({ saslContinue: 1, conversationId: 1, payload: new Binary(Buffer.alloc(0)), $db: "admin" })).toMatchObject({ ok: 0 });
      c.write(opMsg({ insert: "secrets", documents: [{ role: "supervisor" }], $db: "authtest" }, MSG_MORE_TO_COME));
      expect(await c.command({ ping: 1, $db: "admin" })).toMatchObject({ ok: 1 }); // the insert was handled before this
    });
    expect(await countSecrets()).toBe(0);
  });
});
