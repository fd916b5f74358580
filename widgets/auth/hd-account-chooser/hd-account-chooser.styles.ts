import { css } from "lit";

export const styles = css`
  hd-account-chooser {
    display: block;
  }
  hd-account-chooser .hd-account-chooser__list {
    display: grid;
    gap: 0.75rem;
    list-style: none;
    margin: 0 0 1.5rem;
    padding: 0;
  }
  hd-account-chooser .hd-account-chooser__item {
    align-items: center;
    border: 1px solid var(--hd-color-border-subtle, #d1d5db);
    border-radius: var(--hd-radius, 4px);
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    justify-content: space-between;
    padding: 0.875rem 1rem;
  }
  hd-account-chooser .hd-account-chooser__item--current {
    border-color: var(--hd-color-primary, #154273);
    border-width: 2px;
  }
  hd-account-chooser .hd-account-chooser__name {
    font-weight: 600;
  }
  hd-account-chooser .hd-account-chooser__meta {
    color: var(--hd-color-text-muted, #4b5563);
    display: block;
    font-size: 0.9375rem;
  }
  hd-account-chooser .hd-account-chooser__actions {
    align-items: center;
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }
`;
