import { css } from "lit";

export const styles = css`
  hd-agent-login-form {
    display: block;
  }
  hd-agent-login-form .hd-agent-login__other {
    margin-block-start: 1.5rem;
  }
`;
