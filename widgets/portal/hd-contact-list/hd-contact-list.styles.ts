import { css } from "lit";

export const styles = css`
  hd-contact-list {
    display: block;
  }
  hd-contact-list .hd-contact-list__item {
    display: grid;
    gap: 0.5rem 1rem;
    grid-template-columns: 1fr auto;
  }
  hd-contact-list .hd-contact-list__name {
    margin: 0;
  }
  hd-contact-list .hd-contact-list__details {
    font-size: 1rem;
    margin: 0.25rem 0 0;
  }
  hd-contact-list .hd-contact-list__details p {
    margin: 0;
  }
  hd-contact-list .hd-contact-list__roles {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    list-style: none;
    margin: 0.5rem 0 0;
    padding: 0;
  }
  hd-contact-list .hd-role {
    background: var(--hd-color-primary-subtle, #e6ecf3);
    border: 1px solid var(--hd-color-primary, #154273);
    border-radius: 999px;
    color: var(--hd-color-text, #1a1a1a);
    font-size: 0.9375rem;
    padding: 0.125rem 0.625rem;
  }
  hd-contact-list .hd-role--authorised {
    background: var(--hd-color-primary, #154273);
    color: #ffffff;
    font-weight: 600;
  }
  hd-contact-list .hd-role--none {
    background: transparent;
    border-style: dashed;
    color: var(--hd-color-text-muted, #4b5563);
  }
  hd-contact-list .hd-contact-list__actions {
    align-items: flex-start;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  hd-contact-list .hd-contact-list__add {
    margin-block: 1rem 0;
  }
  hd-contact-list .hd-contact-list__edit {
    grid-column: 1 / -1;
  }
  hd-contact-list .hd-confirm {
    border: 0;
    border-block-start: 6px solid var(--hd-color-error, #a4001c);
    border-radius: var(--hd-radius, 4px);
    box-shadow: 0 12px 32px rgb(0 0 0 / 0.25);
    color: var(--hd-color-text, #1a1a1a);
    max-inline-size: min(32rem, calc(100vw - 2rem));
    padding: 1.5rem;
  }
  hd-contact-list .hd-confirm::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  hd-contact-list .hd-confirm .utrecht-heading-2 {
    margin-block-start: 0;
  }
  hd-contact-list .utrecht-button--danger {
    background: var(--hd-color-error, #a4001c);
    border-color: var(--hd-color-error, #a4001c);
    color: #ffffff;
  }
  @media (max-width: 36rem) {
    hd-contact-list .hd-contact-list__item {
      grid-template-columns: 1fr;
    }
  }
`;
