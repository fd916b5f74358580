import { css } from "lit";

export const styles = css`
  hd-portal-app {
    display: block;
  }
  /* The portal uses the full page width (tiles side by side), not the narrow reading column of the login pages. */
  hd-portal-app hd-page-layout .hd-page-layout__main-content > .hd-portal {
    max-inline-size: none;
  }
  /* Anchor for the profile menu's panel on narrow screens (see hd-profile-menu.styles.ts). */
  hd-portal-app .hd-page-layout__header {
    position: relative;
  }
  hd-portal-app .hd-portal__org {
    margin-block-end: var(--hd-space-lg, 1.5rem);
  }
  hd-portal-app .hd-portal__org .utrecht-heading-1 {
    margin-block-end: 0.25rem;
  }
  hd-portal-app .hd-portal__code {
    color: var(--hd-color-text-muted, #4b5563);
    font-size: 1.125rem;
    margin: 0;
  }
  hd-portal-app .hd-portal__acting {
    margin-block-start: var(--hd-space-md, 1rem);
    max-inline-size: 46rem;
  }
  hd-portal-app .hd-portal__acting .utrecht-paragraph {
    margin-block-end: 0.5rem;
  }
  hd-portal-app .hd-portal__loading {
    padding-block: var(--hd-space-xl, 2.5rem);
  }
  hd-portal-app .hd-portal__empty {
    max-inline-size: 46rem;
  }
  hd-portal-app .hd-portal__empty .utrecht-heading-2 {
    margin-block-start: 0;
  }
`;
