/**
 * Databases, collections and their documents, in memory. Documents are copy-on-write: an update stores a
 * new object and never mutates the old one, so open cursors and in-flight replies keep a consistent view
 * without copying. Every mutation is reported as a journal record through {@link Engine.log}.
 */
import { ObjectId } from "bson";
import { nowMs } from "../clock.js";
import { ErrorCodes, mongoError } from "./errors.js";
import { defaultIndexName, duplicateKeyError, Index, type IndexSpec } from "./indexes.js";
import { promoteClone } from "./numbers.js";
import { idKey } from "./order.js";
import { planCandidates } from "./planner.js";
import { compileFilter, parseSort, projectDocs, sortDocs, type Doc } from "./query.js";

/** A journal record: one logical, idempotent mutation. */
export type WriteRecord =
  | { op: "put"; db: string; c: string; d: Doc }
  | { op: "del"; db: string; c: string; id: unknown }
  | { op: "create"; db: string; c: string; options: Doc }
  | { op: "drop"; db: string; c: string }
  | { op: "dropDb"; db: string }
  | { op: "index"; db: string; c: string; spec: IndexSpec }
  | { op: "dropIndex"; db: string; c: string; name: string };

export interface FindOptions {
  sort?: unknown;
  skip?: number;
  limit?: number;
  projection?: Doc | null;
}

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: "_id_" };

export class Collection {
  /** `_id` key → document, in insertion order (mongod's natural order for a collection without moves). */
  readonly docs = new Map<string, Doc>();
  readonly indexes: Index[] = [];
  constructor(
    readonly engine: Engine,
    readonly db: string,
    readonly name: string,
    readonly options: Doc,
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  getById(id: unknown): Doc | undefined {
    return this.docs.get(idKey(id));
  }

  /** Matching documents (the stored objects: never mutate them), sorted, skipped and limited. */
  select(filter: Doc | undefined | null, options: { sort?: unknown; skip?: number; limit?: number } = {}): Doc[] {
    const spec = parseSort(options.sort);
    const pred = compileFilter(filter);
    const skip = Math.max(0, options.skip ?? 0);
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const plan = planCandidates(this, filter ?? {}, spec);
    const out: Doc[] = [];
    if (plan.sorted) {
      let skipped = 0;
      for (const doc of plan.docs) {
        if (!pred(doc)) continue;
        if (skipped < skip) {
          skipped++;
          continue;
        }
        out.push(doc);
        if (out.length >= limit) break;
      }
      return out;
    }
    for (const doc of plan.docs) if (pred(doc)) out.push(doc);
    const sorted = sortDocs(out, spec);
    return skip || limit !== Infinity ? sorted.slice(skip, skip + limit) : sorted;
  }

  /** Like {@link select}, then projected and copied for the caller. */
  find(filter: Doc | undefined | null, options: FindOptions = {}): Doc[] {
    const docs = this.select(filter, options);
    if (options.projection && Object.keys(options.projection).length) return projectDocs(docs, options.projection, filter);
    return docs;
  }

  private checkUnique(doc: Doc, id: unknown): void {
    for (const idx of this.indexes) {
      const dup = idx.findDuplicate(doc, id);
      if (dup) throw duplicateKeyError(this.ns, idx.name, idx.spec.key, dup);
    }
  }

  /** Inserts a document the store owns (caller has copied it). Adds `_id` if missing. */
  insert(doc: Doc): Doc {
    if (!("_id" in doc)) doc = { _id: new ObjectId(), ...doc };
    validateId(doc._id);
    const k = idKey(doc._id);
    if (this.docs.has(k)) throw duplicateKeyError(this.ns, "_id_", { _id: 1 }, [doc._id]);
    this.checkUnique(doc, doc._id);
    this.docs.set(k, doc);
    for (const idx of this.indexes) idx.add(doc, doc._id);
    this.engine.log({ op: "put", db: this.db, c: this.name, d: doc });
    return doc;
  }

  /** Swaps `old` for `next` (same `_id`), enforcing unique indexes. */
  replace(old: Doc, next: Doc): void {
    this.checkUnique(next, old._id);
    for (const idx of this.indexes) idx.remove(old, old._id);
    for (const idx of this.indexes) idx.add(next, next._id);
    this.docs.set(idKey(old._id), next);
    this.engine.log({ op: "put", db: this.db, c: this.name, d: next });
  }

  remove(doc: Doc): void {
    if (!this.docs.delete(idKey(doc._id))) return;
    for (const idx of this.indexes) idx.remove(doc, doc._id);
    this.engine.log({ op: "del", db: this.db, c: this.name, id: doc._id });
  }

  /** Replay path: store a document without checks (the journal only holds documents that passed them). */
  put(doc: Doc): void {
    const k = idKey(doc._id);
    const old = this.docs.get(k);
    if (old) for (const idx of this.indexes) idx.remove(old, old._id);
    this.docs.set(k, doc);
    for (const idx of this.indexes) idx.add(doc, doc._id);
  }

  /** Replay path: delete by `_id`. */
  removeById(id: unknown): void {
    const doc = this.getById(id);
    if (doc) {
      this.docs.delete(idKey(id));
      for (const idx of this.indexes) idx.remove(doc, doc._id);
    }
  }

  indexSpecs(): IndexSpec[] {
    return [{ ...ID_INDEX_SPEC }, ...this.indexes.map((i) => ({ ...i.spec }))];
  }

  /**
   * Creates an index unless an identical one exists. Returns false for "already exists". Fails with E11000
   * over existing duplicates, with IndexOptionsConflict/IndexKeySpecsConflict like mongod.
   */
  createIndex(spec: IndexSpec, enforce = true): boolean {
    const keyJson = JSON.stringify(spec.key);
    if (spec.name === "_id_" || keyJson === JSON.stringify({ _id: 1 })) return false;
    for (const idx of this.indexes) {
      const sameKey = JSON.stringify(idx.spec.key) === keyJson;
      if (idx.name === spec.name) {
        if (!sameKey) {
          throw mongoError(
            ErrorCodes.IndexKeySpecsConflict,
            `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(idx.spec)}`,
          );
        }
        if (sameOptions(idx.spec, spec)) return false;
        throw mongoError(ErrorCodes.IndexOptionsConflict, `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(idx.spec)}`);
      }
      if (sameKey && sameOptions(idx.spec, spec)) {
        throw mongoError(ErrorCodes.IndexOptionsConflict, `Index already exists with a different name: ${idx.name}`);
      }
    }
    const index = new Index(spec);
    for (const doc of this.docs.values()) {
      if (enforce) {
        const dup = index.findDuplicate(doc, doc._id);
        if (dup) throw duplicateKeyError(this.ns, spec.name, spec.key, dup);
      }
      index.add(doc, doc._id);
    }
    this.indexes.push(index);
    this.engine.log({ op: "index", db: this.db, c: this.name, spec });
    return true;
  }

  dropIndex(name: string): void {
    const i = this.indexes.findIndex((x) => x.name === name);
    if (i < 0) throw mongoError(ErrorCodes.IndexNotFound, `index not found with name [${name}]`);
    this.indexes.splice(i, 1);
    this.engine.log({ op: "dropIndex", db: this.db, c: this.name, name });
  }

  /** Deletes documents whose TTL date has passed (mongod's TTL monitor). Returns how many. */
  sweepExpired(now: number): number {
    let removed = 0;
    for (const idx of this.indexes) {
      const secs = idx.spec.expireAfterSeconds;
      if (typeof secs !== "number" || idx.fields.length !== 1) continue;
      const cutoff = now - secs * 1000;
      const expired: Doc[] = [];
      if (idx.fields[0]![1] === 1) {
        for (const e of idx.from(new Date(-8.64e15))) {
          const v = e.key[0];
          if (!(v instanceof Date) || v.getTime() > cutoff) break;
          expired.push(e.doc);
        }
      } else {
        for (const doc of this.docs.values()) if (ttlExpired(doc, idx.fields[0]![0], cutoff)) expired.push(doc);
      }
      for (const doc of expired) {
        // An array of dates expires on its earliest date, which the ascending walk already saw first.
        if (this.docs.has(idKey(doc._id))) {
          this.remove(doc);
          removed++;
        }
      }
    }
    return removed;
  }
}

function ttlExpired(doc: Doc, path: string, cutoff: number): boolean {
  const v = doc[path];
  const values = Array.isArray(v) ? v : [v];
  return values.some((x) => x instanceof Date && x.getTime() <= cutoff);
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  const pick = (s: IndexSpec) =>
    JSON.stringify([!!s.unique, !!s.sparse, s.partialFilterExpression ?? null, s.expireAfterSeconds ?? null]);
  return pick(a) === pick(b);
}

function validateId(id: unknown): void {
  if (Array.isArray(id)) throw mongoError(ErrorCodes.BadValue, "can't use an array for _id");
  if (id instanceof RegExp) throw mongoError(ErrorCodes.BadValue, "can't use a regex for _id");
  if (id === undefined) throw mongoError(ErrorCodes.BadValue, "can't use undefined for _id");
}

export class Database {
  readonly collections = new Map<string, Collection>();
  constructor(
    readonly engine: Engine,
    readonly name: string,
  ) {}
}

/** Valid names, like mongod's checks for database and collection names. */
export function validateDbName(name: unknown): asserts name is string {
  if (typeof name !== "string" || name.length === 0 || /[/\\. "$\0]/.test(name) || name.length > 63) {
    throw mongoError(ErrorCodes.InvalidNamespace, `Invalid database name: '${String(name)}'`);
  }
}

export function validateCollectionName(db: string, name: unknown): asserts name is string {
  if (typeof name !== "string" || name.length === 0 || name.includes("\0") || name.includes("$") || name.startsWith(".")) {
    throw mongoError(ErrorCodes.InvalidNamespace, `Invalid collection name: ${db}.${String(name)}`);
  }
}

export class Engine {
  readonly databases = new Map<string, Database>();
  /** Receives every mutation; null while replaying or when nothing listens. */
  logSink: ((rec: WriteRecord) => void) | null = null;

  log(rec: WriteRecord): void {
    this.logSink?.(rec);
  }

  database(name: string): Database | undefined {
    return this.databases.get(name);
  }

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.collections.get(name);
  }

  /** Gets or implicitly creates a collection (as inserts, upserts and createIndexes do in mongod). */
  ensureCollection(db: string, name: string, options: Doc = {}): Collection {
    validateDbName(db);
    validateCollectionName(db, name);
    let database = this.databases.get(db);
    if (!database) {
      database = new Database(this, db);
      this.databases.set(db, database);
    }
    let coll = database.collections.get(name);
    if (!coll) {
      coll = new Collection(this, db, name, options);
      database.collections.set(name, coll);
      this.log({ op: "create", db, c: name, options });
    }
    return coll;
  }

  dropCollection(db: string, name: string): boolean {
    const database = this.databases.get(db);
    if (!database?.collections.delete(name)) return false;
    if (database.collections.size === 0) this.databases.delete(db);
    this.log({ op: "drop", db, c: name });
    return true;
  }

  dropDatabase(db: string): void {
    if (this.databases.delete(db)) this.log({ op: "dropDb", db });
  }

  /** Resolver for `$lookup`/`$graphLookup`/`$unionWith`: promoted copies, since mingo may mutate what it joins and only computes with plain numbers. */
  resolver(db: string): (name: string) => Doc[] {
    return (name) => {
      const coll = this.collection(db, name);
      return coll ? Array.from(coll.docs.values(), (d) => promoteClone(d)) : [];
    };
  }

  /** TTL monitor pass over every collection. */
  sweepExpired(now: number = nowMs()): number {
    let n = 0;
    for (const database of this.databases.values()) for (const coll of database.collections.values()) n += coll.sweepExpired(now);
    return n;
  }

  /** Applies a journal/snapshot record (idempotent: replaying a record twice is harmless). */
  apply(rec: WriteRecord): void {
    switch (rec.op) {
      case "put":
        this.ensureCollection(rec.db, rec.c).put(rec.d);
        break;
      case "del":
        this.collection(rec.db, rec.c)?.removeById(rec.id);
        break;
      case "create":
        this.ensureCollection(rec.db, rec.c, rec.options ?? {});
        break;
      case "drop":
        this.dropCollection(rec.db, rec.c);
        break;
      case "dropDb":
        this.dropDatabase(rec.db);
        break;
      case "index":
        this.ensureCollection(rec.db, rec.c).createIndex(rec.spec, false);
        break;
      case "dropIndex": {
        const coll = this.collection(rec.db, rec.c);
        if (coll?.indexes.some((i) => i.name === rec.name)) coll.dropIndex(rec.name);
        break;
      }
    }
  }

  /** Every record needed to rebuild the current state (a snapshot), produced lazily. */
  *records(): Generator<WriteRecord> {
    for (const database of this.databases.values()) {
      for (const coll of database.collections.values()) {
        yield { op: "create", db: database.name, c: coll.name, options: coll.options };
        for (const idx of coll.indexes) yield { op: "index", db: database.name, c: coll.name, spec: idx.spec };
        for (const d of coll.docs.values()) yield { op: "put", db: database.name, c: coll.name, d };
      }
    }
  }
}

export { defaultIndexName };
