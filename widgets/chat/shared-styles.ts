import { css } from "lit";

/**
 * Styles shared by the chat's shadow roots. Colours, fonts and focus come from the NL Design System (Utrecht)
 * and Balie theme tokens, which inherit into shadow DOM; the fallbacks keep the widget legible on a page
 * without Balie's theme (a school's own site).
 */
export const baseStyles = css`
  :host {
    font-family: var(--utrecht-document-font-family, var(--hd-font-family, system-ui, sans-serif));
    font-size: 1rem;
    line-height: 1.4;
    color: var(--utrecht-document-color, var(--hd-color-text, #1a1a1a));
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    border: 2px solid var(--hd-color-primary, #154273);
    border-radius: var(--hd-radius, 4px);
    background: var(--utrecht-button-primary-action-background-color, var(--hd-color-primary, #154273));
    color: var(--utrecht-button-primary-action-color, #fff);
    font-weight: 600;
    cursor: pointer;
  }
  .button:hover {
    background: var(--hd-color-primary-hover, #0d2b4d);
  }
  .button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: var(--utrecht-focus-outline-width, 3px) var(--utrecht-focus-outline-style, solid)
      var(--utrecht-focus-outline-color, #000);
    outline-offset: var(--utrecht-focus-outline-offset, 2px);
    box-shadow: 0 0 0 calc(var(--utrecht-focus-outline-offset, 2px) + var(--utrecht-focus-outline-width, 3px) + 2px)
      var(--hd-color-focus-background, #ffdd00);
  }
`;
