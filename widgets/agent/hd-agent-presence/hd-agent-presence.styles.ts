import { css } from "lit";

export const styles = css`
  hd-agent-presence fieldset {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 1rem;
    margin: 0;
    padding: 0;
    border: none;
    color: inherit;
  }
  hd-agent-presence legend {
    float: left;
    margin-inline-end: 0.5rem;
    font-weight: 600;
  }
  hd-agent-presence label {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    cursor: pointer;
  }
  hd-agent-presence input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
  }
  hd-agent-presence .hd-agent-presence__load {
    font-size: 0.9375rem;
  }
  hd-agent-presence .hd-agent-presence__error {
    flex-basis: 100%;
    margin: 0;
    font-weight: 600;
  }
`;
