/**
 * The browser's one way to call Balie's HTTP API: JSON in and out, cookies included, the CSRF token fetched once
 * from `GET /api/v1/session` and sent as `X-CSRF-Token` on every non-GET request, and the error envelope
 * `{ error: { id, message, fields?, ...extra } }` turned into a typed {@link ApiError}.
 */
import type { ErrorBody } from "../../../server/src/contracts/errors.js";
import { getLocale } from "../../../widgets/shared/i18n/index.js";

/** Header carrying the CSRF token on state-changing requests. */
export const csrfHeader = "X-CSRF-Token";

/** An API failure with a stable id the UI can switch on. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  /** Stable snake_case id (`invalid_credentials`, `account_blocked`, …; `network` when no response came). */
  readonly id: string;
  /** HTTP status, 0 for a network failure. */
  readonly status: number;
  /** Field name → error code (`required`, `invalid_email`, …). */
  readonly fields: Readonly<Record<string, string>>;
  /** `details` of the error body merged with any other property (`blockedUntil`, `correlationId`, …). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(init: {
    id: string;
    message: string;
    status: number;
    fields?: Record<string, string>;
    details?: Record<string, unknown>;
  }) {
    super(init.message);
    this.id = init.id;
    this.status = init.status;
    this.fields = init.fields ?? {};
    this.details = init.details ?? {};
  }
}

/** Turns whatever came back into an ApiError; never throws. */
export function parseErrorBody(status: number, body: unknown): ApiError {
  const envelope = isRecord(body) && isRecord(body["error"]) ? body["error"] : undefined;
  if (!envelope || typeof envelope["id"] !== "string") {
    return new ApiError({ id: status >= 500 ? "internal_error" : "unknown", message: "", status });
  }
  const { id, message, fields, details: nested, ...extra } = envelope;
  // The contract nests facts under `details` (`{ blockedUntil }`); other top-level extras are kept too.
  const details: Record<string, unknown> = { ...extra, ...(isRecord(nested) ? nested : {}) };
  const fieldCodes: Record<string, string> = {};
  if (isRecord(fields)) {
    for (const [name, value] of Object.entries(fields)) {
      // The catalogue sends `{ code, message }`; a bare id string is accepted too.
      if (typeof value === "string") fieldCodes[name] = value;
      else if (isRecord(value) && typeof value["code"] === "string") fieldCodes[name] = value["code"];
    }
  }
  return new ApiError({
    id: id as string,
    message: typeof message === "string" ? message : "",
    status,
    fields: fieldCodes,
    details,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Options for {@link ApiClient}. */
export interface ApiClientOptions {
  /** Prefix for every path; default "" (same origin). */
  baseUrl?: string;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
  /** Language for the server's own messages; default the current UI language. */
  locale?: () => string;
}

/** Fetch wrapper; one shared instance is exported as {@link api}. */
export class ApiClient {
  private csrfToken: string | undefined;
  private csrfPending: Promise<string> | undefined;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly locale: () => string;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? "";
    this.fetchImpl = options.fetch ?? ((...args) => globalThis.fetch(...args));
    this.locale = options.locale ?? getLocale;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PUT", path, body);
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PATCH", path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>("DELETE", path);
  }

  /** Remembers a token seen elsewhere (e.g. in a session response the page already loaded). */
  setCsrfToken(token: string | undefined): void {
    this.csrfToken = token;
  }

  /** Forgets the token; the next non-GET request fetches a fresh one (after login, logout, switch). */
  resetCsrfToken(): void {
    this.csrfToken = undefined;
    this.csrfPending = undefined;
  }

  /** The CSRF token, from cache or `GET /api/v1/session`. */
  async getCsrfToken(): Promise<string> {
    if (this.csrfToken) return this.csrfToken;
    this.csrfPending ??= this.get<{ csrfToken?: unknown }>("/api/v1/session")
      .then((session) => {
        if (typeof session?.csrfToken !== "string") throw new ApiError({ id: "csrf_failed", message: "", status: 0 });
        this.csrfToken = session.csrfToken;
        return session.csrfToken;
      })
      .finally(() => {
        this.csrfPending = undefined;
      });
    return this.csrfPending;
  }

  /** Sends one request; resolves with the parsed JSON body (undefined for 204/empty), rejects with ApiError. */
  async request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": this.locale() };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && method !== "HEAD") headers[csrfHeader] = await this.getCsrfToken();

    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        credentials: "same-origin",
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (cause) {
      throw Object.assign(new ApiError({ id: "network", message: "", status: 0 }), { cause });
    }

    const text = await response.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (response.ok) return parsed as T;

    const error = parseErrorBody(response.status, parsed);
    // A rotated session (login, link, switch) invalidates the cached token: refresh it once and retry.
    if (error.id === "csrf_failed" && !retried && method !== "GET") {
      this.resetCsrfToken();
      return this.request<T>(method, path, body, true);
    }
    throw error;
  }
}

/** The shared client for the page. */
export const api = new ApiClient();

/** Keeps the compile-time link with the server's error envelope: our parser reads the same fields. */
export type ServerErrorBody = ErrorBody;
