/**
 * Multipart upload for "Document naar de helpdesk sturen". The portal's `PortalApi` speaks JSON only, so this
 * posts `FormData` with `fetch` itself: same origin, cookies, the CSRF token from `GET /api/v1/session`, and
 * the error envelope turned into a {@link PortalApiError}.
 */
import type { ArchiveItemView } from "../../../server/src/contracts/api/history.js";
import { getLocale } from "../../shared/i18n/index.js";
import type { PortalApiError } from "../portal-api.js";

async function csrfToken(): Promise<string> {
  const res = await fetch("/api/v1/session", { credentials: "same-origin", headers: { accept: "application/json" } });
  const body = (await res.json()) as { csrfToken?: string };
  return body.csrfToken ?? "";
}

function toError(status: number, body: unknown): PortalApiError {
  const e = (body as { error?: { id?: string; message?: string; fields?: Record<string, { code?: string }>; details?: Record<string, unknown> } } | null)?.error;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(e?.fields ?? {})) if (v?.code) fields[k] = v.code;
  return { id: e?.id ?? (status >= 500 ? "internal_error" : "unknown"), message: e?.message ?? "", status, fields, details: e?.details ?? {} } as PortalApiError;
}

/** Posts `form` to `path`; resolves with the created item or rejects with a {@link PortalApiError}. */
export async function uploadForm(path: string, form: FormData): Promise<ArchiveItemView> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      body: form,
      credentials: "same-origin",
      headers: { accept: "application/json", "accept-language": getLocale(), "X-CSRF-Token": await csrfToken() },
    });
  } catch {
    throw { id: "network", message: "", status: 0, fields: {}, details: {} } as PortalApiError;
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw toError(res.status, body);
  return body as ArchiveItemView;
}
