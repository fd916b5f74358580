import { css } from "lit";

export const styles = css`
  hd-agent-queue {
    display: block;
  }
  hd-agent-queue .hd-agent-queue__list {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  hd-agent-queue .hd-agent-queue__item {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.125rem 0.5rem;
    padding: 0.5rem;
    border: 1px solid var(--hd-color-border-subtle, #d1d5db);
    border-radius: var(--hd-radius, 4px);
    background: var(--hd-color-background, #fff);
  }
  hd-agent-queue .hd-agent-queue__item p {
    margin: 0;
  }
  hd-agent-queue .hd-agent-queue__wait {
    font-variant-numeric: tabular-nums;
    color: var(--hd-color-text-muted, #4b5563);
  }
  hd-agent-queue .hd-agent-queue__item--long .hd-agent-queue__wait {
    color: var(--hd-color-error, #a4001c);
    font-weight: 600;
  }
  hd-agent-queue button {
    grid-column: 2;
    grid-row: 1 / span 3;
    align-self: center;
  }
`;
