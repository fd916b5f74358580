import { css } from "lit";

export const styles = css`
  hd-pin-form {
    display: block;
  }
  hd-pin-form .hd-pin-form__pin {
    font-size: 1.375rem;
    letter-spacing: 0.3em;
    max-inline-size: 10rem;
  }
  hd-pin-form .hd-pin-form__restart {
    margin-block-start: 1.5rem;
  }
`;
