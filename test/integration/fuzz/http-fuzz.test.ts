/**
 * HTTP fuzz (issue 16): every operation in `/api/openapi.json` (identity's routes included) gets a few thousand requests generated with a fixed seed — malformed and hostile path parameters, query
 * strings with operators and arrays, bodies of the wrong shape, NoSQL operators, prototype keys, deep nesting,
 * broken JSON, wrong content types — from an anonymous visitor, a school gemachtigde and a supervisor. Balie must
 * answer every one of them with less than 500: bad input is the client's mistake, never a server error.
 *
 * Same seed, same requests: a failure prints the exact request so it can be replayed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../../../server/src/seed/random.js";
import { createBoardWithSchools } from "../../factories/index.js";
import { HttpClient } from "../../harness/http-client.js";
import { loginAsAgent, loginAsContact, startSimulatorServer } from "../../harness/login.js";
import type { TestServer } from "../../harness/server.js";

const SEED = 20261204;
const PER_OPERATION = 40;

interface Operation {
  method: string;
  path: string;
  /** JSON schema of the body, when it has one. */
  body?: JsonSchema;
  query: string[];
}
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; enum?: unknown[] };

let server: TestServer;
let callers: HttpClient[];
let realIds: string[];

beforeAll(async () => {
  server = await startSimulatorServer();
  const { board, schools } = await createBoardWithSchools(1);
  realIds = [String(board._id), String(schools[0]!._id)];
  const anonymous = new HttpClient(server.url);
  await anonymous.session();
  callers = [anonymous, await loginAsContact(server, [schools[0]!._id]), await loginAsAgent(server, "supervisor")];
});

afterAll(async () => {
  await server?.stop();
});

function operationsOf(document: { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody?.content?.["application/json"]?.schema;
      ops.push({ method: method.toUpperCase(), path, query: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name), ...(body ? { body } : {}) });
    }
  }
  return ops;
}

describe("HTTP fuzz", () => {
  it(`answers every generated request below 500 (seed ${SEED}, ${PER_OPERATION} per operation)`, { timeout: 240_000 }, async () => {
    const docRes = await callers[2]!.json<Parameters<typeof operationsOf>[0]>("GET", "/api/openapi.json");
    expect(docRes.status).toBe(200);
    const operations = operationsOf(docRes.body);
    expect(operations.length).toBeGreaterThan(40);

    const random = mulberry32(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const gen = generators(pick, random, realIds);
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations) {
      for (let i = 0; i < PER_OPERATION; i++) {
        const caller = pick(callers);
        const path = op.path.replace(/\{[^}]+\}/g, () => encodePathValue(gen.pathValue()));
        const query = op.query.length > 0 || random() < 0.2 ? gen.query(op.query) : "";
        const { body, contentType } = op.method === "GET" ? { body: undefined, contentType: undefined } : op.method === "DELETE" && random() < 0.9 ? { body: undefined, contentType: undefined } : gen.body(op.body);
        const headers: Record<string, string> = { accept: "application/json" };
        if (contentType) headers["content-type"] = contentType;
        if (caller.csrfToken && random() < 0.9) headers["x-csrf-token"] = caller.csrfToken;
        const res = await caller.request(path + query, { method: op.method, headers, ...(body !== undefined ? { body } : {}) });
        await res.arrayBuffer();
        sent++;
        if (res.status >= 500) failures.push(`${res.status} ${op.method} ${path}${query} ${contentType ?? ""} ${String(body).slice(0, 300)}`);
      }
    }
    expect(sent).toBeGreaterThan(2_000);
    expect(failures).toEqual([]);
  });
});

/** Path values: real ids, near-misses, and hostile strings (the raw string is percent-encoded unless it is already broken). */
function encodePathValue(value: string): string {
  return value.startsWith("%RAW%") ? value.slice(5) : encodeURIComponent(value);
}

function generators(pick: <T>(items: readonly T[]) => T, random: () => number, realIds: string[]) {
  const strings = [
    "",
    " ",
    "a".repeat(5_000),
    "0".repeat(24),
    "ffffffffffffffffffffffff",
    "6b1230e264924dc5a8e1135",
    "6B1230E264924DC5A8E11354",
    "null",
    "undefined",
    "[object Object]",
    "../../etc/passwd",
    "..%2f..%2f",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '{"$gt":""}',
    "$where",
    "__proto__",
    "constructor",
    "😀🏫",
    "\u0000",
    "\r\nX-Injected: 1",
    "1e309",
    "-1",
    "NaN",
    "9".repeat(40),
    "2025-02-30",
    "24:61",
  ];
  const scalars: unknown[] = [null, true, false, 0, -1, 1.5, 1e309 === Infinity ? 1e308 : 0, 2 ** 53 + 1, "", "x", "a".repeat(20_000), [], {}, ...strings.slice(0, 12)];
  const hostileObjects: unknown[] = [
    { $gt: "" },
    { $ne: null },
    { $where: "sleep(1000)" },
    { __proto__: { admin: true } },
    JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'),
    { "a.b": 1, $set: { x: 1 } },
    nested(60),
    Array.from({ length: 2_000 }, (_, i) => i),
  ];

  function nested(depth: number): unknown {
    let v: unknown = "deep";
    for (let i = 0; i < depth; i++) v = { a: v };
    return v;
  }

  function valueFor(schema: JsonSchema | undefined, depth: number): unknown {
    const r = random();
    if (!schema || r < 0.25 || depth > 4) return pick(random() < 0.5 ? scalars : hostileObjects);
    if (schema.enum && r < 0.6) return pick(schema.enum);
    const type = Array.isArray(schema.type) ? pick(schema.type) : schema.type;
    if (type === "object" || schema.properties) return objectFor(schema, depth + 1);
    if (type === "array") return Array.from({ length: Math.floor(random() * 4) }, () => valueFor(schema.items, depth + 1));
    if (type === "string") return random() < 0.5 ? pick(strings) : pick(realIds);
    if (type === "number" || type === "integer") return pick([0, -1, 3, 1e12, 0.5, -0.0, 2 ** 31]);
    if (type === "boolean") return random() < 0.5;
    return pick(scalars);
  }

  function objectFor(schema: JsonSchema, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(schema.properties ?? {})) if (random() < 0.7) out[key] = valueFor(prop, depth);
    if (random() < 0.2) out[pick(["extra", "$where", "__proto__", "constructor", "roles", "role"])] = valueFor(undefined, depth);
    return out;
  }

  return {
    pathValue(): string {
      const r = random();
      if (r < 0.35) return pick(realIds);
      if (r < 0.5) return pick(["%RAW%%E0%A4%A", "%RAW%%", "%RAW%%ZZ", "%RAW%%00", "%RAW%..%2F..%2F", "%RAW%%C0%AF"]);
      return pick(strings);
    },
    query(names: string[]): string {
      const params: string[] = [];
      const keys = [...names, "limit", "cursor", "from", "to", "q"];
      for (let i = 0; i < 1 + Math.floor(random() * 3); i++) {
        const key = pick(keys);
        const form = random();
        if (form < 0.2) params.push(`${key}[$gt]=`);
        else if (form < 0.35) params.push(`${key}[]=1&${key}[]=2`);
        else if (form < 0.45) params.push(`${key}=%E0%A4%A`);
        else params.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(pick(random() < 0.5 ? strings : realIds)))}`);
      }
      return `?${params.join("&")}`;
    },
    body(schema: JsonSchema | undefined): { body: string | undefined; contentType: string | undefined } {
      const r = random();
      if (r < 0.08) return { body: pick(["{", "{\"a\":", "[1,2", "nul", "\"unterminated", "{\"a\":1}}"]), contentType: "application/json" };
      if (r < 0.14) return { body: "name=x&roles=authorised", contentType: pick(["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"]) };
      if (r < 0.18) return { body: undefined, contentType: "application/json" };
      if (r < 0.3) return { body: JSON.stringify(pick(random() < 0.5 ? scalars : hostileObjects)), contentType: "application/json" };
      return { body: JSON.stringify(valueFor(schema, 0)), contentType: "application/json" };
    },
  };
}
