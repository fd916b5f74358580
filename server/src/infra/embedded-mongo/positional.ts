/**
 * Positional update paths — `$`, `$[]` and `$[<identifier>]` — resolved like mongod resolves them: every
 * positional part is matched against the ORIGINAL document (the query for `$`, the array filter for
 * `$[<identifier>]`), so `{$set: {"contacts.$[c].name": …, "contacts.$[c].email": …}}` updates both fields of
 * the same elements even when the first change would stop the element from matching. The update is then
 * applied with concrete index paths (`contacts.1.name`), one operator object per operator.
 *
 * Also mongod's parse-time checks of array filters and positional paths (they fail even when no document
 * matches) and its conflict rules: the update-tree rules at parse time (`a.$[i]` next to `a.$`, `a.0` or `a.b`
 * conflicts at `a`) and, once positions are known, two updates of the same element field ("Update created a
 * conflict at …").
 */
import { ErrorCodes, mongoError, type MongoCommandError } from "./errors.js";
import { formatKeyValue } from "./indexes.js";
import { compileFilter, type Doc } from "./query.js";

export const POSITIONAL_NO_MATCH = "The positional operator did not find the match needed from the query.";

/** The array filters of one update, by identifier, compiled to element predicates. */
export type ArrayFilters = Map<string, (element: unknown) => boolean>;

const IDENTIFIER = /^[a-z][a-zA-Z0-9]*$/;
const LOGICAL = new Set(["$and", "$or", "$nor"]);

const isArrayToken = (part: string) => part.length >= 3 && part.startsWith("$[") && part.endsWith("]");
const isPositionalToken = (part: string) => part === "$" || isArrayToken(part);
const isPlainObject = (v: unknown): v is Doc => {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** True when a path of the operator update (or a `$rename` target) could hold a positional part. */
export function mayHavePositional(update: Doc): boolean {
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, v] of Object.entries(fields as Doc)) {
      if (path.includes("$")) return true;
      if (op === "$rename" && typeof v === "string" && v.includes("$")) return true;
    }
  }
  return false;
}

/** The top-level field names of an array filter, looking through `$and`/`$or`/`$nor`. */
function filterFieldNames(filter: Doc, out: string[]): void {
  for (const [k, v] of Object.entries(filter)) {
    if (LOGICAL.has(k)) {
      if (Array.isArray(v)) for (const sub of v) if (isPlainObject(sub)) filterFieldNames(sub, out);
      continue;
    }
    if (k.startsWith("$")) continue;
    out.push(k.split(".")[0]!);
  }
}

function arrayFilterError(code: number, reason: string): MongoCommandError {
  return mongoError(code, `Error parsing array filter :: caused by :: ${reason}`);
}

/** Parses `arrayFilters` like mongod: one identifier per filter, each used once; compiled to predicates. */
export function parseArrayFilters(arrayFilters: unknown): ArrayFilters {
  const out: ArrayFilters = new Map();
  if (arrayFilters === undefined || arrayFilters === null) return out;
  if (!Array.isArray(arrayFilters)) {
    throw mongoError(ErrorCodes.TypeMismatch, `BSON field 'arrayFilters' is the wrong type '${typeof arrayFilters}', expected type 'array'`);
  }
  for (const filter of arrayFilters) {
    if (!isPlainObject(filter)) throw mongoError(ErrorCodes.TypeMismatch, "Each array filter must be an object");
    const names: string[] = [];
    filterFieldNames(filter, names);
    if (names.length === 0) throw arrayFilterError(ErrorCodes.FailedToParse, "Cannot use an expression without a top-level field name in arrayFilters");
    const id = names[0]!;
    const other = names.find((n) => n !== id);
    if (other !== undefined) throw arrayFilterError(ErrorCodes.FailedToParse, `Expected a single top-level field name, found '${id}' and '${other}'`);
    if (!IDENTIFIER.test(id)) {
      throw arrayFilterError(ErrorCodes.BadValue, `The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`);
    }
    if (out.has(id)) throw mongoError(ErrorCodes.FailedToParse, `Found multiple array filters with the same top-level field name ${id}`);
    const test = compileFilter(filter);
    out.set(id, (element) => test({ [id]: element }));
  }
  return out;
}

/**
 * mongod's parse-time checks of the paths of an operator update against its array filters: every identifier
 * has a filter, every filter is used, at most one `$` per path, no positional part in `$rename`.
 */
export function checkPositionalPaths(update: Doc, filters: ArrayFilters): void {
  const used = new Set<string>();
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, v] of Object.entries(fields as Doc)) {
      let dollars = 0;
      for (const part of path.split(".")) {
        if (part === "$") dollars++;
        if (!isArrayToken(part)) continue;
        const id = part.slice(2, -1);
        if (id === "") continue;
        if (!filters.has(id)) throw mongoError(ErrorCodes.BadValue, `No array filter found for identifier '${id}' in path '${path}'`);
        used.add(id);
      }
      if (dollars > 1) throw mongoError(ErrorCodes.BadValue, `Too many positional (i.e. '$') elements found in path '${path}'`);
      if (op === "$rename") {
        if (path.split(".").some(isPositionalToken)) throw mongoError(ErrorCodes.BadValue, `The source field for $rename may not be dynamic: ${path}`);
        if (typeof v === "string" && v.split(".").some(isPositionalToken)) {
          throw mongoError(ErrorCodes.BadValue, `The destination field for $rename may not be dynamic: ${v}`);
        }
      }
    }
  }
  for (const id of [...filters.keys()].sort()) {
    if (!used.has(id)) {
      throw mongoError(ErrorCodes.FailedToParse, `The array filter for identifier '${id}' was not used in the update ${formatKeyValue(update)}`);
    }
  }
}

interface TreeNode {
  kind: "object" | "array" | "leaf";
  children?: Map<string, TreeNode>;
}

/**
 * mongod's update tree (UpdateObjectNode/UpdateArrayNode): a path conflicts with an earlier one when it ends
 * where that one ends or passes, or passes through it, or when one treats a field as an array of `$[…]`
 * elements and the other addresses it by `$`, an index or a field name.
 */
export function checkTreeConflicts(paths: string[]): void {
  const root: TreeNode = { kind: "object", children: new Map() };
  for (const path of paths) {
    const parts = path.split(".");
    let cur = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const shouldBe = isArrayToken(parts[i + 1]!) ? "array" : "object";
      let child = cur.children!.get(parts[i]!);
      if (child && child.kind !== shouldBe) {
        throw mongoError(ErrorCodes.ConflictingUpdateOperators, `Updating the path '${path}' would create a conflict at '${parts.slice(0, i + 1).join(".")}'`);
      }
      if (!child) {
        child = { kind: shouldBe, children: new Map() };
        cur.children!.set(parts[i]!, child);
      }
      cur = child;
    }
    const last = parts[parts.length - 1]!;
    if (cur.children!.has(last)) throw mongoError(ErrorCodes.ConflictingUpdateOperators, `Updating the path '${path}' would create a conflict at '${path}'`);
    cur.children!.set(last, { kind: "leaf" });
  }
}

/** Once positions are resolved: two updates of one field, or of a field and a field inside it, conflict. */
function checkAppliedConflicts(paths: string[]): void {
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) throw mongoError(ErrorCodes.ConflictingUpdateOperators, `Update created a conflict at '${path}'`);
    seen.add(path);
  }
  for (const path of paths) {
    for (let i = path.indexOf("."); i !== -1; i = path.indexOf(".", i + 1)) {
      const prefix = path.slice(0, i);
      if (seen.has(prefix)) throw mongoError(ErrorCodes.ConflictingUpdateOperators, `Update created a conflict at '${prefix}'`);
    }
  }
}

/** The conditions of the query on `field` or inside it, top level and inside top-level `$and`s. */
function conditionsOn(query: Doc, field: string, out: Doc[]): void {
  for (const [k, v] of Object.entries(query)) {
    if (k === "$and" && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) conditionsOn(sub, field, out);
    } else if (k === field || k.startsWith(field + ".")) {
      out.push({ [k]: v });
    }
  }
}

/** `{a: {b: [element]}}` for the array path `a.b`: how the query sees one element of that array. */
function probe(path: string[], element: unknown): Doc {
  let value: unknown = [element];
  for (let i = path.length - 1; i >= 0; i--) value = { [path[i]!]: value };
  return value as Doc;
}

const positionalTests = new WeakMap<Doc, Map<string, ((d: Doc) => boolean) | null>>();

/**
 * The element `$` stands for: the first element of the array matched by the query's condition on that array
 * (mongod's "elemMatchKey"). Like mingo, the condition has to be a single one on that array.
 */
function positionalIndex(arr: unknown[], arrPath: string[], query: Doc | undefined): number {
  if (!query) return -1;
  const field = arrPath.join(".");
  // Compiled once per query object and array (an updateMany applies one query to many documents).
  let byField = positionalTests.get(query);
  if (!byField) positionalTests.set(query, (byField = new Map()));
  let test = byField.get(field);
  if (test === undefined) {
    const conds: Doc[] = [];
    conditionsOn(query, field, conds);
    test = conds.length === 1 ? compileFilter(conds[0]!) : null;
    byField.set(field, test);
  }
  if (!test) return -1;
  for (let i = 0; i < arr.length; i++) if (test(probe(arrPath, arr[i]))) return i;
  return -1;
}

function childOf(value: unknown, part: string): unknown {
  if (Array.isArray(value)) return /^\d+$/.test(part) ? value[Number(part)] : undefined;
  return isPlainObject(value) ? value[part] : undefined;
}

/** What one expansion already worked out: filter results per identifier and element, `$` index per array. */
interface Memo {
  matches: Map<string, Map<unknown, boolean>>;
  first: Map<unknown[], number>;
}

/** The concrete paths one positional path stands for in `doc`, in array order. */
function concretePaths(doc: Doc, parts: string[], filters: ArrayFilters, query: Doc | undefined, memo: Memo): string[] {
  const out: string[] = [];
  const visit = (value: unknown, from: number, prefix: string[]): void => {
    let cur = value;
    let j = from;
    for (; j < parts.length && !isPositionalToken(parts[j]!); j++) cur = childOf(cur, parts[j]!);
    if (j === parts.length) {
      out.push([...prefix, ...parts.slice(from)].join("."));
      return;
    }
    const arrPath = [...prefix, ...parts.slice(from, j)];
    const token = parts[j]!;
    if (token === "$") {
      let i = -1;
      if (Array.isArray(cur)) {
        i = memo.first.get(cur) ?? positionalIndex(cur, arrPath, query);
        memo.first.set(cur, i);
      }
      if (i < 0) throw mongoError(ErrorCodes.BadValue, POSITIONAL_NO_MATCH);
      return visitIndex(cur as unknown[], i, j, arrPath);
    }
    if (cur === undefined) throw mongoError(ErrorCodes.BadValue, `The path '${arrPath.join(".")}' must exist in the document in order to apply array updates.`);
    if (!Array.isArray(cur)) {
      throw mongoError(ErrorCodes.BadValue, `Cannot apply array updates to non-array element ${arrPath[arrPath.length - 1]}: ${formatKeyValue(cur)}`);
    }
    const id = token.slice(2, -1);
    if (!id) {
      for (let i = 0; i < cur.length; i++) visitIndex(cur, i, j, arrPath);
      return;
    }
    const matches = filters.get(id)!;
    let seen = memo.matches.get(id);
    if (!seen) memo.matches.set(id, (seen = new Map()));
    for (let i = 0; i < cur.length; i++) {
      let hit = seen.get(cur[i]);
      if (hit === undefined) seen.set(cur[i], (hit = matches(cur[i])));
      if (hit) visitIndex(cur, i, j, arrPath);
    }
  };
  const visitIndex = (arr: unknown[], i: number, j: number, arrPath: string[]) => visit(arr[i], j + 1, [...arrPath, String(i)]);
  visit(doc, 0, []);
  return out;
}

/**
 * The operator update with every positional path replaced by the concrete paths it stands for in `doc` (the
 * document before the update). A positional path that matches no element disappears.
 */
export function expandPositional(doc: Doc, modifier: Doc, filters: ArrayFilters, query: Doc | undefined): Doc {
  const out: Doc = {};
  const all: string[] = [];
  const memo: Memo = { matches: new Map(), first: new Map() };
  for (const [op, fields] of Object.entries(modifier)) {
    const next: Doc = {};
    for (const [path, value] of Object.entries(fields as Doc)) {
      const parts = path.split(".");
      if (!parts.some(isPositionalToken)) {
        next[path] = value;
        all.push(path);
        if (op === "$rename" && typeof value === "string") all.push(value);
        continue;
      }
      for (const p of concretePaths(doc, parts, filters, query, memo)) {
        next[p] = value;
        all.push(p);
      }
    }
    out[op] = next;
  }
  checkAppliedConflicts(all);
  return out;
}
