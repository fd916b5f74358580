/**
 * The store's data leaving it through the MongoDB driver: a backup fetched from a running store, and a copy of
 * a backup's state into another MongoDB (a real replica set when a small install grows, or a second embedded
 * store in the tests).
 */
import { Long, MongoClient, type Binary, type Document } from "mongodb";
import { BACKUP_FILE_MODE, engineFrom, parseBackup, type BackupContents } from "./backup.js";
import { loadOrCreateCredentials } from "./credentials.js";
import type { WriteRecord } from "./engine.js";
import { readPortFile } from "./port-file.js";
import { writeChunksAtomically } from "./snapshot.js";

type Piece = { chunk: Binary };

/** The URI of the store running on `dataDir` (its store.port and credentials.json), or null when none runs. */
export function runningStoreUri(dataDir: string): string | null {
  const port = readPortFile(dataDir);
  if (port === null) return null;
  const { username, password } = loadOrCreateCredentials(dataDir);
  return `mongodb://${username}:${password}@127.0.0.1:${port}/?directConnection=true&authSource=admin`;
}

/** Fetches a consistent backup from the running store at `uri` (the file's content, checked). */
export async function fetchBackup(uri: string): Promise<{ data: Buffer; contents: BackupContents }> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 3_000 });
  const pieces: Uint8Array[] = [];
  try {
    const admin = client.db("admin");
    type Reply = { cursor: { id: number | Long; firstBatch?: Piece[]; nextBatch?: Piece[] } };
    let reply = (await admin.command({ balieBackup: 1 })) as Reply;
    for (;;) {
      for (const doc of reply.cursor.firstBatch ?? reply.cursor.nextBatch ?? []) pieces.push(doc.chunk.buffer);
      const id = Number(reply.cursor.id); // the driver promotes small longs to numbers
      if (id === 0) break;
      reply = (await admin.command({ getMore: Long.fromNumber(id), collection: "$cmd.balieBackup" })) as Reply;
    }
  } finally {
    await client.close();
  }
  const data = Buffer.concat(pieces);
  return { data, contents: parseBackup(data, "the backup received from the store") };
}

/** Fetches a consistent backup from the running store at `uri` and writes it atomically to `file`. */
export async function backupRunningStore(uri: string, file: string): Promise<BackupContents> {
  const { data, contents } = await fetchBackup(uri);
  await writeChunksAtomically(file, [data], BACKUP_FILE_MODE);
  return contents;
}

/** What {@link copyTo} wrote, per `db.collection`. */
export type CopyReport = { ns: string; documents: number; indexes: number }[];

const BATCH = 1000;

/**
 * Copies the state described by `records` into the MongoDB at `targetUri`: collections with their options,
 * indexes (TTL and unique included), then the documents. Refuses before writing anything when a target
 * collection already holds documents, so a copy never mixes with other data.
 */
export async function copyTo(records: Iterable<WriteRecord>, targetUri: string): Promise<CopyReport> {
  const engine = engineFrom(records);
  const client = new MongoClient(targetUri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const collections = [...engine.databases.values()].flatMap((db) => [...db.collections.values()]);
    for (const coll of collections) {
      const existing = await client.db(coll.db).collection(coll.name).estimatedDocumentCount();
      if (existing > 0) throw new Error(`the target already holds ${existing} documents in ${coll.ns}; copy into an empty database`);
    }
    const report: CopyReport = [];
    for (const coll of collections) {
      const db = client.db(coll.db);
      const exists = (await db.listCollections({ name: coll.name }, { nameOnly: true }).toArray()).length > 0;
      if (!exists) await db.createCollection(coll.name, coll.options);
      const target = db.collection(coll.name);
      const indexes = coll.indexes.map((i) => indexDescription(i.spec as Document));
      if (indexes.length) await target.createIndexes(indexes as Parameters<typeof target.createIndexes>[0]);
      let batch: Document[] = [];
      let documents = 0;
      for (const doc of coll.docs.values()) {
        batch.push(doc);
        if (batch.length === BATCH) {
          documents += (await target.insertMany(batch, { ordered: true })).insertedCount;
          batch = [];
        }
      }
      if (batch.length) documents += (await target.insertMany(batch, { ordered: true })).insertedCount;
      report.push({ ns: coll.ns, documents, indexes: indexes.length });
    }
    return report;
  } finally {
    await client.close();
  }
}

/** An index spec as stored (listIndexes' shape) turned into createIndexes' shape: no version field. */
function indexDescription(spec: Document): Document {
  const { v: _version, ns: _ns, ...rest } = spec;
  return rest;
}
