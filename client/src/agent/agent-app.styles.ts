import { css } from "lit";

export const styles = css`
  /* The console uses the whole window: more specific than hd-page-layout's reading-width limits. */
  hd-agent-app hd-page-layout .hd-page-layout__main-content,
  hd-agent-app hd-page-layout .hd-page-layout__main-content > * {
    max-inline-size: none;
  }
  hd-agent-app .hd-agent-app__who {
    font-weight: normal;
    font-size: 1.25rem;
    color: var(--hd-color-text-muted, #4b5563);
  }
  hd-agent-app .hd-agent-app__header {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  hd-agent-app .hd-agent-app__header .utrecht-button {
    color: inherit;
  }
  hd-agent-app .hd-agent-app__bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 2rem;
    align-items: center;
    justify-content: space-between;
    padding: 0.5rem 0.75rem;
    margin-block-end: 1rem;
    border-radius: var(--hd-radius, 4px);
    background: var(--hd-color-surface, #f4f5f7);
  }
  hd-agent-app .hd-agent-app__connection {
    margin: 0;
    font-size: 0.9375rem;
  }
  hd-agent-app .hd-agent-app__nav {
    display: flex;
    gap: 0.5rem;
    margin-block-end: 1rem;
    border-block-end: 1px solid var(--hd-color-border-subtle, #d1d5db);
  }
  hd-agent-app .hd-agent-app__nav [aria-current="page"] {
    border-block-end: 3px solid var(--hd-color-primary, #154273);
    font-weight: 600;
  }
  hd-agent-app .hd-agent-app__work {
    display: grid;
    grid-template-columns: minmax(14rem, 17rem) 1fr minmax(16rem, 20rem);
    gap: 1rem;
    align-items: start;
  }
  hd-agent-app .hd-agent-app__chats {
    overflow-wrap: anywhere;
    display: grid;
    gap: 0.75rem;
    grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
    min-inline-size: 0;
  }
  hd-agent-app .hd-agent-app__context {
    padding: 0.75rem;
    border-inline-start: 3px solid var(--hd-color-primary, #154273);
    background: var(--hd-color-surface, #f4f5f7);
    overflow-wrap: anywhere;
  }
  hd-agent-app .hd-agent-app__context h2 {
    margin-block-start: 0;
    font-size: 1.125rem;
  }
  @media (max-width: 70rem) {
    hd-agent-app .hd-agent-app__work {
      grid-template-columns: 1fr;
    }
  }
  .hd-sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .hd-agent-error {
    color: var(--hd-color-error, #a4001c);
    font-weight: 600;
  }
`;
