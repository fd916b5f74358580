import { css } from "lit";

/** Screen-reader-only text and secondary/link buttons: the window needs them, the launcher does not (bytes). */
export const formStyles = css`
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button,
  input,
  textarea {
    font: inherit;
  }
  .button--secondary {
    background: var(--hd-color-background, #fff);
    color: var(--hd-color-primary, #154273);
  }
  .button--secondary:hover {
    background: var(--hd-color-primary-subtle, #e6ecf3);
  }
  .button--link {
    border: none;
    background: none;
    color: var(--utrecht-link-color, var(--hd-color-primary, #154273));
    text-decoration: underline;
    padding-inline: 0;
    min-block-size: 2rem;
    font-weight: normal;
  }
  .button--link:hover {
    background: none;
    text-decoration-thickness: 2px;
  }
`;
