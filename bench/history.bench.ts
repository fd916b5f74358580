/**
 * Contact history benchmark: 100,000 contact moments over 1,000 schools (50 boards × 20 schools) in the embedded
 * in-memory store, behind a real in-process Balie. Measures, p50/p99 over ≥ 1,000 requests each:
 * - the first page (25) of a school's timeline and a later page (by cursor), timing the command function
 *   directly (server-side) and through HTTP as an agent (round trip incl. session, policy, zod, JSON);
 * - the same with a selective channel filter (letters, ~7 %);
 * - a board's view over its 20 schools (first and later pages) and the counts per school.
 * Targets: pages p99 ≤ 20 ms, board view p99 ≤ 50 ms. Run: `npm run bench -- history`.
 */
import { cpus, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { Types } from "mongoose";
import { contactMomentCounter, contactMomentLister } from "../server/src/modules/contact-moments/commands/contact-moment-lister.js";
import { ContactMomentModel } from "../server/src/modules/contact-moments/contact-moment.model.js";
import { OrganisationModel } from "../server/src/modules/organisations/organisation.model.js";
import { AgentModel } from "../server/src/modules/agents/agent.model.js";
import { buildAgent, buildBoard, buildSchool, FACTORY_PASSWORD } from "../test/factories/index.js";
import { HttpClient } from "../test/harness/http-client.js";
import { startTestServer } from "../test/harness/server.js";

const BOARDS = 50;
const SCHOOLS_PER_BOARD = 20;
const MOMENTS = 100_000;
const REQUESTS = 1_000;
const CHANNELS = ["phone", "phone", "phone", "phone", "chat", "chat", "email", "email", "portal", "letter"] as const;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Timing {
  p50: number;
  p99: number;
  max: number;
  /** CPU time of this process (server and client share it) per request: robust against a busy machine. */
  cpuP50: number;
  cpuP99: number;
}

async function measure(n: number, fn: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 50; i++) await fn(i); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1)!, cpuP50: percentile(cpu, 50), cpuP99: percentile(cpu, 99) };
}

export async function run(): Promise<void> {
  const server = await startTestServer({ LOG_LEVEL: "silent" });
  try {
    // ---- data --------------------------------------------------------------------------------------------
    const boards = Array.from({ length: BOARDS }, (_, b) => buildBoard({ code: String(80_000 + b) }));
    const schools = boards.flatMap((board, b) =>
      Array.from({ length: SCHOOLS_PER_BOARD }, (_, s) => {
        const n = b * SCHOOLS_PER_BOARD + s;
        const code = `${String(n % 100).padStart(2, "0")}${String.fromCharCode(65 + Math.floor(n / 100) % 26)}Y`;
        return buildSchool({ code, boardId: board._id });
      }),
    );
    await OrganisationModel.collection.insertMany([...boards, ...schools].map((o) => ({ ...o, createdAt: new Date(), updatedAt: new Date() })));
    const agent = buildAgent();
    await AgentModel.collection.insertMany([{ ...agent, createdAt: new Date(), updatedAt: new Date() }]);
    const start = Date.UTC(2024, 0, 1);
    const t0 = performance.now();
    for (let i = 0; i < MOMENTS; i += 5_000) {
      const batch = Array.from({ length: 5_000 }, (_, k) => {
        const n = i + k;
        const school = schools[n % schools.length]!;
        const startedAt = new Date(start + ((n * 7919) % (548 * 86_400)) * 1000);
        return {
          _id: new Types.ObjectId(),
          organisationId: school._id,
          boardId: school.boardId,
          // Channel independent of the school (n % 1000 picks the school), so every school has every channel.
          channel: CHANNELS[(n + Math.floor(n / schools.length)) % CHANNELS.length],
          direction: n % 5 === 0 ? "out" : "in",
          subject: "Vraag over de uitwisseling met ROD",
          summary: "Uitgelegd hoe de signalering kan worden opgelost in het leerlingadministratiepakket.",
          agentId: agent._id,
          contactName: "Contactpersoon",
          startedAt,
          endedAt: new Date(startedAt.getTime() + 600_000),
          links: {},
          callbackRequested: false,
          createdAt: startedAt,
          updatedAt: startedAt,
        };
      });
      await ContactMomentModel.collection.insertMany(batch);
    }
    await ContactMomentModel.syncIndexes();
    const loadSecs = (performance.now() - t0) / 1000;

    // ---- cursors for later pages ---------------------------------------------------------------------------
    const schoolIds = schools.map((s) => String(s._id));
    const boardIds = boards.map((b) => String(b._id));
    const laterCursors: Array<{ org: string; cursor: string }> = [];
    for (const org of schoolIds.slice(0, 200)) {
      let cursor: string | null = null;
      for (let p = 0; p < 3; p++) {
        const page: Awaited<ReturnType<typeof contactMomentLister>> = await contactMomentLister({ scope: { organisationId: org }, limit: 25, cursor: cursor ?? undefined });
        cursor = page.nextCursor;
        if (!cursor) break;
        laterCursors.push({ org, cursor });
      }
    }
    const boardCursors: Array<{ board: string; cursor: string }> = [];
    for (const board of boardIds) {
      let cursor: string | null = null;
      for (let p = 0; p < 40; p++) {
        const page: Awaited<ReturnType<typeof contactMomentLister>> = await contactMomentLister({ scope: { boardId: board }, limit: 25, cursor: cursor ?? undefined });
        cursor = page.nextCursor;
        if (!cursor) break;
        if (p % 4 === 3) boardCursors.push({ board, cursor });
      }
    }

    // ---- HTTP client (agents may read every organisation) ---------------------------------------------------
    const http = new HttpClient(server.url);
    await http.session();
    const login = await http.post("/api/v1/auth/agent/login", { username: agent.username, password: FACTORY_PASSWORD });
    if (login.status !== 200) throw new Error(`agent login failed: ${login.status}`);
    const httpGet = async (path: string) => {
      const res = await http.request(path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    const base = (org: string) => `/api/v1/organisations/${org}`;
    const pick = <T>(list: readonly T[], i: number) => list[(i * 7919) % list.length]!;

    const rows: Array<[string, string, Timing, number]> = [];
    const add = async (what: string, via: string, target: number, fn: (i: number) => Promise<unknown>) => rows.push([what, via, await measure(REQUESTS, fn), target]);

    await add("school: first page (25)", "command", 20, (i) => contactMomentLister({ scope: { organisationId: pick(schoolIds, i) }, limit: 25 }));
    await add("school: first page (25)", "HTTP", 20, (i) => httpGet(`${base(pick(schoolIds, i))}/contact-moments`));
    await add("school: later page (cursor)", "command", 20, (i) => {
      const c = pick(laterCursors, i);
      return contactMomentLister({ scope: { organisationId: c.org }, limit: 25, cursor: c.cursor });
    });
    await add("school: later page (cursor)", "HTTP", 20, (i) => {
      const c = pick(laterCursors, i);
      return httpGet(`${base(c.org)}/contact-moments?cursor=${c.cursor}`);
    });
    await add("school: letters only, first page", "command", 20, (i) => contactMomentLister({ scope: { organisationId: pick(schoolIds, i) }, channel: "letter", limit: 25 }));
    await add("school: letters only, first page", "HTTP", 20, (i) => httpGet(`${base(pick(schoolIds, i))}/contact-moments?channel=letter`));
    await add("board (20 schools): first page", "command", 50, (i) => contactMomentLister({ scope: { boardId: pick(boardIds, i) }, limit: 25 }));
    await add("board (20 schools): first page", "HTTP", 50, (i) => httpGet(`${base(pick(boardIds, i))}/contact-moments/by-school`));
    await add("board (20 schools): later page", "command", 50, (i) => {
      const c = pick(boardCursors, i);
      return contactMomentLister({ scope: { boardId: c.board }, limit: 25, cursor: c.cursor });
    });
    await add("board (20 schools): later page", "HTTP", 50, (i) => {
      const c = pick(boardCursors, i);
      return httpGet(`${base(c.board)}/contact-moments/by-school?cursor=${c.cursor}`);
    });
    await add("board: one school filter", "HTTP", 50, (i) => {
      const board = pick(boards, i);
      const school = schools[(i % SCHOOLS_PER_BOARD) + boards.indexOf(board) * SCHOOLS_PER_BOARD]!;
      return httpGet(`${base(String(board._id))}/contact-moments/by-school?schoolId=${String(school._id)}`);
    });
    await add("board: counts per school (20)", "command", 50, (i) => contactMomentCounter({ boardId: pick(boardIds, i) }));
    await add("board: counts per school (20)", "HTTP", 50, (i) => httpGet(`${base(pick(boardIds, i))}/contact-moment-counts`));

    console.log(`${MOMENTS.toLocaleString("en")} contact moments, ${schools.length} schools under ${boards.length} boards (embedded store, in memory); loaded in ${loadSecs.toFixed(1)} s`);
    console.log(`${REQUESTS} timed requests per row (after 50 warm-up); times in ms; load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} CPUs`);
    console.log("wall = elapsed per request; cpu = CPU time this process spent on it (server + client side of HTTP)\n");
    console.log("| what | via | wall p50 | wall p99 | wall max | cpu p50 | cpu p99 | target p99 | |");
    console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for (const [what, via, r, target] of rows) {
      const f = (n: number) => n.toFixed(2);
      console.log(`| ${what} | ${via} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} | ${f(r.cpuP50)} | ${f(r.cpuP99)} | ${target} | ${r.p99 <= target ? "ok" : "OVER"} |`);
    }
  } finally {
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await run();
  process.exit(0);
}
