/**
 * Recognises shared (role) mailboxes such as info@ or administratie@, so the link form can warn while the
 * person types. The server has the final word (`shared_email_address`); this list only mirrors the common ones
 * so the warning appears before submitting.
 */
export const sharedLocalParts: readonly string[] = [
  "info",
  "administratie",
  "admin",
  "administrator",
  "secretariaat",
  "directie",
  "directeur",
  "receptie",
  "office",
  "mail",
  "post",
  "contact",
  "algemeen",
  "school",
  "bestuur",
  "helpdesk",
  "support",
  "noreply",
  "no-reply",
  "team",
  "personeelszaken",
  "hr",
  "ict",
  "financien",
  "leerlingadministratie",
  "facturen",
  "boekhouding",
  "kantoor",
  "balie",
  "finance",
  "leerlingenadministratie",
];

/**
 * True when `email`'s local part (before the @) is a known shared mailbox, ignoring case, surrounding spaces,
 * a `+tag` or number suffix and separators: `Info@x.nl`, `info+ouders@x.nl`, `administratie.school@x.nl` → true;
 * `j.devries@x.nl`, `informatica.docent@x.nl` → false. Needs an @ with something after it.
 */
export function isSharedEmailAddress(email: string): boolean {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return false;
  // "info+ouders" and "info2" / "info-2" count as "info", like the server's check.
  const local = (trimmed.slice(0, at).split("+")[0] ?? "").replace(/[._-]?\d+$/, "");
  if (sharedLocalParts.includes(local)) return true;
  // "administratie.obs-de-linde" or "info_school": the first word decides.
  const firstWord = local.split(/[._-]/)[0] ?? "";
  return firstWord !== local && sharedLocalParts.includes(firstWord) && firstWord.length >= 4;
}

/** A plain, permissive e-mail shape check (one @, a dot in the domain, no spaces). The server validates for real. */
export function looksLikeEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
}
