import { css } from "lit";

export const styles = css`
  hd-agent-context {
    display: block;
  }
  hd-agent-context section + section {
    margin-block-start: 1rem;
  }
  hd-agent-context dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.125rem 0.75rem;
    margin: 0;
  }
  hd-agent-context dt {
    font-weight: 600;
  }
  hd-agent-context dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  hd-agent-context ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  hd-agent-context li + li {
    margin-block-start: 0.375rem;
  }
  hd-agent-context .hd-agent-context__muted {
    color: var(--hd-color-text-muted, #4b5563);
    font-size: 0.875rem;
  }
`;
