import { LitElement, type CSSResultOrNative } from "lit";

/**
 * Base class for Balie's page-level elements: they render into light DOM.
 *
 * Why light DOM: the identity and portal pages are forms. In light DOM, `<label for>`, `aria-describedby` and
 * skip-link fragments resolve across elements, axe-core sees one tree, browsers' and password managers'
 * autofill recognise `autocomplete="username"`/`"current-password"` fields reliably, and the NL Design System
 * (Utrecht) CSS classes loaded once by the page apply without copying 400 kB into every shadow root.
 *
 * An element's `static styles` (from its `*.styles.ts`) are adopted once into the document instead of a shadow
 * root; selectors there are written under the element's tag name, so they stay scoped by convention.
 */
export class LightElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    adoptDocumentStyles((this.constructor as typeof LitElement).elementStyles);
    return this;
  }
}

const adopted = new WeakSet<object>();

/** Adds each style once to `document.adoptedStyleSheets` (or as a `<style>` where constructable sheets are missing). */
export function adoptDocumentStyles(styles: readonly CSSResultOrNative[]): void {
  if (typeof document === "undefined") return;
  for (const style of styles) {
    if (adopted.has(style)) continue;
    adopted.add(style);
    const sheet = style instanceof CSSStyleSheet ? style : style.styleSheet;
    if (sheet) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } else {
      const el = document.createElement("style");
      el.textContent = style instanceof CSSStyleSheet ? "" : style.cssText;
      document.head.append(el);
    }
  }
}
