/**
 * aggregate: leading `$match`/`$sort`/`$skip`/`$limit` stages run on the collection's planner (so they use
 * indexes and BSON sort order); the rest of the pipeline runs on mingo, on copies of the documents, with a
 * resolver so `$lookup`, `$graphLookup` and `$unionWith` see the other collections of the same database.
 */
import { Aggregator } from "mingo/aggregator";
import { ErrorCodes, MongoCommandError, mongoError } from "../errors.js";
import { promoteClone } from "../numbers.js";
import { cloneDoc, MINGO_CONTEXT, mingoOptions, type Doc } from "../query.js";
import { collectionArg, docArg, numArg, type Handler } from "./context.js";

function validatePipeline(pipeline: unknown): Doc[] {
  if (!Array.isArray(pipeline)) throw mongoError(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
  for (const stage of pipeline) {
    if (stage === null || typeof stage !== "object" || Array.isArray(stage) || Object.keys(stage).length !== 1) {
      throw mongoError(40323, "A pipeline stage specification object must contain exactly one field.");
    }
    const name = Object.keys(stage)[0]!;
    if (name === "$out" || name === "$merge") continue;
    if (!MINGO_CONTEXT.getOperator("pipeline" as never, name)) throw mongoError(40324, `Unrecognized pipeline stage name: '${name}'`);
  }
  return pipeline as Doc[];
}

const aggregate: Handler = (cmd, ctx) => {
  const target = cmd.aggregate;
  const pipeline = validatePipeline(cmd.pipeline);
  const cursorOpt = docArg(cmd, "cursor", "aggregate");
  if (!cursorOpt && cmd.explain !== true) {
    throw mongoError(ErrorCodes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  const batchSize = cursorOpt ? numArg(cursorOpt, "batchSize", "aggregate.cursor") : undefined;
  const name = target === 1 ? null : collectionArg(cmd, "aggregate");

  let stages = pipeline;
  let out: string | null = null;
  const last = stages[stages.length - 1];
  if (last && "$merge" in last) throw mongoError(ErrorCodes.IllegalOperation, "$merge is not supported by the embedded store");
  if (last && "$out" in last) {
    const spec = last.$out;
    out = typeof spec === "string" ? spec : typeof spec === "object" && spec !== null ? String((spec as Doc).coll) : null;
    if (!out) throw mongoError(ErrorCodes.FailedToParse, "$out requires a collection name");
    stages = stages.slice(0, -1);
  }

  // Push the leading $match/$sort/$skip/$limit down to the collection (indexes, BSON order).
  let i = 0;
  let filter: Doc | undefined;
  let sort: unknown;
  let skip: number | undefined;
  let limit: number | undefined;
  if (stages[i]?.$match && typeof stages[i]!.$match === "object") filter = stages[i++]!.$match as Doc;
  if (stages[i]?.$sort) sort = stages[i++]!.$sort;
  if (typeof stages[i]?.$skip === "number") skip = stages[i++]!.$skip as number;
  if (typeof stages[i]?.$limit === "number") limit = stages[i++]!.$limit as number;
  const rest = stages.slice(i);

  let docs: Doc[] = [];
  if (name !== null) {
    const coll = ctx.engine.collection(ctx.db, name);
    docs = coll ? coll.select(filter, { sort, skip, limit }) : [];
  }
  let result: Doc[];
  if (rest.length) {
    try {
      // mingo computes with plain numbers only: it gets promoted copies (see numbers.ts).
      result = new Aggregator(promoteClone(rest), mingoOptions(ctx.engine.resolver(ctx.db))).run(docs.map((d) => promoteClone(d)));
    } catch (err) {
      if (err instanceof MongoCommandError) throw err;
      throw mongoError(ErrorCodes.BadValue, err instanceof Error ? err.message : String(err));
    }
  } else {
    result = docs;
  }

  if (out) {
    ctx.engine.dropCollection(ctx.db, out);
    const coll = ctx.engine.ensureCollection(ctx.db, out);
    for (const d of result) coll.insert(cloneDoc(d));
    result = [];
  }
  const ns = `${ctx.db}.${name ?? "$cmd.aggregate"}`;
  return { cursor: ctx.cursors.firstBatch(ns, result, batchSize), ok: 1 };
};

export const aggregateCommands: Record<string, Handler> = { aggregate };
