import { html, type TemplateResult } from "lit";

/**
 * The page's `<h1>`; focusable (tabindex=-1) so the app can move focus to it after an in-page navigation and
 * a screen reader announces the new page.
 */
export function pageHeading(text: string): TemplateResult {
  return html`<h1 class="utrecht-heading-1 hd-page-heading" tabindex="-1">${text}</h1>`;
}
