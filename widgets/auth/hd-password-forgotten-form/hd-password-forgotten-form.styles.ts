import { css } from "lit";

export const styles = css`
  hd-password-forgotten-form {
    display: block;
  }
`;
