import { css } from "lit";

/**
 * The weekly schedule as a two-column grid (label | input with its error), so the days line up at every width
 * instead of wrapping into a ragged row; one column on narrow screens.
 */
export const styles = css`
  hd-agent-hours form.hd-hours {
    display: grid;
    grid-template-columns: max-content minmax(12rem, 24rem);
    justify-content: start;
    gap: 0.5rem 1rem;
    align-items: end;
  }
  hd-agent-hours .hd-hours__hint,
  hd-agent-hours .hd-hours__summary,
  hd-agent-hours .hd-hours__actions {
    grid-column: 1 / -1;
    margin: 0;
    /* Long lines wrap inside the grid instead of widening the label column. */
    contain: inline-size;
  }
  hd-agent-hours form.hd-hours > label {
    padding-block-end: 0.5rem;
  }
  hd-agent-hours .hd-hours__input input {
    inline-size: 100%;
    box-sizing: border-box;
  }
  hd-agent-hours .hd-hours__error {
    margin: 0 0 0.25rem;
    color: var(--utrecht-form-field-error-message-color, #a4000f);
    font-weight: 600;
  }
  @media (max-width: 30rem) {
    hd-agent-hours form.hd-hours {
      grid-template-columns: 1fr;
    }
  }
`;
