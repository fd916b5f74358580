/**
 * What the console's elements need to call Balie's REST API: structurally the `ApiClient` of
 * `client/src/shared/api.ts` (JSON, cookies, CSRF, errors with a stable `id` and a localised `message`).
 * Widgets do not import client code; the console app hands its client to each element as `api`.
 */
export interface ConsoleApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

/** The text to show for anything a {@link ConsoleApi} call threw. */
export function apiErrorText(error: unknown, fallback: string): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && message ? message : fallback;
}
