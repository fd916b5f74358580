/**
 * The few pieces of mingo's internals the store builds on (they are not in mingo's public exports). They are
 * loaded from the same CommonJS build the public entry points use, so they are the same module instances
 * and mingo's `instanceof` checks hold.
 */
import type { Options } from "mingo/types";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const requireFromHere = createRequire(import.meta.url);
const root = dirname(requireFromHere.resolve("mingo"));
const load = <T>(path: string): T => requireFromHere(join(root, ...path.split("/"))) as T;

export type Doc = Record<string, unknown>;
export type ComputeOpts = Options & { local?: { depth?: number; [k: string]: unknown }; update(locals: Record<string, unknown>): ComputeOpts };

export const { ComputeOptions, evalExpr } = load<{
  ComputeOptions: { init(options: Partial<Options>): ComputeOpts };
  evalExpr(obj: unknown, expr: unknown, options: Options): unknown;
}>("core/_internal.js");

/** Builds a query operator from a predicate `(fieldValue, operand, options) => boolean`, resolving the field like mingo. */
export const { processQuery } = load<{
  processQuery(selector: string, value: unknown, options: Options, predicate: (a: unknown, b: unknown, o: ComputeOpts) => boolean): (doc: Doc) => boolean;
}>("operators/_predicates.js");

/** A path of an update expression, split at its positional parts. */
export interface UpdateNode {
  selector: string;
  position?: string;
  next?: UpdateNode;
}

/** mingo's update machinery: walks each path of an operator's expression (positional, `$[]`, `$[id]`) and calls back with parent and key. */
export const updateInternals = load<{
  walkExpression(expr: Doc, arrayFilters: Doc[], options: Options, cb: (val: unknown, node: UpdateNode, queries: Doc) => boolean): string[];
  applyUpdate(obj: Doc, node: UpdateNode, queries: Doc, f: (o: Doc & unknown[], k: string & number) => boolean, opts?: { descendArray?: boolean; buildGraph?: boolean }): boolean;
  clone<T>(val: T, options: Options): T;
}>("operators/update/_internal.js");
