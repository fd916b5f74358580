/**
 * Aggregation operators where mingo differs from mongod: `$type` names (mongod's aliases, and the BSON type a
 * number had before the pipeline input was promoted), `$count` over no input (no document), and `$lookup`
 * with localField/foreignField plus a pipeline (the equality join first, then the pipeline, since 5.0).
 */
import { Aggregator } from "mingo/aggregator";
import type { Iterator } from "mingo/lazy";
import * as expressionOperators from "mingo/operators/expression";
import * as pipelineOperators from "mingo/operators/pipeline";
import type { Options } from "mingo/types";
import { ComputeOptions, evalExpr, type Doc } from "./mingo-internals.js";
import { bsonTypeName, PROMOTED_TYPES } from "./numbers.js";
import { idKey } from "./order.js";
import { cloneDoc, valuesAtPath } from "./query.js";

/** The recorded BSON type of a promoted number at a plain field path (`"$a.b"`), if any. */
function promotedTypeAt(obj: unknown, expr: unknown): string | undefined {
  if (Array.isArray(expr) && expr.length === 1) expr = expr[0];
  if (typeof expr !== "string" || !expr.startsWith("$") || expr.startsWith("$$")) return undefined;
  const parts = expr.slice(1).split(".");
  let parent = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (parent === null || typeof parent !== "object" || Array.isArray(parent)) return undefined;
    parent = (parent as Doc)[parts[i]!];
  }
  if (parent === null || typeof parent !== "object" || Array.isArray(parent)) return undefined;
  return (parent as { [PROMOTED_TYPES]?: Record<string, string> })[PROMOTED_TYPES]?.[parts[parts.length - 1]!];
}

function $type(obj: Doc, expr: unknown, options: Options): string {
  const recorded = promotedTypeAt(obj, expr);
  if (recorded) return recorded;
  const v = evalExpr(obj, Array.isArray(expr) && expr.length === 1 ? expr[0] : expr, options);
  return v === undefined ? "missing" : bsonTypeName(v);
}

/** mongod's `$count` is `$group` on null then `$project`: no input, no output document. */
function $count(coll: Iterator, expr: unknown, options: Options): Iterator {
  return pipelineOperators.$count(coll, expr as never, options).filter((d) => ((d as Doc)[expr as string] as number) > 0);
}

/** Values a document contributes to an equality join on `path` (array elements; missing joins as null). */
function joinKeys(doc: Doc, path: string): string[] {
  return valuesAtPath(doc, path).map(idKey);
}

function $lookup(coll: Iterator, expr: Doc, options: Options): Iterator {
  const { localField, foreignField, pipeline } = expr;
  if (typeof localField !== "string" || typeof foreignField !== "string" || !Array.isArray(pipeline) || pipeline.length === 0) {
    return pipelineOperators.$lookup(coll, expr as never, options);
  }
  const resolver = options.collectionResolver;
  const foreign = (typeof expr.from === "string" && resolver ? resolver(expr.from) : []) as Doc[];
  const byKey = new Map<string, number[]>();
  foreign.forEach((doc, i) => {
    for (const k of new Set(joinKeys(doc, foreignField))) {
      const list = byKey.get(k);
      if (list) list.push(i);
      else byKey.set(k, [i]);
    }
  });
  const agg = new Aggregator(pipeline as Doc[], options);
  const opts = ComputeOptions.init(options);
  return coll.map((o) => {
    const obj = o as Doc;
    const hits = new Set<number>();
    for (const k of joinKeys(obj, localField)) for (const i of byKey.get(k) ?? []) hits.add(i);
    // Matches keep the foreign collection's order; each run gets its own copies (stages may modify them).
    const matches = [...hits].sort((a, b) => a - b).map((i) => cloneDoc(foreign[i]!));
    const variables = expr.let ? (evalExpr(obj, expr.let, options) as Doc) : {};
    opts.update({ root: null, variables });
    return { ...obj, [expr.as as string]: agg.run(matches, opts) };
  });
}

export const EXPRESSION_OPERATORS = { ...expressionOperators, $type };
export const PIPELINE_OVERRIDES = { $count, $lookup };
