/**
 * The public pages anyone can open without logging in, and the version of the terms of use.
 *
 * In contracts/ because both sides need them: the server answers each path with the page entry (history
 * fallback, `http/static.ts`) and the koppel wizard links to the terms and privacy statement and stores which
 * version of the terms a person accepted.
 */

/** Paths of the public pages (start page, help with logging in, statements). */
export const PUBLIC_PAGE_PATHS = {
  start: "/",
  loginProblems: "/problemen-met-inloggen",
  privacy: "/privacyverklaring",
  terms: "/gebruiksvoorwaarden",
  accessibility: "/toegankelijkheidsverklaring",
} as const;

/**
 * Version of the Gebruiksvoorwaarden. Raise it (a date, `YYYY-MM-DD`) when the terms' text changes in a way
 * people must accept again: the next login of every linked identity then shows the acceptance step before the
 * portal.
 */
export const TERMS_VERSION = "2026-12-01";
