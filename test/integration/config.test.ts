import { describe, expect, it } from "vitest";
import { ConfigError, DEV_SESSION_SECRET, loadConfig } from "../../server/src/config/env.js";
import { runMain, runScript } from "../harness/server.js";

const STACK_LINE = /^\s+at\s/m;

describe("invalid configuration at startup", () => {
  it("prints one line per problem and exits 1 without a stack trace", async () => {
    const result = await runMain({ PORT: "seventy", LOG_LEVEL: "loud", REDIS_URL: "localhost:6379" });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "config: PORT: must be a whole number between 0 and 65535",
        "config: LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent",
        "config: REDIS_URL: must be a URL starting with redis:// or rediss://",
      ]),
    );
    expect(lines).toHaveLength(3);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout).toBe("");
  });

  it("refuses production without SESSION_SECRET", async () => {
    const result = await runMain({ NODE_ENV: "production", ...PROD_BASE, SESSION_SECRET: "" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe("config: SESSION_SECRET: required in production");
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it("refuses production with development defaults, one line per problem: no MongoDB, demo data, no SMTP, http URL", async () => {
    // What an operator tried: NODE_ENV=production and a real secret, nothing else.
    const result = await runMain({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(32), SEED_DEMO: "true" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n").sort()).toEqual([
      "config: MONGODB_URI: required in production (a real MongoDB); set EMBEDDED_STORE=allow to run the embedded store on purpose",
      "config: PUBLIC_URL: must be an https:// URL in production (ALLOW_INSECURE_PUBLIC_URL=true for a lab without TLS)",
      "config: SEED_DEMO: demo data is never seeded in production",
      "config: SMTP_URL: required in production: PINs and activation codes must reach people",
    ]);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stdout).toBe("");
  });

  it("npm run seed refuses a production configuration", async () => {
    const result = await runScript("server/src/seed/cli.ts", { NODE_ENV: "production", ...PROD_BASE });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("seed: refused: NODE_ENV=production");
  });
});

/** A production configuration that passes: the base the refusal tests take one thing away from. */
const PROD_BASE = {
  SESSION_SECRET: "p".repeat(40),
  MONGODB_URI: "mongodb://127.0.0.1:1/balie",
  SMTP_URL: "smtp://127.0.0.1:1",
  PUBLIC_URL: "https://balie.example.nl",
} as const;

describe(loadConfig.name, () => {
  const prodSecret = "x".repeat(40);
  const prod = { ...PROD_BASE, NODE_ENV: "production", SESSION_SECRET: prodSecret };

  it("has working defaults for development", () => {
    const config = loadConfig({});
    expect(config.env).toBe("development");
    expect(config.http).toMatchObject({ port: 3000, host: "0.0.0.0", publicUrl: "http://localhost:3000" });
    expect(config.http.allowedOrigins).toEqual(["http://localhost:3000"]);
    expect(config.mongo.uri).toBeUndefined();
    expect(config.mongo.dataDir).toMatch(/\/data$/);
    expect(config.session).toEqual({ secret: DEV_SESSION_SECRET, previousSecrets: [], isDevDefault: true });
    expect(config.http.trustProxy).toBe(false);
    expect(config.eherkenning.simulator).toBe(true);
    expect(config.seed.demo).toBe(true);
    expect(config.shutdown).toEqual({ timeoutMs: 10_000, drainMs: 0 });
  });

  it("is deeply frozen", () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(Object.isFrozen(config.http.allowedOrigins)).toBe(true);
  });

  it("derives PUBLIC_URL from PORT and origins from PUBLIC_URL", () => {
    expect(loadConfig({ PORT: "8080" }).http.publicUrl).toBe("http://localhost:8080");
    const config = loadConfig({ PUBLIC_URL: "https://balie.example.nl/" });
    expect(config.http.publicUrl).toBe("https://balie.example.nl");
    expect(config.http.allowedOrigins).toEqual(["https://balie.example.nl"]);
  });

  it("parses ALLOWED_ORIGINS and reports entries that are not origins", () => {
    expect(loadConfig({ ALLOWED_ORIGINS: "https://a.nl, https://b.nl:8443" }).http.allowedOrigins).toEqual([
      "https://a.nl",
      "https://b.nl:8443",
    ]);
    expect(() => loadConfig({ ALLOWED_ORIGINS: "https://a.nl/path,nope" })).toThrow(ConfigError);
  });

  it("does not seed by default against a real MongoDB", () => {
    expect(loadConfig({ MONGODB_URI: "mongodb://db:27017/balie" }).seed.demo).toBe(false);
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ PORT: "", REDIS_URL: "" }).http.port).toBe(3000);
  });

  it("lists every problem at once, including cross-field production rules", () => {
    try {
      loadConfig({ ...PROD_BASE, NODE_ENV: "production", PORT: "-1", SESSION_SECRET: "short", EH_SIMULATOR: "true" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
        "EH_SIMULATOR",
        "PORT",
        "SESSION_SECRET",
      ]);
    }
  });

  it("refuses the development secret in production", () => {
    expect(() => loadConfig({ ...PROD_BASE, NODE_ENV: "production", SESSION_SECRET: DEV_SESSION_SECRET })).toThrow(
      "config: SESSION_SECRET: the development default is not allowed in production",
    );
  });

  it("turns the eHerkenning simulator off in production unless explicitly allowed", () => {
    expect(loadConfig(prod).eherkenning.simulator).toBe(false);
    expect(
      loadConfig({
        ...prod,
        EH_SIMULATOR: "true",
        EH_SIMULATOR_ALLOW_IN_PRODUCTION: "true",
      }).eherkenning.simulator,
    ).toBe(true);
  });

  it("production: the embedded store only with EMBEDDED_STORE=allow, http only with ALLOW_INSECURE_PUBLIC_URL, never demo data", () => {
    const embedded = loadConfig({ ...prod, MONGODB_URI: "", EMBEDDED_STORE: "allow" });
    expect(embedded.mongo.embeddedInProduction).toBe(true);
    expect(embedded.seed.demo).toBe(false);
    expect(loadConfig({ ...prod, PUBLIC_URL: "http://10.0.0.5:3000", ALLOW_INSECURE_PUBLIC_URL: "true" }).http.publicUrl).toBe("http://10.0.0.5:3000");
    expect(() => loadConfig({ ...prod, PUBLIC_URL: "http://10.0.0.5:3000" })).toThrow("config: PUBLIC_URL: must be an https:// URL");
    expect(() => loadConfig({ ...prod, SMTP_URL: "" })).toThrow("config: SMTP_URL: required in production");
    expect(loadConfig(prod).seed.demo).toBe(false);
  });

  it("TRUST_PROXY: a hop count or proxy addresses/CIDRs; 'true' (believe anyone) is refused", () => {
    expect(loadConfig({ TRUST_PROXY: "1" }).http.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).http.trustProxy).toEqual(["10.0.0.0/8", "127.0.0.1"]);
    expect(loadConfig({ TRUST_PROXY: "false" }).http.trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow("config: TRUST_PROXY: true would believe any client's X-Forwarded-For");
    expect(() => loadConfig({ TRUST_PROXY: "proxy.example.nl" })).toThrow('config: TRUST_PROXY: "proxy.example.nl" is not an address');
  });

  it("SESSION_SECRET_PREVIOUS: a comma list kept for verifying; in production each must be a real secret", () => {
    const config = loadConfig({ ...prod, SESSION_SECRET_PREVIOUS: `${"a".repeat(32)}, ${"b".repeat(32)}` });
    expect(config.session.previousSecrets).toEqual(["a".repeat(32), "b".repeat(32)]);
    expect(() => loadConfig({ ...prod, SESSION_SECRET_PREVIOUS: "short" })).toThrow("config: SESSION_SECRET_PREVIOUS: each previous secret");
  });

  it("rejects booleans that are not booleans", () => {
    expect(() => loadConfig({ SEED_DEMO: "maybe" })).toThrow("config: SEED_DEMO: must be true or false");
  });
});
