/**
 * Paths of the portal entry (`portal.html`): `/portaal` and `/portaal/<organisationId>/<tab-slug>`. The server
 * answers every one of them with `portal.html`; this module turns the path into a view and back.
 */
import type { MessageKey } from "../../../widgets/shared/i18n/index.js";

/** Root of the portal; after login people land here and are sent on to their organisation's Mijn gegevens. */
export const portalRoot = "/portaal";

/** One tab of the portal: its URL slug, the element that renders it and the catalogue key of its label. */
export interface PortalTab {
  readonly slug: TabSlug;
  /** Custom element tag; when it is not defined, the tab shows "Dit onderdeel is nog niet beschikbaar". */
  readonly tag: string;
  readonly label: MessageKey;
}

/** Tab slugs in display order. */
export const tabSlugs = [
  "mijn-gegevens",
  "digitaal-archief",
  "ondersteuning-en-contact",
  "evaluaties",
  "gtb-overzicht",
] as const;
export type TabSlug = (typeof tabSlugs)[number];

/** The portal's tabs, as in MijnHelpdeskPO (seed 000). */
export const portalTabs: readonly PortalTab[] = [
  { slug: "mijn-gegevens", tag: "hd-tab-details", label: "portal.tab.details" },
  { slug: "digitaal-archief", tag: "hd-tab-archive", label: "portal.tab.archive" },
  { slug: "ondersteuning-en-contact", tag: "hd-tab-support", label: "portal.tab.support" },
  { slug: "evaluaties", tag: "hd-tab-evaluations", label: "portal.tab.evaluations" },
  { slug: "gtb-overzicht", tag: "hd-tab-gtb", label: "portal.tab.gtb" },
];

/** The default tab: people land on Mijn gegevens. */
export const defaultTab: TabSlug = "mijn-gegevens";

export function isTabSlug(value: string): value is TabSlug {
  return (tabSlugs as readonly string[]).includes(value);
}

/** What a portal path asks for. */
export type PortalRoute =
  /** `/portaal`: redirect to the active organisation's default tab. */
  | { kind: "root" }
  /** `/portaal/<id>` or `/portaal/<id>/<tab>`; `tab` is the default when the path has none. */
  | { kind: "tab"; organisationId: string; tab: TabSlug; canonical: boolean }
  /** Anything else under `/portaal`. */
  | { kind: "not-found" };

const objectIdRe = /^[0-9a-f]{24}$/;

/** Parses a pathname (any case, optional trailing slash). */
export function parsePortalPath(pathname: string): PortalRoute {
  const parts = pathname.replace(/\/+$/, "").split("/").filter(Boolean);
  if (parts[0]?.toLowerCase() !== "portaal") return { kind: "not-found" };
  if (parts.length === 1) return { kind: "root" };
  const organisationId = parts[1]!.toLowerCase();
  if (!objectIdRe.test(organisationId) || parts.length > 3) return { kind: "not-found" };
  const tab = parts[2]?.toLowerCase() ?? defaultTab;
  if (!isTabSlug(tab)) return { kind: "not-found" };
  return { kind: "tab", organisationId, tab, canonical: parts.length === 3 && parts[2] === tab && parts[1] === organisationId };
}

/** `/portaal/<organisationId>/<tab>`. */
export function portalTabPath(organisationId: string, tab: TabSlug = defaultTab): string {
  return `${portalRoot}/${organisationId}/${tab}`;
}

/** True for paths this entry renders (used by the in-page router). */
export function isPortalPath(path: string): boolean {
  return path === portalRoot || path.startsWith(`${portalRoot}/`);
}

/** Where "Uitloggen" lands. */
export const loggedOutPath = "/inloggen?uitgelogd=1";
/** Where a visitor without a session goes. */
export const loginPath = "/inloggen";
/** "Account toevoegen": the koppelpagina in its add variant. */
export const addAccountPath = "/koppelen?toevoegen=1";
