/**
 * A tiny HTTP client for integration tests: a cookie jar (one host), manual redirects, JSON helpers and the
 * CSRF header taken from `GET /api/v1/session`. Each instance is one browser.
 */

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** Options of {@link HttpClient.json}. */
export interface RequestOptions {
  csrf?: boolean;
  headers?: Record<string, string>;
}

export class HttpClient {
  /** name → value. Path and domain are ignored: tests talk to one host. */
  readonly cookies = new Map<string, string>();
  csrfToken = "";

  constructor(readonly baseUrl: string) {}

  /** The jar as a `Cookie` header value, e.g. for a socket.io-client `extraHeaders`. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Raw request with the jar; never follows redirects. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(path, this.baseUrl);
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader());
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) this.storeCookie(line);
    return res;
  }

  private storeCookie(line: string): void {
    const [pair, ...attrs] = line.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    const expired = attrs.some((a) => {
      const [k, v] = a.trim().split("=");
      if (k!.toLowerCase() === "max-age") return Number(v) <= 0;
      if (k!.toLowerCase() === "expires") return new Date(v!).getTime() < Date.now();
      return false;
    });
    if (expired || value === "") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  /** GET /api/v1/session and remember its CSRF token. */
  async session<T = Record<string, unknown>>(): Promise<T> {
    const res = await this.json<T & { csrfToken: string }>("GET", "/api/v1/session");
    this.csrfToken = res.body.csrfToken;
    return res.body;
  }

  /**
   * JSON request; adds `X-CSRF-Token` (unless `csrf: false`) and any extra `headers` (e.g. the X-Forwarded-For
   * our proxy would set). Updates the token when the body carries one.
   */
  async json<T = unknown>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (options.csrf !== false && this.csrfToken && method !== "GET") headers["x-csrf-token"] = this.csrfToken;
    const res = await this.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
    const token = (parsed as { csrfToken?: unknown; session?: { csrfToken?: unknown } } | undefined);
    if (typeof token?.csrfToken === "string") this.csrfToken = token.csrfToken;
    else if (typeof token?.session?.csrfToken === "string") this.csrfToken = token.session.csrfToken;
    return { status: res.status, headers: res.headers, body: parsed };
  }

  get<T = unknown>(path: string) {
    return this.json<T>("GET", path);
  }
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions) {
    return this.json<T>("POST", path, body ?? {}, options);
  }
  delete<T = unknown>(path: string, options?: { csrf?: boolean }) {
    return this.json<T>("DELETE", path, undefined, options);
  }

  /** POSTs an HTML form (application/x-www-form-urlencoded). */
  form(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Follows redirects from `res` while they stay on our host, and returns the last response plus the URL it came
   * from. Stops at a redirect whose target matches `stopAt` (returned unfollowed, with `location`).
   */
  async follow(res: Response, stopAt?: (location: URL) => boolean): Promise<{ res: Response; url: URL; location?: URL }> {
    let current = res;
    let url = new URL(res.url || this.baseUrl);
    for (let hops = 0; hops < 20; hops++) {
      if (current.status < 300 || current.status >= 400) return { res: current, url };
      const location = new URL(current.headers.get("location")!, url);
      if (stopAt?.(location)) return { res: current, url, location };
      await current.body?.cancel();
      url = location;
      current = await this.request(location.pathname + location.search);
    }
    throw new Error("too many redirects");
  }
}
