/**
 * The chat widget's slice of Balie's nl/en catalogue, with the same `{name}` placeholders and language choice as
 * `widgets/shared/i18n` (localStorage `balie.locale`, reflected in `<html lang>`).
 *
 * Why not `t()` and `LocaleController` from `widgets/shared/i18n` directly: importing them bundles the whole
 * portal catalogue (≈ 10 KB gzip) into an embed script that must stay ≤ 10 KB. And the widget may be a second
 * copy of the code on the page (the embed script next to the portal bundle), so it cannot rely on the shared
 * module's in-memory listeners: it follows `<html lang>`, which `setLocale()` always updates.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { chatLauncherMessages } from "../shared/i18n/chat-launcher.js";
import type { chatWindowMessages } from "../shared/i18n/chat-window.js";

type Lang = "nl" | "en";
/** Every key the widget uses. */
export type ChatKey = keyof (typeof chatLauncherMessages)["nl"] | keyof (typeof chatWindowMessages)["nl"];

const dictionaries: Record<Lang, Record<string, string>> = { nl: { ...chatLauncherMessages.nl }, en: { ...chatLauncherMessages.en } };

/** Adds a lazily loaded part (the window's texts). */
export function addMessages(part: { nl: Record<string, string>; en: Record<string, string> }): void {
  Object.assign(dictionaries.nl, part.nl);
  Object.assign(dictionaries.en, part.en);
}

/** The language shown: `<html lang>` (set by the portal's switch), else the stored choice, else Dutch. */
export function chatLocale(): Lang {
  const lang = (typeof document !== "undefined" ? document.documentElement.lang : "") || storedLocale();
  return lang.toLowerCase().startsWith("en") ? "en" : "nl";
}

function storedLocale(): string {
  try {
    return globalThis.localStorage?.getItem("balie.locale") ?? "";
  } catch {
    return "";
  }
}

/** The text for `key` with `{name}` placeholders filled. */
export function tc(key: ChatKey, params?: Readonly<Record<string, string | number>>): string {
  const template = dictionaries[chatLocale()][key] ?? dictionaries.nl[key] ?? key;
  return params ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : template;
}

/** Re-renders its host when `<html lang>` changes. */
export class ChatLocaleController implements ReactiveController {
  private observer: MutationObserver | undefined;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    this.observer = new MutationObserver(() => this.host.requestUpdate());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  }
  hostDisconnected(): void {
    this.observer?.disconnect();
  }
}
