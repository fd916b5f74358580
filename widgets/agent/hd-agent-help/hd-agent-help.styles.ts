import { css } from "lit";

export const styles = css`
  hd-agent-help dialog {
    max-inline-size: 36rem;
    padding: 1.5rem;
    border: 1px solid var(--hd-color-border, #6b7280);
    border-radius: var(--hd-radius, 4px);
  }
  hd-agent-help dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  hd-agent-help table {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block-end: 1rem;
  }
  hd-agent-help th,
  hd-agent-help td {
    padding: 0.375rem 0.5rem;
    border-block-end: 1px solid var(--hd-color-border-subtle, #d1d5db);
    text-align: start;
  }
  hd-agent-help kbd {
    font-family: inherit;
    padding: 0 0.25rem;
    border: 1px solid var(--hd-color-border, #6b7280);
    border-radius: 3px;
    background: var(--hd-color-surface, #f4f5f7);
  }
`;
