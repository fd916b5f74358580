import { css } from "lit";

export const styles = css`
  hd-error-summary {
    display: block;
  }
  hd-error-summary .hd-error-summary__title {
    font-weight: 600;
    margin: 0 0 0.25rem;
  }
  hd-error-summary .hd-error-summary__list {
    margin: 0.25rem 0 0;
    padding-inline-start: 1.25rem;
  }
  hd-error-summary .hd-error-summary__alert:focus-visible {
    outline: 3px solid var(--hd-color-focus, #000);
    outline-offset: 2px;
  }
`;
