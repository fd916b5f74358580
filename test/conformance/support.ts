// Shared plumbing for the conformance suite: one target (embedded store or MONGODB_URI), one driver client and
// one uniquely named database per test file, dropped afterwards so the suite can run against a shared server.
import { afterAll, beforeAll } from "vitest";
import { MongoClient, type Db, type Document } from "mongodb";
import { conformanceTarget, uniqueDatabaseName, type ConformanceTarget } from "../harness/mongo.js";

export interface ConformanceContext {
  target: ConformanceTarget;
  client: MongoClient;
  db: Db;
  dbName: string;
  /** A collection name that no other test in this file uses. */
  fresh(prefix?: string): string;
}

export function useConformanceDatabase(area: string): ConformanceContext {
  const ctx = {} as ConformanceContext;
  let counter = 0;
  ctx.fresh = (prefix = "c") => `${prefix}_${++counter}`;

  beforeAll(async () => {
    ctx.target = await conformanceTarget();
    ctx.client = new MongoClient(ctx.target.uri, { serverSelectionTimeoutMS: 15_000 });
    await ctx.client.connect();
    ctx.dbName = uniqueDatabaseName(area);
    ctx.db = ctx.client.db(ctx.dbName);
  });

  afterAll(async () => {
    try {
      if (ctx.db) await ctx.db.dropDatabase();
    } finally {
      try {
        if (ctx.client) await ctx.client.close();
      } finally {
        if (ctx.target) await ctx.target.close();
      }
    }
  });

  return ctx;
}

/** The error a promise rejects with; fails the test when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Document> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Document;
  }
  throw new Error("expected the operation to fail, but it succeeded");
}

/** hello on the target: tells a standalone mongod from a replica set member or a mongos. */
export async function topologyOf(client: MongoClient): Promise<"standalone" | "replicaSet" | "mongos"> {
  const hello = await client.db("admin").command({ hello: 1 });
  if (hello.msg === "isdbgrid") return "mongos";
  if (typeof hello.setName === "string") return "replicaSet";
  return "standalone";
}

export function sortedIds(docs: Document[]): unknown[] {
  return docs.map((d) => d._id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
