import { css } from "lit";

/** Shared look of the history tabs (`.hd-history`), adopted once into the document. */
export const historyStyles = css`
  .hd-history__section {
    margin-block-end: var(--hd-space-xl, 2rem);
  }
  .hd-history__filters {
    align-items: end;
    border: 1px solid var(--hd-color-border-subtle, #d1d5db);
    border-radius: var(--hd-radius, 4px);
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    margin: 0 0 1.5rem;
    padding: 0.75rem 1rem 1rem;
  }
  .hd-history__filters legend {
    font-weight: 700;
    padding-inline: 0.25rem;
  }
  .hd-history__field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-inline-size: 10rem;
  }
  .hd-history__field--wide {
    min-inline-size: min(100%, 22rem);
  }
  .hd-history__success {
    margin-block-end: 1rem;
  }
  .hd-history__actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .hd-history__list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .hd-history__item {
    border-inline-start: 4px solid var(--hd-color-primary, #154273);
    margin-block-end: 1rem;
    padding: 0.25rem 0 0.25rem 1rem;
  }
  .hd-history__item h3 {
    margin: 0 0 0.25rem;
  }
  .hd-history__item h3:focus {
    outline: 2px solid var(--hd-color-focus, #1a73e8);
    outline-offset: 2px;
  }
  .hd-history__meta {
    color: var(--hd-color-text-muted, #4b5563);
    font-size: 0.9375rem;
    margin: 0 0 0.25rem;
  }
  .hd-history__badge {
    background: var(--hd-color-warning-background, #fff4ce);
    border-radius: 2px;
    font-size: 0.875rem;
    margin-inline-start: 0.5rem;
    padding: 0 0.375rem;
  }
  .hd-history__more {
    margin-block: 1rem;
  }
  .hd-history__text {
    background: var(--hd-color-background-subtle, #f3f4f6);
    border-radius: var(--hd-radius, 4px);
    font-family: inherit;
    margin: 0.5rem 0;
    overflow-wrap: anywhere;
    padding: 1rem;
    white-space: pre-wrap;
  }
  .hd-history__table {
    border-collapse: collapse;
    inline-size: 100%;
  }
  .hd-history__table caption {
    font-weight: 700;
    margin-block-end: 0.5rem;
    text-align: start;
  }
  .hd-history__table th,
  .hd-history__table td {
    border-block-end: 1px solid var(--hd-color-border-subtle, #d1d5db);
    padding: 0.5rem 0.75rem 0.5rem 0;
    text-align: start;
    vertical-align: top;
  }
  .hd-history__table td.hd-history__num,
  .hd-history__table th.hd-history__num {
    font-variant-numeric: tabular-nums;
    text-align: end;
  }
  .hd-history__link-button {
    background: none;
    border: 0;
    color: var(--hd-color-link, #154273);
    cursor: pointer;
    font: inherit;
    padding: 0;
    text-align: start;
    text-decoration: underline;
  }
  .hd-history__detail {
    border: 1px solid var(--hd-color-border-subtle, #d1d5db);
    border-block-start: 4px solid var(--hd-color-primary, #154273);
    border-radius: var(--hd-radius, 4px);
    margin-block: 1rem;
    padding: 1rem 1.5rem;
  }
  .hd-history__detail h3:focus {
    outline: 2px solid var(--hd-color-focus, #1a73e8);
    outline-offset: 2px;
  }
  .hd-history__contact {
    display: grid;
    gap: 0.25rem 1.5rem;
    grid-template-columns: minmax(6rem, max-content) 1fr;
    margin: 0;
  }
  .hd-history__contact dt {
    font-weight: 700;
  }
  .hd-history__contact dd {
    margin: 0;
  }
  .hd-history__error {
    color: var(--hd-color-error, #b00020);
    font-weight: 700;
    margin: 0.25rem 0;
  }
  .hd-history__upload {
    max-inline-size: 40rem;
  }
  .hd-history__upload .hd-history__field {
    margin-block-end: 1rem;
  }
  .hd-history__hint {
    color: var(--hd-color-text-muted, #4b5563);
    font-size: 0.9375rem;
    margin: 0;
  }
`;
