/**
 * Login timing benchmark (issue 16 §5): does the answer time tell whether a name exists? Agent login and
 * koppelen with username + password, each for a known and an unknown name, 40 requests each (alternating, so
 * load drifts hit both), through a real in-process Balie over HTTP. Every request comes from its own address
 * (TRUST_PROXY=1 + X-Forwarded-For), so lockouts do not change the path being timed. Prints p50/p90 per case
 * and the difference of the medians. Run: `npm run bench -- login`.
 */
import { pathToFileURL } from "node:url";
import { buildAgent, createSchool } from "../test/factories/index.js";
import { AgentModel } from "../server/src/modules/agents/agent.model.js";
import { HttpClient } from "../test/harness/http-client.js";
import { createAccount, ehLogin, person, startSimulatorServer } from "../test/harness/login.js";

const ROUNDS = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function run(): Promise<void> {
  const server = await startSimulatorServer({ TRUST_PROXY: "1" });
  try {
    await AgentModel.create(buildAgent({ username: "bekend" }));
    const school = await createSchool({ kvkNumber: "49990001" });
    await createAccount(school._id, { username: "bekende-school", password: "een-goed-wachtwoord" });
    const agentClient = new HttpClient(server.url);
    await agentClient.session();
    const linkClient = new HttpClient(server.url);
    await ehLogin(linkClient, person("49990001"));
    await linkClient.session();

    let address = 0;
    const timed = async (client: HttpClient, path: string, body: unknown) => {
      address++;
      const ip = `198.18.${Math.floor(address / 250)}.${(address % 250) + 1}`;
      const t0 = performance.now();
      const res = await client.request(path, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": client.csrfToken, "x-forwarded-for": ip },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return { ms: performance.now() - t0, status: res.status };
    };
    const cases = {
      "agent login, known name": () => timed(agentClient, "/api/v1/auth/agent/login", { username: "bekend", password: "fout-wachtwoord" }),
      "agent login, unknown name": () => timed(agentClient, "/api/v1/auth/agent/login", { username: "onbekend", password: "fout-wachtwoord" }),
      "koppelen, known username": () => timed(linkClient, "/api/v1/auth/link", { variant: "password", username: "bekende-school", password: "fout", email: "a.b@example.nl" }),
      "koppelen, unknown username": () => timed(linkClient, "/api/v1/auth/link", { variant: "password", username: "onbekende-school", password: "fout", email: "a.b@example.nl" }),
    };
    const samples: Record<string, { ms: number[]; statuses: Set<number> }> = {};
    for (const name of Object.keys(cases)) samples[name] = { ms: [], statuses: new Set() };
    for (let i = 0; i < 3; i++) for (const run of Object.values(cases)) await run(); // warm-up
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, run] of Object.entries(cases)) {
        const { ms, status } = await run();
        samples[name]!.ms.push(ms);
        samples[name]!.statuses.add(status);
      }
    }
    console.log("| case | p50 ms | p90 ms | statuses |\n| --- | --- | --- | --- |");
    const p50: Record<string, number> = {};
    for (const [name, s] of Object.entries(samples)) {
      const sorted = [...s.ms].sort((a, b) => a - b);
      p50[name] = percentile(sorted, 50);
      console.log(`| ${name} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 90).toFixed(1)} | ${[...s.statuses].join(", ")} |`);
    }
    console.log(`\nmedian difference known − unknown: agent login ${(p50["agent login, known name"]! - p50["agent login, unknown name"]!).toFixed(1)} ms, koppelen ${(p50["koppelen, known username"]! - p50["koppelen, unknown username"]!).toFixed(1)} ms`);
  } finally {
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run();
