import { css } from "lit";

export const styles = css`
  hd-auth-state {
    display: block;
  }
`;
