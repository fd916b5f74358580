import { describe, expect, it } from "vitest";
import { ApiClient, ApiError, parseErrorBody } from "./api.js";

function fakeFetch(answers: ((url: string, init: RequestInit) => Response)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error("unexpected request " + url);
    return next(url, init);
  }) as unknown as typeof fetch;
  return { impl, calls };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe(parseErrorBody.name, () => {
  it("reads id, message, field codes and details", () => {
    const error = parseErrorBody(423, {
      error: {
        id: "account_blocked",
        message: "Geblokkeerd",
        fields: { email: { code: "invalid_email", message: "x" }, pin: "invalid_pin" },
        details: { blockedUntil: "2025-01-15T13:15:00.000Z" },
        correlationId: "abc",
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.id).toBe("account_blocked");
    expect(error.status).toBe(423);
    expect(error.message).toBe("Geblokkeerd");
    expect(error.fields).toEqual({ email: "invalid_email", pin: "invalid_pin" });
    expect(error.details).toEqual({ blockedUntil: "2025-01-15T13:15:00.000Z", correlationId: "abc" });
  });

  it("survives a body that is not an envelope", () => {
    expect(parseErrorBody(502, "<html>").id).toBe("internal_error");
    expect(parseErrorBody(404, null).id).toBe("unknown");
  });
});

describe(ApiClient.name, () => {
  it("fetches the CSRF token once and sends it with JSON on every non-GET request", async () => {
    const { impl, calls } = fakeFetch([
      () => json(200, { csrfToken: "t1" }),
      () => json(202, { status: "pin_sent" }),
      () => new Response(null, { status: 204 }),
    ]);
    const client = new ApiClient({ fetch: impl, locale: () => "en" });
    await expect(client.post("/api/v1/auth/link", { a: 1 })).resolves.toEqual({ status: "pin_sent" });
    await expect(client.post("/api/v1/auth/logout")).resolves.toBeUndefined();
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "GET /api/v1/session",
      "POST /api/v1/auth/link",
      "POST /api/v1/auth/logout",
    ]);
    const headers = calls[1]!.init.headers as Record<string, string>;
    expect(headers["X-CSRF-Token"]).toBe("t1");
    expect(headers["Content-Type"]).toBe("application/json");
    expect(headers["Accept-Language"]).toBe("en");
    expect(calls[1]!.init.body).toBe('{"a":1}');
    expect((calls[0]!.init.headers as Record<string, string>)["X-CSRF-Token"]).toBeUndefined();
  });

  it("refreshes the token once after csrf_failed, then gives up", async () => {
    const csrfFailed = () => json(403, { error: { id: "csrf_failed", message: "" } });
    const { impl, calls } = fakeFetch([
      () => json(200, { csrfToken: "old" }),
      csrfFailed,
      () => json(200, { csrfToken: "new" }),
      () => json(200, { ok: true }),
      csrfFailed,
      () => json(200, { csrfToken: "newer" }),
      csrfFailed,
    ]);
    const client = new ApiClient({ fetch: impl });
    await expect(client.post("/x")).resolves.toEqual({ ok: true });
    expect((calls[3]!.init.headers as Record<string, string>)["X-CSRF-Token"]).toBe("new");
    await expect(client.post("/x")).rejects.toMatchObject({ id: "csrf_failed", status: 403 });
  });

  it("turns a network failure into ApiError network", async () => {
    const client = new ApiClient({
      fetch: (async () => {
        throw new TypeError("Failed to fetch");
      }) as unknown as typeof fetch,
    });
    await expect(client.get("/api/v1/session")).rejects.toMatchObject({ id: "network", status: 0 });
  });
});
