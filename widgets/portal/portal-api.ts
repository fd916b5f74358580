/**
 * What the portal's tab elements need to call Balie's API. Structurally the `ApiClient` of
 * `client/src/shared/api.ts` (JSON, cookies, CSRF); widgets do not import client code, so the portal shell
 * hands its client to each tab element as the `api` property.
 */
import type { DisplayError } from "../shared/form-element.js";

export interface PortalApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
}

/** A failed request as the API client throws it: a stable id, the HTTP status (0: no response) and field codes. */
export interface PortalApiError extends DisplayError {
  readonly status: number;
}

/** Normalises anything thrown by a {@link PortalApi} call. */
export function toApiError(error: unknown): PortalApiError {
  if (typeof error === "object" && error !== null && typeof (error as { id?: unknown }).id === "string") {
    const e = error as PortalApiError;
    return { id: e.id, message: e.message ?? "", status: typeof e.status === "number" ? e.status : 0, fields: e.fields ?? {}, details: e.details ?? {} };
  }
  return { id: "unknown", message: "", status: 0, fields: {}, details: {} };
}
