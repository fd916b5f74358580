/** CRUD commands: insert, find, getMore, killCursors, update, delete, findAndModify, count, distinct. */
import { Long } from "bson";
import type { Collection } from "../engine.js";
import { ErrorCodes, mongoError, toMongoError } from "../errors.js";
import { compareBson, idKey, sameBson } from "../order.js";
import { projectDocs, valuesAtPath, type Doc } from "../query.js";
import { applyUpdate, buildUpsertDoc, idFirst, parseUpdate } from "../update.js";
import { collectionArg, docArg, numArg, type CommandContext, type Handler } from "./context.js";

function arrayArg(cmd: Doc, name: string, command: string): Doc[] {
  const v = cmd[name];
  if (!Array.isArray(v)) {
    if (v === undefined) throw mongoError(ErrorCodes.FailedToParse, `BSON field '${command}.${name}' is missing but a required field`);
    throw mongoError(ErrorCodes.TypeMismatch, `BSON field '${command}.${name}' is the wrong type '${typeof v}', expected type 'array'`);
  }
  return v as Doc[];
}

const insert: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "insert");
  const docs = arrayArg(cmd, "documents", "insert");
  const ordered = cmd.ordered !== false;
  const coll = ctx.engine.ensureCollection(ctx.db, name);
  let n = 0;
  const writeErrors: Doc[] = [];
  for (let i = 0; i < docs.length; i++) {
    try {
      const doc = docs[i]!;
      if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw mongoError(ErrorCodes.TypeMismatch, "document must be an object");
      coll.insert("_id" in doc ? idFirst(doc) : doc);
      n++;
    } catch (err) {
      writeErrors.push(toMongoError(err).toWriteError(i));
      if (ordered) break;
    }
  }
  return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
};

const find: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "find");
  const filter = docArg(cmd, "filter", "find");
  const sort = docArg(cmd, "sort", "find");
  const projection = docArg(cmd, "projection", "find");
  const skip = numArg(cmd, "skip", "find");
  let limit = numArg(cmd, "limit", "find", true);
  const batchSize = numArg(cmd, "batchSize", "find");
  let singleBatch = cmd.singleBatch === true;
  if (limit !== undefined && limit < 0) {
    // Legacy negative limit: return at most |limit| documents in a single batch and close the cursor.
    limit = -limit;
    singleBatch = true;
  }
  const coll = ctx.engine.collection(ctx.db, name);
  const docs = coll ? coll.find(filter, { sort, skip, limit, projection }) : [];
  return { cursor: ctx.cursors.firstBatch(`${ctx.db}.${name}`, docs, batchSize, singleBatch), ok: 1 };
};

function cursorIdArg(v: unknown): number {
  if (typeof v === "number") return v;
  if (v instanceof Long || (v as { _bsontype?: string } | null)?._bsontype === "Long") return (v as Long).toNumber();
  throw mongoError(ErrorCodes.TypeMismatch, `BSON field 'getMore.getMore' is the wrong type '${typeof v}', expected type 'long'`);
}

const getMore: Handler = (cmd, ctx) => {
  const id = cursorIdArg(cmd.getMore);
  const name = collectionArg(cmd, "collection");
  const batchSize = numArg(cmd, "batchSize", "getMore");
  return { cursor: ctx.cursors.nextBatch(id, `${ctx.db}.${name}`, batchSize), ok: 1 };
};

const killCursors: Handler = (cmd, ctx) => {
  collectionArg(cmd, "killCursors");
  const ids = arrayArg(cmd, "cursors", "killCursors").map(cursorIdArg);
  const { killed, notFound } = ctx.cursors.kill(ids);
  return {
    cursorsKilled: killed.map((i) => Long.fromNumber(i)),
    cursorsNotFound: notFound.map((i) => Long.fromNumber(i)),
    cursorsAlive: [],
    cursorsUnknown: [],
    ok: 1,
  };
};

/** One update statement; returns counts and the upserted `_id` (if any). */
function updateOne(ctx: CommandContext, name: string, stmt: Doc): { n: number; nModified: number; upserted?: unknown } {
  if (stmt === null || typeof stmt !== "object") throw mongoError(ErrorCodes.TypeMismatch, "update statement must be an object");
  const q = (stmt.q ?? {}) as Doc;
  const u = stmt.u;
  if (u === undefined) throw mongoError(ErrorCodes.FailedToParse, "BSON field 'update.updates.u' is missing but a required field");
  const arrayFilters = stmt.arrayFilters as Doc[] | undefined;
  const kind = parseUpdate(u, arrayFilters);
  const multi = stmt.multi === true;
  if (multi && kind === "replacement") throw mongoError(ErrorCodes.FailedToParse, "multi update is not supported for replacement-style update");
  const coll = ctx.engine.collection(ctx.db, name);
  const matched = coll ? coll.select(q, multi ? {} : { limit: 1, sort: stmt.sort }) : [];
  if (matched.length === 0) {
    if (stmt.upsert !== true) return { n: 0, nModified: 0 };
    const doc = buildUpsertDoc(q, u, arrayFilters);
    ctx.engine.ensureCollection(ctx.db, name).insert(doc);
    return { n: 1, nModified: 0, upserted: doc._id };
  }
  let nModified = 0;
  for (const doc of matched) {
    const next = applyUpdate(doc, u, { arrayFilters, filter: q });
    if (!sameBson(doc, next)) {
      (coll as Collection).replace(doc, next);
      nModified++;
    }
  }
  return { n: matched.length, nModified };
}

const update: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "update");
  const stmts = arrayArg(cmd, "updates", "update");
  const ordered = cmd.ordered !== false;
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors: Doc[] = [];
  for (let i = 0; i < stmts.length; i++) {
    try {
      const r = updateOne(ctx, name, stmts[i]!);
      n += r.n;
      nModified += r.nModified;
      if (r.upserted !== undefined) upserted.push({ index: i, _id: r.upserted });
    } catch (err) {
      writeErrors.push(toMongoError(err).toWriteError(i));
      if (ordered) break;
    }
  }
  return { n, nModified, ...(upserted.length ? { upserted } : {}), ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
};

const del: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "delete");
  const stmts = arrayArg(cmd, "deletes", "delete");
  const ordered = cmd.ordered !== false;
  const coll = ctx.engine.collection(ctx.db, name);
  let n = 0;
  const writeErrors: Doc[] = [];
  for (let i = 0; i < stmts.length; i++) {
    try {
      const stmt = stmts[i]!;
      const limit = stmt.limit;
      if (limit !== 0 && limit !== 1) throw mongoError(ErrorCodes.FailedToParse, "The limit field in delete objects must be 0 or 1. Got " + String(limit));
      if (!coll) continue;
      const docs = coll.select((stmt.q ?? {}) as Doc, limit === 1 ? { limit: 1, sort: stmt.sort } : {});
      for (const doc of docs) coll.remove(doc);
      n += docs.length;
    } catch (err) {
      writeErrors.push(toMongoError(err).toWriteError(i));
      if (ordered) break;
    }
  }
  return { n, ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
};

const findAndModify: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, Object.keys(cmd)[0]!);
  const query = docArg(cmd, "query", "findAndModify") ?? {};
  const sort = docArg(cmd, "sort", "findAndModify");
  const fields = docArg(cmd, "fields", "findAndModify");
  const remove = cmd.remove === true;
  const hasUpdate = cmd.update !== undefined;
  if (remove && hasUpdate) throw mongoError(ErrorCodes.FailedToParse, "Cannot specify both an update and remove=true");
  if (!remove && !hasUpdate) throw mongoError(ErrorCodes.FailedToParse, "Either an update or remove=true must be specified");
  if (remove && cmd.upsert === true) throw mongoError(ErrorCodes.FailedToParse, "Cannot specify both upsert=true and remove=true");
  if (remove && cmd.new === true) throw mongoError(ErrorCodes.FailedToParse, "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  const arrayFilters = cmd.arrayFilters as Doc[] | undefined;
  // Like mongod, a malformed update fails even when no document matches.
  if (hasUpdate) parseUpdate(cmd.update, arrayFilters);
  const coll = ctx.engine.collection(ctx.db, name);
  const found = coll ? coll.select(query, { sort, limit: 1 })[0] : undefined;
  const out = (doc: Doc | undefined | null) => (doc ? (fields ? projectDocs([doc], fields, query)[0] ?? null : doc) : null);
  if (remove) {
    if (!found || !coll) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    coll.remove(found);
    return { lastErrorObject: { n: 1 }, value: out(found), ok: 1 };
  }
  if (found && coll) {
    const next = applyUpdate(found, cmd.update, { arrayFilters, filter: query });
    if (!sameBson(found, next)) coll.replace(found, next);
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: out(cmd.new === true ? next : found), ok: 1 };
  }
  if (cmd.upsert === true) {
    const doc = buildUpsertDoc(query, cmd.update, arrayFilters);
    ctx.engine.ensureCollection(ctx.db, name).insert(doc);
    return { lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id }, value: cmd.new === true ? out(doc) : null, ok: 1 };
  }
  return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
};

const count: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "count");
  const query = docArg(cmd, "query", "count");
  const skip = numArg(cmd, "skip", "count") ?? 0;
  const limit = Math.abs(numArg(cmd, "limit", "count", true) ?? 0);
  const coll = ctx.engine.collection(ctx.db, name);
  if (!coll) return { n: 0, ok: 1 };
  const n = query && Object.keys(query).length ? coll.select(query).length : coll.size;
  return { n: Math.max(0, Math.min(limit || Infinity, n - skip)), ok: 1 };
};

const distinct: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "distinct");
  const key = cmd.key;
  if (typeof key !== "string") throw mongoError(ErrorCodes.TypeMismatch, "BSON field 'distinct.key' is the wrong type, expected type 'string'");
  const query = docArg(cmd, "query", "distinct");
  const coll = ctx.engine.collection(ctx.db, name);
  const seen = new Map<string, unknown>();
  for (const doc of coll ? coll.select(query) : []) {
    for (const v of valuesAtPath(doc, key, false)) {
      if (v === undefined) continue;
      const k = idKey(v);
      if (!seen.has(k)) seen.set(k, v);
    }
  }
  return { values: [...seen.values()].sort(compareBson), ok: 1 };
};

export const crudCommands: Record<string, Handler> = {
  insert,
  find,
  getMore,
  killCursors,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
  count,
  distinct,
};
