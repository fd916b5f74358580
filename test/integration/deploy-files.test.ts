/**
 * The deployment files validate with the real tools available here (images cannot be pulled on these machines):
 * HAProxy checks deploy/haproxy.cfg, docker-compose renders deploy/compose.yaml (and refuses it without the
 * secrets it requires), and the Dockerfile has the shape docs/operations.md promises.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT_DIR } from "../harness/server.js";

const file = (p: string) => path.join(ROOT_DIR, p);

describe("deployment files", () => {
  it("deploy/haproxy.cfg passes haproxy -c", () => {
    const result = spawnSync("haproxy", ["-c", "-f", file("deploy/haproxy.cfg")], {
      env: { ...process.env, BALIE_PROXY_BIND: "127.0.0.1:8080", BALIE_NODE_1: "127.0.0.1:3001", BALIE_NODE_2: "127.0.0.1:3002" },
      encoding: "utf8",
    });
    expect(result.error).toBeUndefined();
    expect(`${result.stdout}${result.stderr}`).toContain("Configuration file is valid");
    expect(result.status).toBe(0);
  });

  it("deploy/compose.yaml renders with docker-compose config, and refuses to without SESSION_SECRET", () => {
    const env = { ...process.env, PUBLIC_URL: "https://balie.example.nl", SESSION_SECRET: "s".repeat(40) };
    const rendered = execFileSync("docker-compose", ["-f", file("deploy/compose.yaml"), "config"], { env, encoding: "utf8" });
    for (const service of ["mongo-1", "mongo-2", "mongo-3", "mongo-init", "migrate", "redis", "mailpit", "balie-1", "balie-2", "proxy"]) {
      expect(rendered).toMatch(new RegExp(`^  ${service}:$`, "m"));
    }
    expect(rendered).toContain("replicaSet=rs0");
    expect(rendered).toContain("haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
    expect(rendered).toContain("service_completed_successfully");
    // Start order: the replica set, then `npm run migrate` (compiled), then the nodes.
    const block = (service: string) => new RegExp(`^  ${service}:\\n((?:    .*\\n|\\n)*)`, "m").exec(rendered)?.[1] ?? "";
    expect(block("migrate")).toContain("dist/server/src/migrate/cli.js");
    expect(block("migrate")).toMatch(/mongo-init:\n\s+condition: service_completed_successfully/);
    for (const node of ["balie-1", "balie-2"]) expect(block(node)).toMatch(/migrate:\n\s+condition: service_completed_successfully/);
    const missing = spawnSync("docker-compose", ["-f", file("deploy/compose.yaml"), "config"], {
      env: { ...process.env, PUBLIC_URL: "https://balie.example.nl", SESSION_SECRET: "" },
      encoding: "utf8",
    });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("SESSION_SECRET");
  });

  it("the Dockerfile builds in a separate stage and runs the compiled server as a non-root user", () => {
    const dockerfile = readFileSync(file("Dockerfile"), "utf8");
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm run build && npm prune --omit=dev/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(dockerfile).toMatch(/^STOPSIGNAL SIGTERM$/m);
    const start = (JSON.parse(readFileSync(file("package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["start:prod"];
    expect(start).toBe("node dist/server/src/main.js");
    expect(dockerfile).toContain('CMD ["node", "dist/server/src/main.js"]');
    const ignored = readFileSync(file(".dockerignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", ".env", "data", "dist"]));
  });
});
