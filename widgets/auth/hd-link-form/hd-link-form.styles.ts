import { css } from "lit";

export const styles = css`
  hd-link-form {
    display: block;
  }
  hd-link-form .hd-link-form__switch {
    margin-block: 0 1.25rem;
  }
  hd-link-form .hd-link-form__forgotten {
    margin-block: 0.375rem 0;
  }
  hd-link-form .hd-link-form__confirm {
    margin-block-end: 1.25rem;
  }
  hd-link-form .hd-link-form__checkbox {
    align-items: center;
    display: flex;
    gap: 0.5rem;
    margin-block-start: 0.5rem;
  }
  hd-link-form .hd-link-form__checkbox input {
    block-size: 1.5rem;
    inline-size: 1.5rem;
    margin: 0;
  }
  hd-link-form .hd-link-form__code {
    font-family: ui-monospace, "Fira Mono", monospace;
    letter-spacing: 0.08em;
    text-transform: uppercase;
  }
`;
