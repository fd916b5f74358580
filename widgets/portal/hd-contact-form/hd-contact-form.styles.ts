import { css } from "lit";

export const styles = css`
  /* A value only a gemachtigde may change: visibly not an input field to type in. */
  hd-contact-form .utrecht-textbox[readonly] {
    background: transparent;
    border-style: dashed;
    color: #3d3d3d;
  }
  hd-contact-form {
    background: var(--hd-color-surface, #f4f5f7);
    border-radius: var(--hd-radius, 4px);
    display: block;
    padding: 1rem 1.25rem;
  }
  hd-contact-form .hd-contact-form__title {
    margin-block-start: 0;
  }
  hd-contact-form .hd-contact-form__roles {
    border: 0;
    margin: 0 0 1.25rem;
    padding: 0;
  }
  hd-contact-form .hd-contact-form__roles legend {
    font-weight: 600;
    margin-block-end: 0.25rem;
    padding: 0;
  }
  hd-contact-form .hd-contact-form__check {
    align-items: center;
    display: flex;
    gap: 0.5rem;
    min-block-size: 44px;
  }
  hd-contact-form .hd-contact-form__check input {
    block-size: 1.25rem;
    inline-size: 1.25rem;
    margin: 0;
  }
  /* Utrecht removes the native arrow and expects a theme image: a dark chevron, so it reads as a dropdown. */
  hd-contact-form select.utrecht-select {
    --utrecht-select-background-image: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Cpath d='M6 9l6 6 6-6' fill='none' stroke='%231a1a1a' stroke-width='2.5'/%3E%3C/svg%3E");
    background-position: right 0.5rem center;
    max-inline-size: 20rem;
    padding-inline-end: 2.5rem;
  }
`;
