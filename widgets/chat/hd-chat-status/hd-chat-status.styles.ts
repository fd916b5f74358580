import { css } from "lit";

export const styles = css`
  :host {
    display: block;
  }
  p,
  dl {
    margin-block: 0 0.5rem;
  }
  .state {
    font-weight: 600;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  a {
    color: var(--utrecht-link-color, var(--hd-color-primary, #154273));
  }
  a:hover {
    text-decoration-thickness: 2px;
  }
`;
