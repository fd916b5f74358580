import type { nl } from "./nl.js";

/** Every message key; Dutch (`nl.ts`) defines the set. */
export type MessageKey = keyof typeof nl;

/**
 * The shape every other language must have: exactly the keys of `nl`, each a string. An object literal typed
 * `Catalogue` with a missing key fails ("Property … is missing"), an extra key fails ("Object literal may only
 * specify known properties").
 */
export type Catalogue = { readonly [K in MessageKey]: string };

/** Supported languages; Dutch is the default. */
export const locales = ["nl", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "nl";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
