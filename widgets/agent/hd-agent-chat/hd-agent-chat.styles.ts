import { css } from "lit";

export const styles = css`
  hd-agent-chat {
    display: flex;
    min-inline-size: 0;
  }
  hd-agent-chat .hd-agent-chat__box {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    inline-size: 100%;
    min-inline-size: 0;
    padding: 0.75rem;
    border: 1px solid var(--hd-color-border, #6b7280);
    border-radius: var(--hd-radius, 4px);
    background: var(--hd-color-background, #fff);
  }
  hd-agent-chat[active] .hd-agent-chat__box {
    border-color: var(--hd-color-primary, #154273);
    box-shadow: 0 0 0 2px var(--hd-color-primary, #154273);
  }
  hd-agent-chat .hd-agent-chat__header h2 {
    margin: 0;
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
  }
  hd-agent-chat .hd-agent-chat__key {
    display: inline-block;
    min-inline-size: 1.5rem;
    border-radius: var(--hd-radius, 4px);
    background: var(--hd-color-primary, #154273);
    color: #fff;
    text-align: center;
    font-size: 0.875rem;
  }
  hd-agent-chat .hd-agent-chat__code,
  hd-agent-chat .hd-agent-chat__contact,
  hd-agent-chat .hd-agent-chat__meta,
  hd-agent-chat .hd-agent-chat__status,
  hd-agent-chat .hd-agent-chat__hint,
  hd-agent-chat .hd-agent-chat__typing {
    margin: 0;
    color: var(--hd-color-text-muted, #4b5563);
    font-size: 0.875rem;
  }
  hd-agent-chat .hd-agent-chat__typing {
    min-block-size: 1.3em;
    font-style: italic;
  }
  hd-agent-chat .hd-agent-chat__transcript {
    flex: 1;
    min-block-size: 12rem;
    max-block-size: 45vh;
    overflow-y: auto;
    margin: 0;
    padding: 0.25rem;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    background: var(--hd-color-surface, #f4f5f7);
    border-radius: var(--hd-radius, 4px);
  }
  hd-agent-chat .hd-agent-chat__line {
    max-inline-size: 90%;
    padding: 0.375rem 0.625rem;
    border-radius: 0.5rem;
    border: 1px solid var(--hd-color-border-subtle, #d1d5db);
    background: var(--hd-color-background, #fff);
  }
  hd-agent-chat .hd-agent-chat__line p {
    margin: 0;
  }
  hd-agent-chat .hd-agent-chat__line--agent {
    align-self: flex-end;
    background: var(--hd-color-primary-subtle, #e6ecf3);
  }
  hd-agent-chat .hd-agent-chat__line--system {
    align-self: center;
    font-style: italic;
    border-style: dashed;
  }
  hd-agent-chat .hd-agent-chat__line--internal {
    background: var(--hd-color-warning-background, #fff4ce);
    border: 2px dashed var(--hd-color-warning-border, #a87b00);
  }
  hd-agent-chat .hd-agent-chat__intern {
    margin-inline-end: 0.375rem;
    padding-inline: 0.375rem;
    border-radius: var(--hd-radius, 4px);
    background: var(--hd-color-warning, #5c4400);
    color: #fff;
    font-weight: 600;
    text-transform: uppercase;
    font-size: 0.75rem;
  }
  hd-agent-chat .hd-agent-chat__name {
    font-weight: 600;
    color: var(--hd-color-text, #1a1a1a);
  }
  hd-agent-chat .hd-agent-chat__text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  hd-agent-chat .hd-agent-chat__status {
    text-align: end;
  }
  hd-agent-chat .hd-agent-chat__composer,
  hd-agent-chat .hd-agent-chat__panel {
    display: flex;
    flex-direction: column;
    gap: 0.375rem;
  }
  hd-agent-chat .hd-agent-chat__composer--internal textarea {
    background: var(--hd-color-warning-background, #fff4ce);
    border-color: var(--hd-color-warning-border, #a87b00);
  }
  hd-agent-chat .hd-agent-chat__mode {
    display: flex;
    gap: 1rem;
    margin: 0;
    padding: 0;
    border: none;
  }
  hd-agent-chat .hd-agent-chat__mode label {
    display: inline-flex;
    gap: 0.25rem;
    align-items: center;
  }
  hd-agent-chat textarea,
  hd-agent-chat select {
    inline-size: 100%;
    max-inline-size: none;
    box-sizing: border-box;
  }
  hd-agent-chat .hd-agent-chat__buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  hd-agent-chat .hd-agent-chat__buttons select {
    inline-size: auto;
    flex: 1;
  }
`;
