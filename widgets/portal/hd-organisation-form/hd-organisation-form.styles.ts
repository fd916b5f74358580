import { css } from "lit";

export const styles = css`
  hd-organisation-form {
    display: block;
  }
  hd-organisation-form .hd-organisation-form__fieldset {
    border: 0;
    margin: 0 0 1rem;
    padding: 0;
  }
  hd-organisation-form .hd-organisation-form__legend {
    font-size: 1.125rem;
    font-weight: 600;
    margin-block-end: 0.5rem;
    padding: 0;
  }
  hd-organisation-form .hd-organisation-form__row {
    display: grid;
    gap: 0 1rem;
    grid-template-columns: minmax(0, 2fr) minmax(0, 1fr);
    max-inline-size: 32rem;
  }
  hd-organisation-form .hd-input-narrow {
    max-inline-size: 10rem;
  }
  @media (max-width: 36rem) {
    hd-organisation-form .hd-organisation-form__row {
      grid-template-columns: 1fr;
    }
  }
`;
