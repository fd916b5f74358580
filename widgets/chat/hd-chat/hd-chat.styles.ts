import { css } from "lit";

export const styles = css`
  :host {
    position: fixed;
    inset-block-end: var(--hd-chat-offset, 1.5rem);
    inset-inline-end: var(--hd-chat-offset, 1.5rem);
    z-index: var(--hd-chat-z-index, 1000);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 0.75rem;
  }
  .launcher {
    position: relative;
    min-block-size: 3.25rem;
    padding-inline: 1.25rem;
    border-radius: 1.625rem;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.3);
    font-size: 1.0625rem;
  }
  .launcher svg {
    inline-size: 1.5rem;
    block-size: 1.5rem;
    fill: currentColor;
  }
  .badge {
    position: absolute;
    inset-block-start: -0.5rem;
    inset-inline-end: -0.25rem;
    min-inline-size: 1.5rem;
    padding-inline: 0.25rem;
    border-radius: 0.75rem;
    background: var(--hd-color-error, #a4001c);
    color: #fff;
    font-size: 0.875rem;
    line-height: 1.5rem;
    text-align: center;
  }
`;
