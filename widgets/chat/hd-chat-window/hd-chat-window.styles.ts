import { css } from "lit";

export const styles = css`
  :host {
    display: block;
  }
  .window {
    display: flex;
    flex-direction: column;
    inline-size: min(24rem, calc(100vw - 2rem));
    block-size: min(36rem, calc(100vh - 7rem));
    border: 1px solid var(--hd-color-border, #6b7280);
    border-radius: var(--hd-radius, 4px);
    background: var(--hd-color-background, #fff);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    overflow: hidden;
  }
  header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding-block: 0.5rem;
    padding-inline: 1rem 0.5rem;
    background: var(--hd-color-primary, #154273);
    color: #fff;
  }
  h2 {
    margin: 0;
    font-size: 1.125rem;
    font-weight: 600;
  }
  h2:focus-visible {
    outline-color: #fff;
  }
  h3 {
    margin-block: 0 0.5rem;
    font-size: 1rem;
  }
  .close {
    inline-size: 2.75rem;
    block-size: 2.75rem;
    border: none;
    border-radius: var(--hd-radius, 4px);
    background: transparent;
    color: #fff;
    font-size: 1.25rem;
    cursor: pointer;
  }
  .close:hover {
    background: rgb(255 255 255 / 0.15);
  }
  .close:focus-visible,
  h2:focus-visible {
    outline-color: var(--utrecht-focus-inverse-outline-color, #fff);
  }
  .banner {
    margin: 0;
    padding-block: 0.5rem;
    padding-inline: 1rem;
    background: var(--hd-color-info-background, #e6ecf3);
    border-block-end: 1px solid var(--hd-color-border-subtle, #d1d5db);
  }
  .banner strong {
    display: block;
  }
  .body {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-block-size: 0;
    gap: 0.5rem;
    padding: 0.75rem 1rem;
    overflow-y: auto;
  }
  p {
    margin-block: 0 0.5rem;
  }
  label,
  legend {
    display: block;
    font-weight: 600;
    margin-block-end: 0.25rem;
  }
  textarea,
  input[type="tel"] {
    box-sizing: border-box;
    inline-size: 100%;
    padding: 0.5rem;
    border: 1px solid var(--hd-color-border, #6b7280);
    border-radius: var(--hd-radius, 4px);
    background: var(--hd-color-background, #fff);
    color: inherit;
    resize: vertical;
  }
  .start,
  .leave,
  .rating {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    align-items: flex-start;
  }
  .transcript {
    flex: 1 0 10rem;
    margin: 0;
    padding: 0.25rem;
    list-style: none;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  .line {
    max-inline-size: 85%;
    padding-block: 0.375rem;
    padding-inline: 0.625rem;
    border-radius: 0.5rem;
    background: var(--hd-color-surface, #f4f5f7);
    border: 1px solid var(--hd-color-border-subtle, #d1d5db);
  }
  .line--contact {
    align-self: flex-end;
    background: var(--hd-color-primary-subtle, #e6ecf3);
  }
  .line--system {
    align-self: center;
    max-inline-size: 100%;
    font-style: italic;
    background: transparent;
    border-style: dashed;
  }
  .line p {
    margin: 0;
  }
  .meta {
    font-size: 0.8125rem;
    color: var(--hd-color-text-muted, #4b5563);
  }
  .name {
    font-weight: 600;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .status {
    font-size: 0.8125rem;
    color: var(--hd-color-text-muted, #4b5563);
    text-align: end;
  }
  .status--read span[aria-hidden] {
    color: var(--hd-color-primary, #154273);
    font-weight: 600;
  }
  .status--failed,
  .error,
  .problem {
    color: var(--hd-color-error, #a4001c);
  }
  .problem {
    padding: 0.5rem;
    border-inline-start: 4px solid var(--hd-color-error, #a4001c);
    background: var(--hd-color-error-background, #fdecee);
  }
  .typing {
    min-block-size: 1.4em;
    margin: 0;
    font-size: 0.875rem;
    font-style: italic;
    color: var(--hd-color-text-muted, #4b5563);
  }
  .composer {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.25rem 0.5rem;
    align-items: end;
  }
  .composer label,
  .composer .hint {
    grid-column: 1 / -1;
  }
  .composer textarea {
    grid-row: 2;
  }
  .composer .button {
    grid-row: 2;
  }
  .composer .hint {
    grid-row: 3;
  }
  .hint {
    margin: 0;
    font-size: 0.875rem;
    color: var(--hd-color-text-muted, #4b5563);
  }
  .hint.error {
    color: var(--hd-color-error, #a4001c);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .actions p {
    flex-basis: 100%;
    margin: 0;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
  }
  .scores {
    display: flex;
    gap: 0.5rem;
  }
  .score {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    font-weight: normal;
    padding-inline-end: 0.5rem;
  }
  .score input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--hd-color-primary, #154273);
  }
  .body > .button {
    align-self: flex-start;
  }
  .notice {
    padding: 0.5rem;
    background: var(--hd-color-info-background, #e6ecf3);
    border-radius: var(--hd-radius, 4px);
  }
`;
