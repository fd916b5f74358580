/** What every command handler receives. */
import type { CursorRegistry } from "../cursors.js";
import type { Engine } from "../engine.js";
import { ErrorCodes, mongoError } from "../errors.js";
import { numberValue } from "../numbers.js";
import type { Doc } from "../query.js";

export interface CommandContext {
  engine: Engine;
  cursors: CursorRegistry;
  /** Database from the command's `$db` (or the OP_QUERY namespace). */
  db: string;
  connectionId: number;
  /** When the store started (uptime in serverStatus). */
  startedAt: number;
}

export type Handler = (cmd: Doc, ctx: CommandContext) => Doc | Promise<Doc>;

/** The collection name argument of a command (`{find: "users"}`), validated like mongod. */
export function collectionArg(cmd: Doc, name: string): string {
  const v = cmd[name];
  if (typeof v !== "string") {
    throw mongoError(ErrorCodes.InvalidNamespace, `collection name has invalid type ${v === null ? "null" : Array.isArray(v) ? "array" : typeof v}`);
  }
  if (v.length === 0) throw mongoError(ErrorCodes.InvalidNamespace, `Invalid namespace specified '${cmd.$db as string}.'`);
  return v;
}

/** Optional document argument; TypeMismatch (14) when it is not an object, like mongod's IDL parser. */
export function docArg(cmd: Doc, name: string, command: string): Doc | undefined {
  const v = cmd[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) {
    throw mongoError(ErrorCodes.TypeMismatch, `BSON field '${command}.${name}' is the wrong type '${Array.isArray(v) ? "array" : typeof v}', expected type 'object'`);
  }
  return v as Doc;
}

/** Optional non-negative integer argument (skip, limit, batchSize). */
export function numArg(cmd: Doc, name: string, command: string, allowNegative = false): number | undefined {
  const v = cmd[name];
  if (v === undefined || v === null) return undefined;
  const n = numberValue(v);
  if (Number.isNaN(n)) {
    throw mongoError(ErrorCodes.TypeMismatch, `BSON field '${command}.${name}' is the wrong type '${typeof v}', expected types '[long, int, decimal, double]'`);
  }
  if (!allowNegative && n < 0) throw mongoError(51024, `BSON field '${name}' value must be >= 0, actual value '${n}'`);
  return Math.trunc(n);
}
