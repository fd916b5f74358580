import { css } from "lit";

/**
 * Shared look of the Mijn gegevens tiles (`.hd-tile`): a white card with a border, a heading row with an
 * optional action, and definition lists for label/value pairs. Adopted once into the document.
 */
export const tileStyles = css`
  .hd-tile {
    background: var(--hd-color-background, #ffffff);
    border: 1px solid var(--hd-color-border-subtle, #d1d5db);
    border-block-start: 4px solid var(--hd-color-primary, #154273);
    border-radius: var(--hd-radius, 4px);
    display: block;
    margin-block-end: var(--hd-space-lg, 1.5rem);
    padding: var(--hd-space-md, 1rem) var(--hd-space-lg, 1.5rem) var(--hd-space-lg, 1.5rem);
  }
  .hd-tile__head {
    align-items: center;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    justify-content: space-between;
    margin-block-end: 0.5rem;
  }
  .hd-tile__head .utrecht-heading-2 {
    margin: 0;
  }
  .hd-tile .utrecht-heading-2:focus,
  .hd-tile .utrecht-heading-3:focus {
    outline: none;
  }
  .hd-tile__intro {
    color: var(--hd-color-text-muted, #4b5563);
  }
  .hd-tile__list {
    display: grid;
    gap: 0.75rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .hd-tile__item {
    border-block-start: 1px solid var(--hd-color-border-subtle, #d1d5db);
    padding-block-start: 0.75rem;
  }
  .hd-tile__item:first-child {
    border-block-start: 0;
    padding-block-start: 0;
  }
  .hd-tile__meta {
    color: var(--hd-color-text-muted, #4b5563);
    font-size: 0.9375rem;
    margin: 0;
  }
  .hd-dl {
    display: grid;
    gap: 0.25rem 1.5rem;
    grid-template-columns: minmax(9rem, max-content) 1fr;
    margin: 0;
  }
  .hd-dl dt {
    font-weight: 600;
  }
  .hd-dl dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .hd-dl dd + dt {
    margin-block-start: 0.25rem;
  }
  .hd-muted {
    color: var(--hd-color-text-muted, #4b5563);
  }
  .hd-button-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-block-start: 0.5rem;
  }
  .hd-tile .utrecht-alert {
    margin-block: 0.5rem 1rem;
  }
  @media (max-width: 36rem) {
    .hd-dl {
      grid-template-columns: 1fr;
    }
    .hd-dl dd + dt {
      margin-block-start: 0.75rem;
    }
  }
`;
