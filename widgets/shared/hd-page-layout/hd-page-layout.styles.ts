import { css } from "lit";

export const styles = css`
  hd-page-layout {
    display: flex;
    flex-direction: column;
    min-block-size: 100vh;
    background: var(--hd-color-background, #fff);
  }
  hd-page-layout .hd-page-layout__header {
    background: var(--hd-color-primary, #154273);
    color: #ffffff;
    --utrecht-focus-outline-color: #ffffff;
    --hd-color-focus: #ffffff;
  }
  hd-page-layout .hd-page-layout__bar,
  hd-page-layout .hd-page-layout__footer-content,
  hd-page-layout .hd-page-layout__main-content {
    box-sizing: border-box;
    margin-inline: auto;
    max-inline-size: var(--utrecht-page-max-inline-size, 72rem);
    padding-inline: var(--hd-space-md, 1rem);
  }
  /* Utrecht's page header and footer are grids that already add the page padding. */
  hd-page-layout .hd-page-layout__bar,
  hd-page-layout .hd-page-layout__footer-content {
    inline-size: 100%;
    padding-inline: 0;
  }
  hd-page-layout .hd-page-layout__bar {
    align-items: center;
    display: flex;
    flex-wrap: wrap;
    gap: var(--hd-space-md, 1rem);
    justify-content: space-between;
    min-block-size: 4rem;
  }
  hd-page-layout .hd-page-layout__brand {
    align-items: baseline;
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  hd-page-layout .hd-page-layout__wordmark {
    color: #ffffff;
    font-size: 1.625rem;
    font-weight: 600;
    letter-spacing: 0.02em;
    text-decoration: none;
  }
  hd-page-layout .hd-page-layout__wordmark:hover {
    text-decoration: underline;
  }
  hd-page-layout .hd-page-layout__tagline {
    font-size: 0.9375rem;
  }
  hd-page-layout .hd-page-layout__actions {
    align-items: center;
    display: flex;
    gap: var(--hd-space-md, 1rem);
  }
  hd-page-layout .hd-page-layout__main {
    flex: 1 0 auto;
    padding-block: var(--hd-space-xl, 2.5rem);
  }
  /* Headings and main receive focus only programmatically (navigation, skip link): no ring there. */
  hd-page-layout .hd-page-heading:focus,
  hd-page-layout .hd-page-layout__main:focus {
    box-shadow: none;
    outline: none;
  }
  hd-page-layout .hd-page-layout__main-content > * {
    display: block;
    max-inline-size: var(--hd-content-max-inline-size, 46rem);
  }
  hd-page-layout .hd-page-layout__footer {
    background: var(--hd-color-surface, #f4f5f7);
    border-block-start: 1px solid var(--hd-color-border-subtle, #d1d5db);
    color: var(--hd-color-text, #1a1a1a);
    padding-block: var(--hd-space-lg, 1.5rem);
  }
  hd-page-layout .hd-page-layout__footer p {
    margin: 0;
  }
`;
