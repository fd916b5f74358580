import { css } from "lit";

export const styles = css`
  hd-portal-tabs {
    display: block;
  }
  hd-portal-tabs .hd-portal-tabs__list {
    border-block-end: 2px solid var(--hd-color-border-subtle, #d1d5db);
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0 0 var(--hd-space-lg, 1.5rem);
  }
  hd-portal-tabs .hd-portal-tabs__tab {
    background: transparent;
    border: 0;
    border-block-end: 4px solid transparent;
    border-radius: var(--hd-radius, 4px) var(--hd-radius, 4px) 0 0;
    color: var(--hd-color-primary, #154273);
    cursor: pointer;
    font: inherit;
    font-size: 1.0625rem;
    margin-block-end: -2px;
    min-block-size: 44px;
    padding: 0.625rem 1rem 0.5rem;
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  hd-portal-tabs .hd-portal-tabs__tab:hover {
    background: var(--hd-color-primary-subtle, #e6ecf3);
    text-decoration-thickness: 2px;
  }
  hd-portal-tabs .hd-portal-tabs__tab[aria-selected="true"] {
    border-block-end-color: var(--hd-color-primary, #154273);
    color: var(--hd-color-text, #1a1a1a);
    font-weight: 600;
    text-decoration: none;
  }
  hd-portal-tabs .hd-portal-tabs__panel:focus-visible {
    outline-offset: 6px;
  }
`;
