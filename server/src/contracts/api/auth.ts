/**
 * HTTP contract of Balie's identity routes: eHerkenning login, first-login linking (koppelen) with a PIN by
 * e-mail, agent login, session, account switching, logout, wachtwoord vergeten, unlinking.
 *
 * Zod schemas, inferred types and per-route error ids only; imported by the server routes and by the login/link
 * pages in `client/` and `widgets/auth/`. Every error response uses the common envelope
 * `{ error: { id, message, fields?, details? } }`; ids are listed per route below and described (nl/en) in
 * `server/src/contracts/identity-errors.ts`.
 *
 * Conventions:
 * - All JSON routes live under `/api/v1`. The two eHerkenning routes are browser navigations under `/auth`.
 * - Every request that is not GET/HEAD/OPTIONS must carry the header `X-CSRF-Token` with the `csrfToken` from the
 *   last `GET /api/v1/session` response (also for anonymous visitors, e.g. the agent login form); otherwise
 *   403 `csrf_failed`. The token changes when the session rotates (login, link, logout): re-read it from the
 *   response of those routes (they return a {@link SessionResponse}) or call `GET /api/v1/session` again.
 * - Cookies: `balie.sid`, httpOnly, SameSite=Lax, Secure in production. Use `credentials: "same-origin"`.
 * - Times are ISO 8601 strings in UTC (`2025-03-01T09:15:00.000Z`).
 */
import { z } from "zod";

// ---- shared pieces -------------------------------------------------------------------------------------------

/** Header carrying the CSRF token on every state-changing request. */
export const CSRF_HEADER = "X-CSRF-Token";
/** Name of the session cookie. */
export const SESSION_COOKIE = "balie.sid";

/**
 * Every path the identity entry (`auth.html`) renders. Here rather than in `client/` because the server must
 * answer each of them with `auth.html` (history fallback, `http/static.ts`).
 */
export const AUTH_PAGE_PATHS = [
  "/inloggen",
  "/koppelen",
  "/koppelen/pincode",
  "/wachtwoord-vergeten",
  "/wachtwoord-herstellen",
  "/account-kiezen",
  "/medewerker/inloggen",
] as const;
export type AuthPagePath = (typeof AUTH_PAGE_PATHS)[number];

/** Lifetimes and limits the pages may show ("de pincode is 15 minuten geldig"). */
export const IDENTITY_LIMITS = {
  /** Wrong attempts (password, activation code, PIN, agent password) before the account is blocked. */
  maxFailedAttempts: 5,
  /** How long a block lasts. */
  blockMs: 15 * 60_000,
  /** Activation code validity, counted from its creation. */
  activationCodeMs: 24 * 60 * 60_000,
  /** PIN validity, counted from the moment it was mailed. */
  pinMs: 15 * 60_000,
  /** Session idle timeout. */
  sessionIdleMs: 15 * 60_000,
  /** Session absolute lifetime. */
  sessionAbsoluteMs: 8 * 60 * 60_000,
  /** A link not used for this long (18 months, counted as 548 days) is removed. */
  staleLinkMs: 548 * 24 * 60 * 60_000,
} as const;

/** An ISO 8601 timestamp. */
const isoDate = z.string();
/** A MongoDB ObjectId as a 24-character hex string. */
export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, { message: "invalid_id" });

/**
 * Local parts of e-mail addresses that are typically shared mailboxes (info@, administratie@, …). Linking with
 * such an address is refused with `shared_email_address` unless the request says `acceptSharedEmail: true`.
 */
export const SHARED_EMAIL_LOCAL_PARTS = [
  "info", "administratie", "admin", "administrator", "secretariaat", "directie", "office", "kantoor", "post",
  "mail", "contact", "school", "receptie", "balie", "algemeen", "bestuur", "ict", "helpdesk", "noreply",
  "no-reply", "support", "facturen", "finance", "financien", "hr", "personeelszaken", "team", "leerlingenadministratie",
] as const;

/** True when `email` looks like a shared mailbox (see {@link SHARED_EMAIL_LOCAL_PARTS}). */
export function isSharedEmailAddress(email: string): boolean {
  const local = email.trim().toLowerCase().split("@")[0] ?? "";
  const base = local.split("+")[0]!.replace(/[._-]?\d+$/, "");
  return (SHARED_EMAIL_LOCAL_PARTS as readonly string[]).includes(base);
}

/** A personal e-mail address, trimmed and lower-cased. Field error message: `invalid_email`. */
export const linkEmailSchema = z
  .string()
  .max(254, { message: "invalid_email" })
  .overwrite((v) => v.trim().toLowerCase())
  .regex(/^(?!\.)(?!.*\.\.)[a-z0-9_'+\-.]*[a-z0-9_+-]@(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,}$/, { message: "invalid_email" });

/**
 * Activation code as typed: case-insensitive, spaces and dashes ignored. Issued as 16 characters from
 * `ABCDEFGHJKLMNPQRSTUVWXYZ23456789` shown in groups of four (`K7QM-2XPA-9DHT-4RWC`).
 */
export const activationCodeSchema = z
  .string()
  .max(40, { message: "invalid_activation_code" })
  .overwrite((v) => v.replace(/[\s-]/g, "").toUpperCase())
  .regex(/^[A-Z0-9]{16}$/, { message: "invalid_activation_code" });

/** A 6-digit PIN as typed (spaces ignored). */
export const pinSchema = z
  .string()
  .max(12, { message: "invalid_pin" })
  .overwrite((v) => v.replace(/\s/g, ""))
  .regex(/^\d{6}$/, { message: "invalid_pin" });

// ---- session ---------------------------------------------------------------------------------------------------

/** One organisation account the contact has linked (or may act for). */
export const accountSummarySchema = z.object({
  organisationId: objectIdSchema,
  kind: z.enum(["school", "board"]),
  /** Instellingscode (school) or bestuursnummer (board). */
  code: z.string(),
  name: z.string(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

/** A school contact person or board contact person, logged in with eHerkenning. */
export const contactPrincipalSchema = z.object({
  type: z.literal("contact"),
  /** Display name from eHerkenning (may be empty when the broker does not release it). */
  name: z.string(),
  /** KvK number (LegalSubjectID) of the eHerkenning identity. */
  kvk: z.string(),
  /** Accounts linked to this eHerkenning identity, in link order. */
  accounts: z.array(accountSummarySchema),
  /** The account the person currently works in (one of `accounts`). */
  activeOrganisationId: objectIdSchema,
  /** False right after logging in with several accounts, until one is picked (the active one is a default). */
  accountChosen: z.boolean(),
  /**
   * When the active account is a board acting for one of its schools: that school. The portal shows the
   * school's data; `effectiveOrganisationId` is the one every portal request is scoped to.
   */
  actingFor: accountSummarySchema.nullable(),
  /** `actingFor?.organisationId ?? activeOrganisationId`. */
  effectiveOrganisationId: objectIdSchema,
  /** Schools of the active account when it is a board (for "open school"); empty for a school. */
  schools: z.array(accountSummarySchema),
});
export type ContactPrincipal = z.infer<typeof contactPrincipalSchema>;

/** A helpdesk agent or supervisor. */
export const agentPrincipalSchema = z.object({
  type: z.literal("agent"),
  agentId: objectIdSchema,
  username: z.string(),
  name: z.string(),
  role: z.enum(["agent", "supervisor"]),
});
export type AgentPrincipal = z.infer<typeof agentPrincipalSchema>;

export const principalSchema = z.discriminatedUnion("type", [contactPrincipalSchema, agentPrincipalSchema]);
export type Principal = z.infer<typeof principalSchema>;

/**
 * State between the eHerkenning callback and a completed link, so the koppelpagina knows what to show.
 * `step: "credentials"` → show the form (username+password, or activation code, plus e-mail);
 * `step: "pin"` → a PIN was mailed to `emailMasked`, show the PIN form.
 */
export const pendingLinkSchema = z.object({
  step: z.enum(["credentials", "pin"]),
  /** Name from eHerkenning, for a friendly greeting. */
  name: z.string(),
  kvk: z.string(),
  /** Present in step `pin`: `j***@school.nl`. */
  emailMasked: z.string().optional(),
  /** Present in step `pin`. */
  pinExpiresAt: isoDate.optional(),
});
export type PendingLink = z.infer<typeof pendingLinkSchema>;

/** `GET /api/v1/session` → 200. Also returned by login, link confirm, switch. Never an error. */
export const sessionResponseSchema = z.object({
  authenticated: z.boolean(),
  /** Send as `X-CSRF-Token` on every state-changing request. */
  csrfToken: z.string(),
  principal: principalSchema.nullable(),
  /** Present while an eHerkenning identity awaits linking (anonymous) or while a contact adds an account. */
  pendingLink: pendingLinkSchema.nullable(),
  /** When the session ends if idle / at the latest (null for anonymous sessions). */
  idleExpiresAt: isoDate.nullable(),
  absoluteExpiresAt: isoDate.nullable(),
  /** This installation runs on demo data (fictitious schools and people): the pages say so. Never in production. */
  demo: z.boolean(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

// ---- eHerkenning (browser navigations) ---------------------------------------------------------------------------

/**
 * `GET /auth/eherkenning/start` → 302 to the broker (or the simulator at `/eh-sim`).
 * `GET /auth/eherkenning/callback` (the broker returns here) → 302 to one of:
 * - `/portaal` — known identity linked to one account; logged in.
 * - `/account-kiezen` — known identity linked to several accounts; logged in (first account active), the page
 *   offers `POST /api/v1/session/switch`.
 * - `/koppelen` — unknown identity; `pendingLink` is set (step `credentials`).
 * - `/inloggen?fout=<id>` — one of {@link EHERKENNING_REDIRECT_ERRORS}.
 */
export const EHERKENNING_REDIRECT_ERRORS = [
  /** The broker returned EH2 or lower; EH3 (loa3) or EH4 (loa4) is required. */
  "assurance_too_low",
  /** The person cancelled at the broker. */
  "eherkenning_cancelled",
  /** Anything else went wrong (state mismatch, token error, missing claims, broker unreachable). */
  "eherkenning_failed",
  /** The session expired between start and callback. */
  "session_expired",
] as const;
export type EherkenningRedirectError = (typeof EHERKENNING_REDIRECT_ERRORS)[number];

/** Query of `GET /auth/eherkenning/start`. */
export const eherkenningStartQuerySchema = z.object({
  /**
   * `add` when a logged-in contact uses "Account toevoegen" and wants to log in with eHerkenning again
   * (optional: the link routes also accept a logged-in contact directly, without a new eHerkenning login).
   */
  intent: z.enum(["login", "add"]).default("login"),
});

// ---- link (koppelen) -----------------------------------------------------------------------------------------

/**
 * `POST /api/v1/auth/link` — step 1 of linking. Allowed with a `pendingLink` (after the eHerkenning callback) or
 * for a logged-in contact ("Account toevoegen": links one more account to the same eHerkenning identity).
 */
export const linkRequestSchema = z.discriminatedUnion("variant", [
  z.object({
    variant: z.literal("password"),
    username: z.string().trim().min(1, { message: "required" }).max(100, { message: "too_long" }),
    password: z.string().min(1, { message: "required" }).max(200, { message: "too_long" }),
    email: linkEmailSchema,
    /** Set after the page showed the shared-address warning and the person confirmed. */
    acceptSharedEmail: z.boolean().optional(),
  }),
  z.object({
    variant: z.literal("activation"),
    activationCode: activationCodeSchema,
    /** Optional: the account's username when the person has it (seed 004 asks for both). */
    username: z.string().trim().max(100, { message: "too_long" }).optional(),
    email: linkEmailSchema,
    acceptSharedEmail: z.boolean().optional(),
  }),
]);
export type LinkRequest = z.infer<typeof linkRequestSchema>;

/** `POST /api/v1/auth/link` → 202: a PIN was mailed. */
export const linkResponseSchema = z.object({
  status: z.literal("pin_sent"),
  emailMasked: z.string(),
  pinExpiresAt: isoDate,
});
export type LinkResponse = z.infer<typeof linkResponseSchema>;

/** Error ids of `POST /api/v1/auth/link`. */
export const LINK_ERRORS = [
  "validation_failed", // 400, `fields` per input
  "csrf_failed", // 403
  "no_pending_link", // 409: no eHerkenning identity in this session (start again at /inloggen)
  "invalid_credentials", // 401: unknown username or wrong password (never says which)
  "invalid_activation_code", // 401: unknown or wrong activation code
  "activation_code_expired", // 410: older than 24 h; ask the helpdesk or administrator for a new one
  "activation_code_used", // 410: already used (single use)
  "password_login_disabled", // 409: this account is already linked to eHerkenning; username/password no longer link
  "already_linked", // 409: this eHerkenning identity is already linked to that account
  "shared_email_address", // 422: looks like a shared mailbox; resend with acceptSharedEmail: true
  "account_blocked", // 423: details.blockedUntil (ISO)
  "mail_failed", // 502: the PIN mail could not be sent
] as const;

/** `POST /api/v1/auth/link/confirm` — step 2: the PIN from the mail. */
export const linkConfirmRequestSchema = z.object({ pin: pinSchema });
export type LinkConfirmRequest = z.infer<typeof linkConfirmRequestSchema>;

/** `POST /api/v1/auth/link/confirm` → 200: linked, session rotated, logged in. */
export const linkConfirmResponseSchema = z.object({
  /** Where the page should go next (`/portaal`). */
  redirectTo: z.string(),
  session: sessionResponseSchema,
});
export type LinkConfirmResponse = z.infer<typeof linkConfirmResponseSchema>;

/** Error ids of `POST /api/v1/auth/link/confirm`. */
export const LINK_CONFIRM_ERRORS = [
  "validation_failed",
  "csrf_failed",
  "no_pending_pin", // 409: no PIN was requested in this session (start at the koppelpagina)
  "invalid_pin", // 401: wrong PIN; the 5th wrong attempt blocks the account
  "pin_expired", // 410: older than 15 minutes or already used; request a new PIN via POST /api/v1/auth/link
  "account_blocked", // 423: details.blockedUntil
  "password_login_disabled", // 409: another identity linked the account with its password in the meantime
] as const;

/** `details` of an `account_blocked` error. */
export const accountBlockedDetailsSchema = z.object({ blockedUntil: isoDate });
export type AccountBlockedDetails = z.infer<typeof accountBlockedDetailsSchema>;

// ---- wachtwoord vergeten -----------------------------------------------------------------------------------------

/**
 * `POST /api/v1/auth/password-forgotten` → 202 `{}` always (no account enumeration). The reset mail goes to the
 * gemachtigde (role `authorised`) of the account's organisation, never to the requester.
 */
export const passwordForgottenRequestSchema = z.object({
  username: z.string().trim().min(1, { message: "required" }).max(100, { message: "too_long" }),
});
export type PasswordForgottenRequest = z.infer<typeof passwordForgottenRequestSchema>;
export const PASSWORD_FORGOTTEN_ERRORS = ["validation_failed", "csrf_failed"] as const;

/** The rules for a new password, shown on the page before anyone types (and checked by the server). */
export const PASSWORD_RULES = {
  minLength: 12,
  maxLength: 200,
} as const;

const resetTokenSchema = z.string().min(20).max(200);

/** `POST /api/v1/auth/password-reset` (the link in the reset mail: `/wachtwoord-herstellen?token=…`) → 204. */
export const passwordResetRequestSchema = z.object({
  token: resetTokenSchema,
  password: z
    .string()
    .min(PASSWORD_RULES.minLength, { message: "password_too_short" })
    .max(PASSWORD_RULES.maxLength, { message: "too_long" }),
});
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;
export const PASSWORD_RESET_ERRORS = [
  "validation_failed",
  "csrf_failed",
  "invalid_reset_token",
  "reset_link_expired",
  "reset_link_used",
  "password_login_disabled",
] as const;

/**
 * `POST /api/v1/auth/password-reset/check` → 200 {@link PasswordResetCheckResponse}: is this link still usable?
 * The page asks first, so an expired or used link says so before anyone chooses a password. (POST, not GET: the
 * token stays out of access logs.)
 */
export const passwordResetCheckSchema = z.object({ token: resetTokenSchema });
export interface PasswordResetCheckResponse {
  /** The account whose password is reset. */
  username: string;
  expiresAt: string;
}

// ---- agents ------------------------------------------------------------------------------------------------------

/** `POST /api/v1/auth/agent/login` → 200 {@link SessionResponse} (session rotated). */
export const agentLoginRequestSchema = z.object({
  username: z.string().trim().min(1, { message: "required" }).max(100, { message: "too_long" }),
  password: z.string().min(1, { message: "required" }).max(200, { message: "too_long" }),
});
export type AgentLoginRequest = z.infer<typeof agentLoginRequestSchema>;
export const AGENT_LOGIN_ERRORS = ["validation_failed", "csrf_failed", "invalid_credentials", "account_blocked"] as const;

// ---- session: switch, logout ---------------------------------------------------------------------------------

/**
 * `POST /api/v1/session/switch` → 200 {@link SessionResponse}. `organisationId` is one of the linked accounts
 * (becomes active, `actingFor` cleared), or a school of the active board account (board acts for it:
 * `actingFor` = that school). `null`-like "back to the board" = switch to the board's own id.
 */
export const switchRequestSchema = z.object({ organisationId: objectIdSchema });
export type SwitchRequest = z.infer<typeof switchRequestSchema>;
export const SWITCH_ERRORS = ["validation_failed", "csrf_failed", "unauthenticated", "account_not_linked"] as const;

/** `POST /api/v1/auth/logout` → 200 {@link SessionResponse} (anonymous, with a fresh csrfToken). Idempotent. */
export const LOGOUT_ERRORS = ["csrf_failed"] as const;

// ---- links (koppelingen) of an organisation --------------------------------------------------------------------

/** One eHerkenning link of an organisation's account, as shown to agents and the gemachtigde. */
export const linkSummarySchema = z.object({
  linkId: objectIdSchema,
  name: z.string(),
  email: z.string(),
  kvk: z.string(),
  linkedAt: isoDate,
  lastUsedAt: isoDate,
});
export type LinkSummary = z.infer<typeof linkSummarySchema>;

/**
 * `GET /api/v1/organisations/:orgId/links` → 200 `{ links: LinkSummary[] }`;
 * `DELETE /api/v1/organisations/:orgId/links/:linkId` → 204 (lost or stolen eHerkenning means).
 * Allowed for agents/supervisors, and for a contact whose link e-mail is the e-mail of a gemachtigde (role
 * `authorised`) of that organisation (or of the board over that school).
 */
export const linkListResponseSchema = z.object({ links: z.array(linkSummarySchema) });
export type LinkListResponse = z.infer<typeof linkListResponseSchema>;
export const UNLINK_ERRORS = ["csrf_failed", "unauthenticated", "forbidden", "link_not_found"] as const;

/**
 * `POST /api/v1/organisations/:orgId/activation-code` (agents and supervisors) → 201: a fresh activation code
 * (24 h, single use) for the organisation's account, shown once. Used for new schools/boards and to link again
 * after a link was undone (password linking is off once an account was linked). Creates the account if needed.
 */
export const activationCodeResponseSchema = z.object({
  username: z.string(),
  activationCode: z.string(),
  expiresAt: isoDate,
});
export type ActivationCodeResponse = z.infer<typeof activationCodeResponseSchema>;
export const ACTIVATION_CODE_ERRORS = ["csrf_failed", "unauthenticated", "forbidden", "not_found"] as const;

/** Every error id an identity route can return (union of the lists above). */
export type IdentityRouteErrorId =
  | (typeof LINK_ERRORS)[number]
  | (typeof LINK_CONFIRM_ERRORS)[number]
  | (typeof PASSWORD_FORGOTTEN_ERRORS)[number]
  | (typeof PASSWORD_RESET_ERRORS)[number]
  | (typeof AGENT_LOGIN_ERRORS)[number]
  | (typeof SWITCH_ERRORS)[number]
  | (typeof UNLINK_ERRORS)[number]
  | (typeof ACTIVATION_CODE_ERRORS)[number];
