import { css } from "lit";

export const styles = css`
  hd-language-switch {
    display: inline-block;
  }
  hd-language-switch .hd-language-switch__list {
    display: flex;
    gap: 0.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  hd-language-switch .hd-language-switch__button {
    background: transparent;
    border: 2px solid transparent;
    border-radius: var(--hd-radius, 4px);
    color: inherit;
    cursor: pointer;
    font: inherit;
    min-block-size: 44px;
    padding: 0.25rem 0.625rem;
    text-decoration: underline;
  }
  hd-language-switch .hd-language-switch__button:hover {
    text-decoration-thickness: 2px;
  }
  hd-language-switch .hd-language-switch__button[aria-pressed="true"] {
    border-color: currentColor;
    font-weight: 600;
    text-decoration: none;
  }
`;
