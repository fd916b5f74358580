/**
 * Balie's small typed i18n: nl (default) and en catalogues, `t(key, params)`, the current locale (persisted in
 * localStorage, reflected in `<html lang>`) and a Lit `LocaleController` that re-renders its host on a change.
 *
 * Why not `@lit/localize`: its runtime mode needs generated locale modules and a CLI step; a plain typed object
 * gives the same guarantees (missing or extra keys are compile errors) with no build step, and the same catalogue
 * serves error ids coming from the server.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { defaultLocale, isLocale, type Catalogue, type Locale, type MessageKey } from "./catalogue.js";
import { en } from "./en.js";
import { nl } from "./nl.js";

export { defaultLocale, isLocale, locales, type Catalogue, type Locale, type MessageKey } from "./catalogue.js";

const catalogues: Readonly<Record<Locale, Catalogue>> = { nl, en };

/** localStorage key holding the chosen language. */
export const localeStorageKey = "balie.locale";

/** Values for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

type Listener = (locale: Locale) => void;
const listeners = new Set<Listener>();
let current: Locale = readStoredLocale();
reflectLang(current);

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(localeStorageKey);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be disabled (privacy mode, sandboxed iframe); fall back to the default.
  }
  return defaultLocale;
}

function reflectLang(locale: Locale): void {
  if (typeof document !== "undefined") document.documentElement.lang = locale;
}

/** The language currently shown. */
export function getLocale(): Locale {
  return current;
}

/** Switches the language, stores it, updates `<html lang>` and notifies every subscriber. */
export function setLocale(locale: Locale): void {
  if (!isLocale(locale) || locale === current) return;
  current = locale;
  try {
    globalThis.localStorage?.setItem(localeStorageKey, locale);
  } catch {
    // Not persisted; the switch still applies to this page.
  }
  reflectLang(locale);
  for (const listener of listeners) listener(locale);
}

/** Calls `listener` after every language change; returns the unsubscribe function. */
export function onLocaleChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing param is noticed. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/** The text for `key` in the current (or given) language. */
export function t(key: MessageKey, params?: MessageParams, locale: Locale = current): string {
  return format(catalogues[locale][key], params);
}

/** True when the catalogue has a text for `key` (used for ids that come from the server). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(nl, key);
}

/** Anything shaped like an API error: a stable id plus the server's own (localised) message. */
export interface ErrorLike {
  readonly id: string;
  readonly message?: string | undefined;
}

/**
 * The text for an error id: our catalogue first (so the language follows the switch), then the server's
 * message, then a generic sentence.
 */
export function errorText(error: ErrorLike, locale: Locale = current): string {
  const key = `error.${error.id}`;
  if (hasMessage(key)) return t(key, undefined, locale);
  if (error.message) return error.message;
  return t("error.unknown", undefined, locale);
}

/** The text for a field error code (`required`, `invalid_email`, …), falling back to "Controleer dit veld." */
export function fieldErrorText(code: string, locale: Locale = current): string {
  const key = `field.${code}`;
  return hasMessage(key) ? t(key, undefined, locale) : t("field.generic", undefined, locale);
}

/**
 * Re-renders its host whenever the language changes. Add one to every element that shows text:
 * `private readonly locale = new LocaleController(this);`
 */
export class LocaleController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;
  /** The language of the host's last render. */
  private rendered: Locale | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The language currently shown. */
  get locale(): Locale {
    return current;
  }

  hostConnected(): void {
    this.unsubscribe = onLocaleChange(() => this.host.requestUpdate());
    // The language may have changed while the host was out of the document (a tab panel that was not shown):
    // it heard nothing then, and Lit does not re-render on reconnect by itself.
    if (this.rendered !== undefined && this.rendered !== current) this.host.requestUpdate();
  }

  hostUpdated(): void {
    this.rendered = current;
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
