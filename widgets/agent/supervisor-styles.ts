import { css } from "lit";

/** Shared layout of the supervisor panels (tables, inline forms). */
export const supervisorStyles = css`
  :is(hd-agent-canned, hd-agent-hours, hd-agent-overview, hd-agent-news) {
    display: block;
  }
  :is(hd-agent-canned, hd-agent-hours, hd-agent-overview, hd-agent-news) table {
    border-collapse: collapse;
    inline-size: 100%;
    margin-block-end: 1rem;
  }
  :is(hd-agent-canned, hd-agent-hours, hd-agent-overview, hd-agent-news) :is(th, td) {
    padding: 0.375rem 0.5rem;
    border-block-end: 1px solid var(--hd-color-border-subtle, #d1d5db);
    text-align: start;
    vertical-align: top;
  }
  :is(hd-agent-canned, hd-agent-hours, hd-agent-overview, hd-agent-news) form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: flex-end;
    margin-block-end: 1rem;
  }
  :is(hd-agent-canned, hd-agent-hours, hd-agent-overview, hd-agent-news) .hd-field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  :is(hd-agent-canned, hd-agent-hours, hd-agent-overview, hd-agent-news) .hd-field--wide {
    flex-basis: 100%;
  }
  :is(hd-agent-canned, hd-agent-hours, hd-agent-overview, hd-agent-news) textarea {
    inline-size: 100%;
    box-sizing: border-box;
  }
  :is(hd-agent-canned, hd-agent-hours, hd-agent-overview, hd-agent-news) input[type="number"] {
    inline-size: 5rem;
  }
  :is(hd-agent-canned, hd-agent-hours, hd-agent-overview, hd-agent-news) .hd-ok {
    color: var(--hd-color-ok, #0b5d2a);
    font-weight: 600;
  }
`;
