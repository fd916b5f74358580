import path from "node:path";
import { z } from "zod";

/**
 * Balie's configuration: read once from the environment, validated with zod, frozen.
 *
 * Modules never read `process.env`; they receive the slice of {@link Config} they need. `loadConfig` collects
 * every problem before failing, so an operator fixes a broken `.env` in one go instead of one restart per typo.
 */

/** Development-only session secret. Refused in production. */
export const DEV_SESSION_SECRET = "balie-dev-session-secret-do-not-use-in-production";

export type NodeEnv = "development" | "production" | "test";
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** The validated, frozen configuration. */
export interface Config {
  readonly env: NodeEnv;
  readonly isProduction: boolean;
  readonly http: {
    /** Port to listen on; 0 picks a free port (tests). */
    readonly port: number;
    readonly host: string;
    /** Absolute URL where browsers reach Balie, without trailing slash. */
    readonly publicUrl: string;
    /** Origins allowed for Socket.IO handshakes and CORS (normalised `scheme://host[:port]`). */
    readonly allowedOrigins: readonly string[];
    /** Maximum size of a JSON request body (body-parser syntax). */
    readonly jsonBodyLimit: string;
    /**
     * Which proxies' `X-Forwarded-*` headers to believe (Express `trust proxy`): false (none: the peer is the
     * client), a hop count, or addresses/CIDRs of the proxies. Decides the client address of audit entries and
     * rate limits; trusting more than the real proxies lets a client spoof its address.
     */
    readonly trustProxy: false | number | readonly string[];
  };
  readonly mongo: {
    /** Real MongoDB; absent means the embedded store is started in-process. */
    readonly uri: string | undefined;
    /** Absolute directory of the embedded store's journal and snapshots. */
    readonly dataDir: string;
    /** Production without MONGODB_URI, allowed on purpose (`EMBEDDED_STORE=allow`): warned about at start and in /readyz. */
    readonly embeddedInProduction: boolean;
  };
  readonly redis: { readonly url: string | undefined };
  readonly session: {
    readonly secret: string;
    /**
     * Earlier secrets (`SESSION_SECRET_PREVIOUS`, comma list) that still verify what they signed (chat tokens,
     * the simulator's cookies) during a rotation; new values are signed with {@link secret} only.
     */
    readonly previousSecrets: readonly string[];
    /** True when the development default is in use (never in production). */
    readonly isDevDefault: boolean;
  };
  readonly mail: { readonly smtpUrl: string | undefined; readonly from: string };
  readonly log: { readonly level: LogLevel };
  readonly eherkenning: {
    /** Use the built-in eHerkenning simulator instead of a real broker. */
    readonly simulator: boolean;
    readonly issuerUrl: string | undefined;
    readonly clientId: string | undefined;
    readonly clientSecret: string | undefined;
    /** Names of the id_token claims holding the pseudonym (ActingSubjectID), the KvK number and the name. */
    readonly claims: { readonly actingSubject: string; readonly legalSubject: string; readonly name: string };
  };
  readonly seed: { readonly demo: boolean };
  /** Who may read `/api/docs` and `/api/openapi.json`: everyone, logged-in helpdesk staff, or nobody (404). */
  readonly apiDocs: "public" | "agents" | "off";
  /** Prometheus `/metrics`: a separate listener and/or a bearer token on the main port; neither → not served. */
  readonly metrics: { readonly port: number | undefined; readonly token: string | undefined };
  /** Open connections one client address may hold (docs/limits.md); raise them for load tests from one machine. */
  readonly limits: { readonly streamsPerAddress: number; readonly socketConnectionsPerAddress: number };
  readonly shutdown: {
    /** Hard deadline for a graceful shutdown; the process exits 1 after it. */
    readonly timeoutMs: number;
    /** After SIGTERM, keep serving (with /readyz 503) this long so load balancers stop routing to us. */
    readonly drainMs: number;
  };
}

/** Default open availability streams per client address (a school's whole staff behind one NAT fits). */
export const STREAMS_PER_ADDRESS = 200;
/** Default Socket.IO (Engine.IO) connections per client address, per process. */
export const SOCKETS_PER_ADDRESS = 100;

/** One problem with one variable. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** Thrown by {@link loadConfig}; lists every problem, one per line. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    super(problems.map((p) => `config: ${p.variable}: ${p.message}`).join("\n"));
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const BOOL_TRUE = ["true", "1", "yes", "on"];
const BOOL_FALSE = ["false", "0", "no", "off"];

const bool = z
  .string()
  .transform((v) => v.toLowerCase())
  .refine((v) => BOOL_TRUE.includes(v) || BOOL_FALSE.includes(v), { error: "must be true or false" })
  .transform((v) => BOOL_TRUE.includes(v));

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `must be a whole number between ${min} and ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `must be a whole number between ${min} and ${max}` });

function hasProtocol(value: string, protocols: readonly string[]): boolean {
  const match = /^([a-z][a-z0-9+.-]*):\/\/[^/]/i.exec(value);
  return match !== null && protocols.includes(match[1]!.toLowerCase());
}

const urlWith = (protocols: readonly string[]) =>
  z.string().refine((v) => hasProtocol(v, protocols) && (!protocols.includes("http") || canParseUrl(v)), {
    error: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(" or ")}`,
  });

function canParseUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], { error: "must be development, production or test" }).default("development"),
  PORT: wholeNumber(0, 65535).optional(),
  HOST: z.string().optional(),
  PUBLIC_URL: urlWith(["http", "https"]).optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  MONGODB_URI: urlWith(["mongodb", "mongodb+srv"]).optional(),
  DATA_DIR: z.string().optional(),
  REDIS_URL: urlWith(["redis", "rediss"]).optional(),
  SESSION_SECRET: z.string().optional(),
  SESSION_SECRET_PREVIOUS: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  EMBEDDED_STORE: z.enum(["allow"], { error: "must be allow (or unset)" }).optional(),
  ALLOW_INSECURE_PUBLIC_URL: bool.optional(),
  SMTP_URL: urlWith(["smtp", "smtps"]).optional(),
  MAIL_FROM: z.string().optional(),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .optional(),
  EH_SIMULATOR: bool.optional(),
  EH_SIMULATOR_ALLOW_IN_PRODUCTION: bool.optional(),
  EH_ISSUER_URL: urlWith(["http", "https"]).optional(),
  EH_CLIENT_ID: z.string().optional(),
  EH_CLIENT_SECRET: z.string().optional(),
  EH_CLAIM_ACTING_SUBJECT: z.string().min(1).optional(),
  EH_CLAIM_LEGAL_SUBJECT: z.string().min(1).optional(),
  EH_CLAIM_NAME: z.string().min(1).optional(),
  SEED_DEMO: bool.optional(),
  API_DOCS: z.enum(["public", "agents", "off"]).optional(),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(100, 600_000).optional(),
  METRICS_PORT: wholeNumber(0, 65535).optional(),
  LIMIT_STREAMS_PER_ADDRESS: wholeNumber(1, 1_000_000).optional(),
  LIMIT_SOCKETS_PER_ADDRESS: wholeNumber(1, 1_000_000).optional(),
  METRICS_TOKEN: z.string().min(24, { error: "must be at least 24 characters" }).optional(),
  SHUTDOWN_DRAIN_MS: wholeNumber(0, 600_000).optional(),
});

/**
 * Every environment variable Balie reads, taken from the schema (add a variable there and it is read, documented
 * here and stripped from test children's environments by the harness). Document it in `.env.example` too.
 */
export const CONFIG_VARIABLES = Object.keys(schema.shape) as readonly ConfigVariable[];

export type ConfigVariable = keyof typeof schema.shape;

/** Treats empty strings as absent (the `.env` habit of `FOO=`) and trims whitespace. */
function normalise(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name]?.trim();
    out[name] = value === "" ? undefined : value;
  }
  return out;
}

/** Parses a comma-separated origin list into normalised origins, reporting entries that are not origins. */
function parseOrigins(list: string, problems: ConfigProblem[]): string[] {
  const origins: string[] = [];
  for (const entry of list.split(",").map((s) => s.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (!url || !["http:", "https:"].includes(url.protocol) || (url.pathname !== "/" && url.pathname !== "")) {
      problems.push({ variable: "ALLOWED_ORIGINS", message: `"${entry}" is not an origin like https://example.nl` });
      continue;
    }
    origins.push(url.origin);
  }
  return origins;
}

/**
 * Validates an environment (usually `process.env`) into a frozen {@link Config}.
 * @throws ConfigError listing every problem.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const raw = normalise(env);
  const problems: ConfigProblem[] = [];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ variable: String(issue.path[0] ?? "environment"), message: issue.message });
    }
  }
  // Cross-field rules run on the raw strings too, so a bad PORT does not hide a missing SESSION_SECRET.
  const e = parsed.success ? parsed.data : undefined;
  const nodeEnv: NodeEnv = e?.NODE_ENV ?? (raw.NODE_ENV as NodeEnv | undefined) ?? "development";
  const isProduction = nodeEnv === "production";

  if (isProduction) {
    const secret = raw.SESSION_SECRET;
    if (secret === undefined) problems.push({ variable: "SESSION_SECRET", message: "required in production" });
    else if (secret === DEV_SESSION_SECRET)
      problems.push({ variable: "SESSION_SECRET", message: "the development default is not allowed in production" });
    else if (secret.length < 32)
      problems.push({ variable: "SESSION_SECRET", message: "must be at least 32 characters in production" });

    const simulatorOn = raw.EH_SIMULATOR !== undefined && BOOL_TRUE.includes(raw.EH_SIMULATOR.toLowerCase());
    const allowed =
      raw.EH_SIMULATOR_ALLOW_IN_PRODUCTION !== undefined &&
      BOOL_TRUE.includes(raw.EH_SIMULATOR_ALLOW_IN_PRODUCTION.toLowerCase());
    if (simulatorOn && !allowed)
      problems.push({
        variable: "EH_SIMULATOR",
        message: "the eHerkenning simulator is refused in production unless EH_SIMULATOR_ALLOW_IN_PRODUCTION=true",
      });
    if (raw.MONGODB_URI === undefined && raw.EMBEDDED_STORE !== "allow")
      problems.push({
        variable: "MONGODB_URI",
        message: "required in production (a real MongoDB); set EMBEDDED_STORE=allow to run the embedded store on purpose",
      });
    if (raw.SEED_DEMO !== undefined && BOOL_TRUE.includes(raw.SEED_DEMO.toLowerCase()))
      problems.push({ variable: "SEED_DEMO", message: "demo data is never seeded in production" });
    if (raw.SMTP_URL === undefined)
      problems.push({ variable: "SMTP_URL", message: "required in production: PINs and activation codes must reach people" });
    const insecureAllowed =
      raw.ALLOW_INSECURE_PUBLIC_URL !== undefined && BOOL_TRUE.includes(raw.ALLOW_INSECURE_PUBLIC_URL.toLowerCase());
    if (!raw.PUBLIC_URL?.toLowerCase().startsWith("https://") && !insecureAllowed)
      problems.push({
        variable: "PUBLIC_URL",
        message: "must be an https:// URL in production (ALLOW_INSECURE_PUBLIC_URL=true for a lab without TLS)",
      });
    for (const previous of splitList(raw.SESSION_SECRET_PREVIOUS ?? "")) {
      if (previous.length < 32 || previous === DEV_SESSION_SECRET)
        problems.push({ variable: "SESSION_SECRET_PREVIOUS", message: "each previous secret must be at least 32 characters and not the development default" });
    }
  }
  const trustProxy = parseTrustProxy(raw.TRUST_PROXY, problems);

  const port = e?.PORT ?? 3000;
  const publicUrl = (e?.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const allowedOrigins =
    raw.ALLOWED_ORIGINS !== undefined ? parseOrigins(raw.ALLOWED_ORIGINS, problems) : [safeOrigin(publicUrl)];
  if (raw.ALLOWED_ORIGINS !== undefined && allowedOrigins.length === 0 && !problems.some((p) => p.variable === "ALLOWED_ORIGINS"))
    problems.push({ variable: "ALLOWED_ORIGINS", message: "must list at least one origin" });

  const timeoutMs = e?.SHUTDOWN_TIMEOUT_MS ?? 10_000;
  const drainMs = e?.SHUTDOWN_DRAIN_MS ?? 0;
  if (e && drainMs >= timeoutMs)
    problems.push({ variable: "SHUTDOWN_DRAIN_MS", message: "must be smaller than SHUTDOWN_TIMEOUT_MS" });

  if (problems.length > 0 || !e) throw new ConfigError(problems);

  const secret = e.SESSION_SECRET ?? DEV_SESSION_SECRET;
  const config: Config = {
    env: nodeEnv,
    isProduction,
    http: {
      port,
      host: e.HOST ?? "0.0.0.0",
      publicUrl,
      allowedOrigins: [...new Set(allowedOrigins)],
      jsonBodyLimit: "100kb",
      trustProxy,
    },
    mongo: {
      uri: e.MONGODB_URI,
      dataDir: path.resolve(e.DATA_DIR ?? "./data"),
      embeddedInProduction: isProduction && e.MONGODB_URI === undefined,
    },
    redis: { url: e.REDIS_URL },
    session: { secret, previousSecrets: splitList(e.SESSION_SECRET_PREVIOUS ?? ""), isDevDefault: secret === DEV_SESSION_SECRET },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? `Balie helpdesk <noreply@${new URL(publicUrl).hostname}>` },
    log: { level: e.LOG_LEVEL ?? (nodeEnv === "test" ? "silent" : "info") },
    eherkenning: {
      simulator: e.EH_SIMULATOR ?? !isProduction,
      issuerUrl: e.EH_ISSUER_URL,
      clientId: e.EH_CLIENT_ID,
      clientSecret: e.EH_CLIENT_SECRET,
      claims: {
        actingSubject: e.EH_CLAIM_ACTING_SUBJECT ?? "acting_subject_id",
        legalSubject: e.EH_CLAIM_LEGAL_SUBJECT ?? "legal_subject_id",
        name: e.EH_CLAIM_NAME ?? "name",
      },
    },
    // Never in production (refused above when asked for); elsewhere by default on the embedded store.
    seed: { demo: !isProduction && (e.SEED_DEMO ?? e.MONGODB_URI === undefined) },
    // The API description helps attackers map the surface; in production only the helpdesk reads it by default.
    apiDocs: e.API_DOCS ?? (isProduction ? "agents" : "public"),
    shutdown: { timeoutMs, drainMs },
    metrics: { port: e.METRICS_PORT, token: e.METRICS_TOKEN },
    limits: {
      streamsPerAddress: e.LIMIT_STREAMS_PER_ADDRESS ?? STREAMS_PER_ADDRESS,
      socketConnectionsPerAddress: e.LIMIT_SOCKETS_PER_ADDRESS ?? SOCKETS_PER_ADDRESS,
    },
  };
  return deepFreeze(config);
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `TRUST_PROXY`: unset/false → trust nobody; a number → that many hops; else a list of addresses or CIDRs. */
function parseTrustProxy(value: string | undefined, problems: ConfigProblem[]): false | number | string[] {
  if (value === undefined || BOOL_FALSE.includes(value.toLowerCase())) return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (BOOL_TRUE.includes(value.toLowerCase())) {
    problems.push({ variable: "TRUST_PROXY", message: "true would believe any client's X-Forwarded-For; give the hop count or the proxies' addresses" });
    return false;
  }
  const entries = splitList(value);
  const valid = /^(?:[0-9a-f:.]+(?:\/\d{1,3})?|loopback|linklocal|uniquelocal)$/i;
  for (const entry of entries) {
    if (!valid.test(entry)) problems.push({ variable: "TRUST_PROXY", message: `"${entry}" is not an address, a CIDR (10.0.0.0/8) or a hop count` });
  }
  return entries;
}

function safeOrigin(url: string): string {
  return new URL(url).origin;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
