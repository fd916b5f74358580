import { css } from "lit";

export const styles = css`
  hd-agent-news form.hd-news__form {
    display: grid;
    grid-template-columns: minmax(16rem, 40rem);
    gap: 0.75rem;
    align-items: start;
  }
  hd-agent-news .hd-news__audience {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
    border: 0;
    padding: 0;
    margin: 0;
  }
  hd-agent-news .hd-news__hint {
    margin: 0.25rem 0 0;
    color: var(--hd-color-text-subtle, #4b5563);
  }
  hd-agent-news .hd-news__error {
    margin: 0;
    color: var(--utrecht-form-field-error-message-color, #a4000f);
    font-weight: 600;
  }
  hd-agent-news .hd-news__buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  hd-agent-news .hd-news__preview {
    max-inline-size: 40rem;
    border: 2px dashed var(--hd-color-border-subtle, #9ca3af);
    border-radius: 4px;
    padding: 0.5rem 1rem;
    margin-block: 1rem;
  }
  hd-agent-news .hd-news__preview-note {
    margin: 0;
    font-style: italic;
  }
  hd-agent-news .hd-news__confirm {
    margin: 0 0 0.5rem;
    font-weight: 600;
  }
`;
