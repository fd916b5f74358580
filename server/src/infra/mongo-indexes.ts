/**
 * Indexes as a deliberate step. In development and tests mongoose builds each model's indexes when the model
 * is first used (autoIndex); in production that is off, because an index build on a large collection should
 * happen once, when the operator runs `npm run migrate`, not on every node's start. Production nodes check
 * at start that the indexes they rely on (the unique ones keep chat messages exactly once) exist.
 */
import mongoose from "mongoose";

/** What one model's index sync changed (or would change). */
export interface IndexChange {
  model: string;
  collection: string;
  /** Index keys created, e.g. `{"conversationId":1,"seq":1} (unique)`. */
  created: string[];
  /** Index names dropped (in MongoDB, not in the schema). */
  dropped: string[];
}

/** Every registered model, in name order (models register when their modules load). */
function models() {
  return mongoose.modelNames().sort().map((name) => mongoose.model(name));
}

/** `{"expiresAt":1} (ttl 0 s)`: the key, and the options an operator cares about. */
function describeIndex(declared: [Record<string, unknown>, Record<string, unknown>][], key: Record<string, unknown>): string {
  const json = JSON.stringify(key);
  const options = declared.find(([fields]) => JSON.stringify(fields) === json)?.[1] ?? {};
  const notes = [
    options.unique ? "unique" : "",
    options.sparse ? "sparse" : "",
    typeof options.expireAfterSeconds === "number" ? `ttl ${options.expireAfterSeconds} s` : "",
  ].filter(Boolean);
  return notes.length ? `${json} (${notes.join(", ")})` : json;
}

/** What {@link syncIndexes} would change, without changing anything. */
export async function diffIndexes(): Promise<IndexChange[]> {
  const out: IndexChange[] = [];
  for (const model of models()) {
    const diff = await model.diffIndexes();
    out.push({
      model: model.modelName,
      collection: model.collection.collectionName,
      created: diff.toCreate.map((key) => describeIndex(model.schema.indexes(), key as Record<string, unknown>)),
      dropped: diff.toDrop.map(String),
    });
  }
  return out;
}

/**
 * Creates every model's collection and makes its indexes match the schema (TTL and unique ones included):
 * builds missing indexes, drops ones no schema declares. Idempotent; returns what it changed.
 */
export async function syncIndexes(): Promise<IndexChange[]> {
  const planned = await diffIndexes();
  for (const model of models()) {
    await model.createCollection();
    await model.syncIndexes();
  }
  return planned.filter((c) => c.created.length || c.dropped.length);
}

/** Models whose schema declares indexes that the database lacks (one line each), for the start-up check. */
export async function missingIndexes(): Promise<string[]> {
  return (await diffIndexes()).filter((c) => c.created.length).map((c) => `${c.collection}: ${c.created.join(", ")}`);
}
