import { css } from "lit";

export const styles = css`
  hd-eherkenning-login {
    display: block;
  }
  hd-eherkenning-login .hd-eherkenning-login__card {
    border: 1px solid var(--hd-color-border-subtle, #d1d5db);
    border-radius: var(--hd-radius, 4px);
    margin-block-end: var(--hd-space-lg, 1.5rem);
    padding: var(--hd-space-lg, 1.5rem);
  }
  hd-eherkenning-login .hd-eherkenning-login__card > .utrecht-heading-2 {
    margin-block-start: 0;
  }
  hd-eherkenning-login .hd-eherkenning-login__button {
    align-items: center;
    display: inline-flex;
    gap: 0.75rem;
    text-decoration: none;
  }
  hd-eherkenning-login .hd-eherkenning-login__badge {
    background: #ffffff;
    border-radius: 3px;
    color: var(--hd-color-primary, #154273);
    font-size: 0.875rem;
    font-weight: 700;
    padding: 0.125rem 0.375rem;
  }
`;
