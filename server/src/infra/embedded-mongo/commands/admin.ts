/** Database, collection and index administration commands. */
import { calculateObjectSize } from "bson";
import { backupPieces } from "../backup.js";
import { ID_INDEX_SPEC } from "../engine.js";
import { ErrorCodes, mongoError } from "../errors.js";
import { defaultIndexName, type IndexSpec } from "../indexes.js";
import { numberValue, numericKind } from "../numbers.js";
import { compileFilter, type Doc } from "../query.js";
import { collectionArg, docArg, type Handler } from "./context.js";

const listDatabases: Handler = (cmd, ctx) => {
  const filter = compileFilter(docArg(cmd, "filter", "listDatabases"));
  const databases: Doc[] = [];
  let total = 0;
  for (const db of ctx.engine.databases.values()) {
    let size = 0;
    for (const c of db.collections.values()) size += c.size * 64; // an estimate; sizes are informational
    const entry = { name: db.name, sizeOnDisk: size, empty: size === 0 };
    if (!filter(entry)) continue;
    total += size;
    databases.push(cmd.nameOnly === true ? { name: db.name } : entry);
  }
  return cmd.nameOnly === true ? { databases, ok: 1 } : { databases, totalSize: total, totalSizeMb: Math.floor(total / 1048576), ok: 1 };
};

const listCollections: Handler = (cmd, ctx) => {
  const filter = compileFilter(docArg(cmd, "filter", "listCollections"));
  const nameOnly = cmd.nameOnly === true;
  const out: Doc[] = [];
  const db = ctx.engine.database(ctx.db);
  for (const coll of db?.collections.values() ?? []) {
    const full = {
      name: coll.name,
      type: "collection",
      options: coll.options,
      info: { readOnly: false },
      idIndex: { ...ID_INDEX_SPEC },
    };
    if (!filter(full)) continue;
    out.push(nameOnly ? { name: coll.name, type: "collection" } : full);
  }
  const cursor = docArg(cmd, "cursor", "listCollections");
  const batchSize = typeof cursor?.batchSize === "number" ? cursor.batchSize : undefined;
  return { cursor: ctx.cursors.firstBatch(`${ctx.db}.$cmd.listCollections`, out, batchSize ?? 1e9), ok: 1 };
};

const CREATE_IGNORED = new Set(["create", "$db", "lsid", "$clusterTime", "writeConcern", "$readPreference", "comment", "apiVersion", "apiStrict", "apiDeprecationErrors"]);

const create: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "create");
  if (cmd.viewOn !== undefined) throw mongoError(ErrorCodes.IllegalOperation, "views are not supported by the embedded store");
  const options: Doc = {};
  for (const [k, v] of Object.entries(cmd)) if (!CREATE_IGNORED.has(k)) options[k] = v;
  const existing = ctx.engine.collection(ctx.db, name);
  if (existing) {
    // MongoDB 7.0: creating an existing collection with identical options succeeds.
    if (JSON.stringify(existing.options) === JSON.stringify(options)) return { ok: 1 };
    throw mongoError(ErrorCodes.NamespaceExists, `Collection ${ctx.db}.${name} already exists.`);
  }
  ctx.engine.ensureCollection(ctx.db, name, options);
  return { ok: 1 };
};

const drop: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "drop");
  const coll = ctx.engine.collection(ctx.db, name);
  // MongoDB 7.0 answers ok for a collection that does not exist.
  if (!coll) return { ok: 1 };
  const nIndexesWas = coll.indexes.length + 1;
  ctx.engine.dropCollection(ctx.db, name);
  return { nIndexesWas, ns: `${ctx.db}.${name}`, ok: 1 };
};

const dropDatabase: Handler = (_cmd, ctx) => {
  ctx.engine.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

function normaliseIndexSpec(raw: unknown): IndexSpec {
  if (raw === null || typeof raw !== "object") throw mongoError(ErrorCodes.TypeMismatch, "index specification must be an object");
  const spec = raw as Doc;
  const rawKey = spec.key as Doc | undefined;
  if (!rawKey || typeof rawKey !== "object" || Object.keys(rawKey).length === 0) {
    throw mongoError(ErrorCodes.FailedToParse, "The 'key' field is a required property of an index specification");
  }
  // Directions and TTLs may arrive as any BSON number type (a double 1.0, an int64); the store wants plain numbers.
  const plain = (v: unknown) => (numericKind(v) ? numberValue(v) : v);
  const key: Doc = {};
  for (const [k, v] of Object.entries(rawKey)) key[k] = plain(v);
  for (const [k, v] of Object.entries(key)) {
    const ok = (typeof v === "number" && v !== 0) || (typeof v === "string" && ["text", "hashed", "2d", "2dsphere"].includes(v));
    if (!ok || k.length === 0) throw mongoError(67, `Values in the index key pattern can only be numbers or strings, got ${k}: ${String(v)}`);
  }
  const name = typeof spec.name === "string" ? spec.name : defaultIndexName(key);
  const out: IndexSpec = { v: 2, key: key as IndexSpec["key"], name };
  for (const [k, v] of Object.entries(spec)) {
    if (k === "key" || k === "name" || k === "v" || k === "ns") continue;
    if (k === "unique" || k === "sparse") {
      if (v) out[k] = true;
      continue;
    }
    out[k] = k === "expireAfterSeconds" ? plain(v) : v;
  }
  if (out.expireAfterSeconds !== undefined) {
    const e = out.expireAfterSeconds;
    if (typeof e !== "number" || e < 0 || !Number.isFinite(e)) throw mongoError(ErrorCodes.InvalidOptions, "TTL index 'expireAfterSeconds' option must be numeric and >= 0");
    if (Object.keys(key).length !== 1) throw mongoError(67, "TTL indexes are single-field indexes, compound indexes do not support TTL");
  }
  return out;
}

const createIndexes: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "createIndexes");
  const specs = cmd.indexes;
  if (!Array.isArray(specs) || specs.length === 0) throw mongoError(ErrorCodes.BadValue, "Must specify at least one index to create");
  const normalised = specs.map(normaliseIndexSpec);
  const existed = ctx.engine.collection(ctx.db, name) !== undefined;
  const coll = ctx.engine.ensureCollection(ctx.db, name);
  const before = coll.indexes.length + 1;
  for (const spec of normalised) coll.createIndex(spec);
  const after = coll.indexes.length + 1;
  return {
    numIndexesBefore: before,
    numIndexesAfter: after,
    createdCollectionAutomatically: !existed,
    ...(before === after ? { note: "all indexes already exist" } : {}),
    ok: 1,
  };
};

const listIndexes: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "listIndexes");
  const coll = ctx.engine.collection(ctx.db, name);
  if (!coll) throw mongoError(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
  const cursor = docArg(cmd, "cursor", "listIndexes");
  const batchSize = typeof cursor?.batchSize === "number" ? cursor.batchSize : undefined;
  return { cursor: ctx.cursors.firstBatch(`${ctx.db}.${name}`, coll.indexSpecs(), batchSize ?? 1e9), ok: 1 };
};

const dropIndexes: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, Object.keys(cmd)[0]!);
  const coll = ctx.engine.collection(ctx.db, name);
  if (!coll) throw mongoError(ErrorCodes.NamespaceNotFound, `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = coll.indexes.length + 1;
  const which = cmd.index;
  if (which === "*") {
    for (const idx of [...coll.indexes]) coll.dropIndex(idx.name);
  } else if (typeof which === "string") {
    if (which === "_id_") throw mongoError(ErrorCodes.InvalidOptions, "cannot drop _id index");
    coll.dropIndex(which);
  } else if (Array.isArray(which)) {
    for (const n of which) {
      if (n === "_id_") throw mongoError(ErrorCodes.InvalidOptions, "cannot drop _id index");
      coll.dropIndex(String(n));
    }
  } else if (which && typeof which === "object") {
    const json = JSON.stringify(which);
    if (json === JSON.stringify({ _id: 1 })) throw mongoError(ErrorCodes.InvalidOptions, "cannot drop _id index");
    const idx = coll.indexes.find((i) => JSON.stringify(i.spec.key) === json);
    if (!idx) throw mongoError(ErrorCodes.IndexNotFound, `can't find index with key: ${json}`);
    coll.dropIndex(idx.name);
  } else {
    throw mongoError(ErrorCodes.TypeMismatch, "BSON field 'dropIndexes.index' is the wrong type");
  }
  return { nIndexesWas, ok: 1 };
};

const dbStats: Handler = (_cmd, ctx) => {
  const db = ctx.engine.database(ctx.db);
  let objects = 0;
  let dataSize = 0;
  for (const c of db?.collections.values() ?? []) {
    objects += c.size;
    for (const d of c.docs.values()) dataSize += calculateObjectSize(d);
  }
  return { db: ctx.db, collections: db?.collections.size ?? 0, views: 0, objects, avgObjSize: objects ? dataSize / objects : 0, dataSize, storageSize: dataSize, indexes: 0, indexSize: 0, ok: 1 };
};

const collStats: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, "collStats");
  const coll = ctx.engine.collection(ctx.db, name);
  if (!coll) throw mongoError(ErrorCodes.NamespaceNotFound, `Collection [${ctx.db}.${name}] not found.`);
  let size = 0;
  for (const d of coll.docs.values()) size += calculateObjectSize(d);
  return { ns: coll.ns, count: coll.size, size, storageSize: size, nindexes: coll.indexes.length + 1, totalIndexSize: 0, ok: 1 };
};

/**
 * Balie's own: a consistent backup of the whole store (backup.ts), one piece per cursor batch. Only on the
 * admin database, like mongod's administrative commands.
 */
const balieBackup: Handler = async (_cmd, ctx) => {
  if (ctx.db !== "admin") throw mongoError(ErrorCodes.Unauthorized, "balieBackup may only be run against the admin database");
  const pieces = (await backupPieces(ctx.engine)).map((chunk) => ({ chunk }));
  return { cursor: ctx.cursors.firstBatch("admin.$cmd.balieBackup", pieces, 1), ok: 1 };
};

export const adminCommands: Record<string, Handler> = {
  balieBackup,
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  dbStats,
  collStats,
};

