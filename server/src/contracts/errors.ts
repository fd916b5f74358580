/**
 * Balie's error catalogue: stable snake_case ids, their HTTP status and nl/en text.
 *
 * The same envelope travels over HTTP (`{ error }` body) and Socket.IO acks (`{ ok: false, error }`). Clients
 * switch on `id`, never on the message. This module is a contract: no server-only imports, so the portal,
 * agent console and widgets can import it too.
 *
 * Adding an error: add an entry here (id in snake_case, status, Dutch and English text written for the person
 * in front of the screen, not for developers) and throw `new AppError("your_id")`.
 */

import { chatErrorCatalogue } from "./chat-errors.js";
import { identityErrorCatalogue } from "./identity-errors.js";

/** One catalogue entry. */
export interface ErrorDefinition {
  readonly status: number;
  readonly nl: string;
  readonly en: string;
}

const coreErrors = {
  validation_failed: {
    status: 400,
    nl: "Niet alle gegevens zijn goed ingevuld.",
    en: "Some of the information is not filled in correctly.",
  },
  bad_request: {
    status: 400,
    nl: "Het adres van dit verzoek kon niet worden gelezen.",
    en: "The address of this request could not be read.",
  },
  malformed_json: {
    status: 400,
    nl: "Het verzoek kon niet worden gelezen.",
    en: "The request could not be read.",
  },
  unauthenticated: {
    status: 401,
    nl: "U bent niet ingelogd of uw sessie is verlopen.",
    en: "You are not logged in or your session has expired.",
  },
  forbidden: {
    status: 403,
    nl: "U hebt geen toegang tot dit onderdeel.",
    en: "You do not have access to this.",
  },
  csrf_failed: {
    status: 403,
    nl: "Uw sessie is verlopen. Laad de pagina opnieuw en probeer het nog eens.",
    en: "Your session has expired. Reload the page and try again.",
  },
  not_found: {
    status: 404,
    nl: "Dit onderdeel bestaat niet (meer).",
    en: "This item does not exist (anymore).",
  },
  conflict: {
    status: 409,
    nl: "Dit bestaat al of is intussen door iemand anders gewijzigd.",
    en: "This already exists or was changed by someone else in the meantime.",
  },
  payload_too_large: {
    status: 413,
    nl: "Het verzoek is te groot.",
    en: "The request is too large.",
  },
  // Contact history and archive (contracts/api/history.ts).
  invalid_cursor: {
    status: 400,
    nl: "Deze lijst kon niet verder worden geladen. Laad de pagina opnieuw.",
    en: "This list could not be loaded further. Reload the page.",
  },
  file_too_large: {
    status: 413,
    nl: "Het bestand is groter dan 10 MB. Stuur een kleiner bestand.",
    en: "The file is larger than 10 MB. Send a smaller file.",
  },
  file_type_not_allowed: {
    status: 415,
    nl: "Dit soort bestand kunt u niet versturen. Toegestaan zijn PDF, Word (docx), Excel (xlsx), PNG, JPG en tekst (txt).",
    en: "You cannot send this kind of file. Allowed are PDF, Word (docx), Excel (xlsx), PNG, JPG and text (txt).",
  },
  file_rejected_archive: {
    status: 422,
    nl: "Dit Word- of Excel-bestand kunnen wij niet aannemen: het is beschadigd of wordt bij het openen veel te groot. Sla het opnieuw op of maak er een PDF van en stuur het dan nog eens.",
    en: "We cannot accept this Word or Excel file: it is damaged or becomes far too large when opened. Save it again or turn it into a PDF, then send it once more.",
  },
  rate_limited: {
    status: 429,
    nl: "Te veel pogingen. Wacht even en probeer het dan opnieuw.",
    en: "Too many attempts. Please wait a moment and try again.",
  },
  internal_error: {
    status: 500,
    nl: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
    en: "Something went wrong on our side. Please try again later.",
  },
  service_unavailable: {
    status: 503,
    nl: "De helpdesk is tijdelijk niet bereikbaar. Probeer het later opnieuw.",
    en: "The helpdesk is temporarily unavailable. Please try again later.",
  },
  // ---- Mijn gegevens: organisation details, contact persons and roles, news ----
  gemachtigde_required: {
    status: 403,
    nl: "Alleen een gemachtigde kan iemand de rol Gemachtigde geven of afnemen, of het e-mailadres van een gemachtigde wijzigen. Vraag dit aan een gemachtigde van uw organisatie of aan de helpdesk.",
    en: "Only an authorised contact (gemachtigde) can give or take away the role Gemachtigde, or change a gemachtigde's e-mail address. Ask a gemachtigde of your organisation or the helpdesk.",
  },
  last_authorised_contact: {
    status: 409,
    nl: "Er moet altijd een gemachtigde zijn",
    en: "There must always be an authorised contact (gemachtigde)",
  },
  board_authorised_taken: {
    status: 409,
    nl: "Een bestuur kan maar één gemachtigde hebben. Haal eerst de rol weg bij de huidige gemachtigde.",
    en: "A board can have only one authorised contact (gemachtigde). Remove the role from the current one first.",
  },
  contact_not_found: {
    status: 404,
    nl: "Deze contactpersoon bestaat niet (meer).",
    en: "This contact person does not exist (anymore).",
  },
  stale_version: {
    status: 409,
    nl: "Iemand anders heeft deze gegevens intussen gewijzigd. Laad de pagina opnieuw en probeer het nog eens.",
    en: "Someone else changed this information in the meantime. Reload the page and try again.",
  },
  news_not_found: {
    status: 404,
    nl: "Dit nieuwsbericht bestaat niet (meer).",
    en: "This news item does not exist (anymore).",
  },
} as const satisfies Record<string, ErrorDefinition>;

/** The whole catalogue: core errors plus each domain's fragment (`identity-errors.ts`, …). */
export const errorCatalogue = { ...coreErrors, ...identityErrorCatalogue, ...chatErrorCatalogue } as const;

/** Every known error id. */
export type ErrorId = keyof typeof errorCatalogue;

export type Locale = "nl" | "en";

/** A problem with one input field, keyed by its dotted path in {@link ErrorBody.fields}. */
export interface FieldError {
  /** Stable code: `required`, `invalid_type`, `too_small`, `too_big`, `invalid_format`, `invalid_value`, `duplicate`, … */
  readonly code: string;
  /** Developer-facing detail; clients show their own text for `code`. */
  readonly message: string;
}

/** The body of every error, over HTTP and in Socket.IO acks. */
export interface ErrorBody {
  readonly id: ErrorId;
  /** Localised text (Accept-Language: nl by default, en when preferred). */
  readonly message: string;
  readonly fields?: Readonly<Record<string, FieldError>>;
  /** Machine-readable facts the page needs, e.g. `account_blocked` → `{ blockedUntil }`. Never secrets. */
  readonly details?: Readonly<Record<string, ErrorDetail>>;
  /** Same value as the `X-Request-Id` response header; quote it to the helpdesk. */
  readonly correlationId?: string;
}

/** `{ error: { id, message, fields?, correlationId? } }` */
export interface ErrorEnvelope {
  readonly error: ErrorBody;
}

/** A value in {@link ErrorBody.details}. */
export type ErrorDetail = string | number | boolean;

/** Options for {@link AppError}. */
export interface AppErrorOptions {
  /** Per-field problems (validation). */
  fields?: Record<string, FieldError>;
  /** Facts for the client (sent): `{ blockedUntil }`. Never secrets. */
  details?: Record<string, ErrorDetail>;
  /** Internal detail for logs; never sent to the client. */
  detail?: string;
  cause?: unknown;
}

/** An expected, catalogued error. Throw it anywhere; the HTTP error middleware and socket handlers present it. */
export class AppError extends Error {
  readonly id: ErrorId;
  readonly status: number;
  readonly fields: Record<string, FieldError> | undefined;
  readonly details: Record<string, ErrorDetail> | undefined;

  constructor(id: ErrorId, options: AppErrorOptions = {}) {
    super(options.detail ?? id, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.id = id;
    this.status = errorCatalogue[id].status;
    this.fields = options.fields;
    this.details = options.details;
  }
}

export function isErrorId(value: unknown): value is ErrorId {
  return typeof value === "string" && Object.hasOwn(errorCatalogue, value);
}

/** The text for `id` in `locale`. */
export function errorMessage(id: ErrorId, locale: Locale): string {
  return errorCatalogue[id][locale];
}

/**
 * Picks nl or en from an Accept-Language header. Dutch unless English is preferred over Dutch.
 * `en-GB,en;q=0.9,nl;q=0.8` → en; `de,en;q=0.5` → en; `fr` → nl; missing → nl.
 */
export function pickLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return "nl";
  let best: { locale: Locale; q: number } | undefined;
  for (const part of acceptLanguage.split(",")) {
    const [tag, ...params] = part.trim().toLowerCase().split(";");
    const base = tag?.split("-")[0];
    if (base !== "nl" && base !== "en") continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale: base, q };
  }
  return best?.locale ?? "nl";
}

/** Builds the envelope for `id` in `locale`. */
export function errorEnvelope(
  id: ErrorId,
  locale: Locale,
  extra: {
    fields?: Record<string, FieldError> | undefined;
    details?: Record<string, ErrorDetail> | undefined;
    correlationId?: string | undefined;
  } = {},
): ErrorEnvelope {
  return {
    error: {
      id,
      message: errorMessage(id, locale),
      ...(extra.fields && Object.keys(extra.fields).length > 0 ? { fields: extra.fields } : {}),
      ...(extra.details ? { details: extra.details } : {}),
      ...(extra.correlationId ? { correlationId: extra.correlationId } : {}),
    },
  };
}
