import { css } from "lit";

export const styles = css`
  hd-profile-menu {
    display: inline-block;
    position: relative;
  }
  hd-profile-menu .hd-profile-menu__button {
    align-items: center;
    background: transparent;
    border: 2px solid #ffffff;
    border-radius: var(--hd-radius, 4px);
    color: #ffffff;
    cursor: pointer;
    display: inline-flex;
    font: inherit;
    font-weight: 600;
    gap: 0.5rem;
    min-block-size: 44px;
    padding: 0.25rem 0.75rem;
  }
  hd-profile-menu .hd-profile-menu__button:hover {
    background: var(--hd-color-primary-hover, #0d2b4d);
  }
  hd-profile-menu .hd-profile-menu__icon {
    align-items: center;
    background: #ffffff;
    border-radius: 50%;
    color: var(--hd-color-primary, #154273);
    display: inline-flex;
    font-size: 0.875rem;
    block-size: 1.75rem;
    inline-size: 1.75rem;
    justify-content: center;
  }
  hd-profile-menu .hd-profile-menu__chevron {
    border-block-end: 2px solid currentColor;
    border-inline-end: 2px solid currentColor;
    block-size: 0.45rem;
    inline-size: 0.45rem;
    margin-inline-start: 0.25rem;
    transform: translateY(-0.15rem) rotate(45deg);
  }
  hd-profile-menu .hd-profile-menu__button[aria-expanded="true"] .hd-profile-menu__chevron {
    transform: translateY(0.15rem) rotate(-135deg);
  }
  hd-profile-menu .hd-profile-menu__panel {
    /* Inside the dark banner the focus ring is white; the panel is white, so it needs the dark ring back. */
    --utrecht-focus-outline-color: var(--hd-color-text, #1a1a1a);
    --hd-color-focus: #000000;
    background: var(--hd-color-background, #ffffff);
    border: 1px solid var(--hd-color-border-subtle, #d1d5db);
    border-radius: var(--hd-radius, 4px);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
    color: var(--hd-color-text, #1a1a1a);
    inline-size: min(24rem, calc(100vw - 2rem));
    inset-block-start: calc(100% + 0.5rem);
    inset-inline-end: 0;
    padding: 1rem;
    position: absolute;
    z-index: 20;
  }
  hd-profile-menu .hd-profile-menu__section + .hd-profile-menu__section {
    border-block-start: 1px solid var(--hd-color-border-subtle, #d1d5db);
    margin-block-start: 0.75rem;
    padding-block-start: 0.75rem;
  }
  hd-profile-menu .hd-profile-menu__title {
    font-size: 0.9375rem;
    font-weight: 600;
    margin: 0 0 0.5rem;
  }
  hd-profile-menu .hd-profile-menu__list {
    display: grid;
    gap: 0.25rem;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  hd-profile-menu .hd-profile-menu__account {
    background: transparent;
    border: 2px solid transparent;
    border-radius: var(--hd-radius, 4px);
    box-sizing: border-box;
    color: var(--hd-color-primary, #154273);
    cursor: pointer;
    display: block;
    font: inherit;
    inline-size: 100%;
    padding: 0.375rem 0.5rem;
    text-align: start;
  }
  hd-profile-menu button.hd-profile-menu__account:hover {
    background: var(--hd-color-primary-subtle, #e6ecf3);
  }
  hd-profile-menu .hd-profile-menu__account--current {
    border-color: var(--hd-color-primary, #154273);
    color: var(--hd-color-text, #1a1a1a);
    cursor: default;
  }
  hd-profile-menu .hd-profile-menu__account-name {
    display: block;
    font-weight: 600;
    text-decoration: underline;
  }
  hd-profile-menu .hd-profile-menu__account--current .hd-profile-menu__account-name {
    text-decoration: none;
  }
  hd-profile-menu .hd-profile-menu__meta {
    color: var(--hd-color-text-muted, #4b5563);
    display: block;
    font-size: 0.9375rem;
  }
  hd-profile-menu .hd-profile-menu__add {
    margin: 0.75rem 0 0;
  }
  hd-profile-menu .hd-profile-menu__signed-in {
    margin: 0;
  }
  hd-profile-menu .hd-profile-menu__acting {
    background: var(--hd-color-info-background, #e6ecf3);
    border-radius: var(--hd-radius, 4px);
    margin: 0 0 0.5rem;
    padding: 0.5rem 0.75rem;
  }
  hd-profile-menu .hd-profile-menu__actions {
    align-items: center;
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    justify-content: space-between;
  }
  hd-profile-menu hd-language-switch .hd-language-switch__button {
    color: var(--hd-color-primary, #154273);
  }
  /*
   * On narrow screens the panel spans the width of the nearest positioned ancestor (the portal makes the page
   * banner one), just below it, instead of hanging off the button.
   */
  @media (max-width: 40rem) {
    hd-profile-menu {
      position: static;
    }
    hd-profile-menu .hd-profile-menu__panel {
      box-sizing: border-box;
      inline-size: auto;
      inset-block-start: calc(100% + 0.25rem);
      inset-inline: 0.75rem;
    }
  }
`;
