import { css } from "lit";

export const styles = css`
  hd-tab-details {
    display: block;
  }
  hd-tab-details .hd-tab-details__grid {
    align-items: start;
    display: grid;
    gap: 0 var(--hd-space-lg, 1.5rem);
    grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
  }
  @media (max-width: 60rem) {
    hd-tab-details .hd-tab-details__grid {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
