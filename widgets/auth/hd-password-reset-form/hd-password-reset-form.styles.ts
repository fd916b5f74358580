import { css } from "lit";

export const styles = css`
  hd-password-reset-form {
    display: block;
  }
  hd-password-reset-form .hd-reset__rules {
    margin-block-end: var(--utrecht-space-block-md, 1rem);
  }
`;
