import { css } from 'lit';

/** Styles shared by every page and component (each has its own shadow root). */
export const sharedStyles = css`
  :host {
    display: block;
    color: var(--civic-fg);
  }
  *:focus-visible {
    outline: 3px solid var(--civic-focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px var(--civic-focus-halo);
  }
  h1 {
    font-size: 1.6rem;
    line-height: 1.3;
    margin: 0 0 1rem;
  }
  h2 {
    font-size: 1.2rem;
    margin: 1.5rem 0 0.5rem;
  }
  a {
    color: var(--civic-primary);
  }
  .card {
    background: var(--civic-surface);
    border: 1px solid var(--civic-border);
    border-radius: 8px;
    padding: 1rem;
    margin: 0 0 1rem;
  }
  label {
    display: block;
    font-weight: 600;
    margin: 1rem 0 0.25rem;
  }
  .hint {
    color: var(--civic-muted);
    font-size: 0.9rem;
    margin: 0 0 0.25rem;
  }
  input,
  select,
  textarea {
    box-sizing: border-box;
    width: 100%;
    font: inherit;
    padding: 0.55rem 0.6rem;
    border: 1px solid var(--civic-border);
    border-radius: 6px;
    background: #fff;
    color: var(--civic-fg);
  }
  textarea {
    min-height: 8rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border: 2px solid var(--civic-danger);
  }
  .field-error {
    color: var(--civic-danger);
    font-weight: 600;
    margin: 0.25rem 0 0;
  }
  button {
    font: inherit;
    font-weight: 600;
    padding: 0.6rem 1.1rem;
    border-radius: 6px;
    border: 2px solid var(--civic-primary);
    background: var(--civic-primary);
    color: var(--civic-primary-fg);
    cursor: pointer;
    min-height: 44px;
  }
  button.secondary {
    background: #fff;
    color: var(--civic-primary);
  }
  button[disabled] {
    opacity: 0.65;
    cursor: progress;
  }
  .actions {
    margin-top: 1rem;
    display: flex;
    gap: 0.75rem;
    flex-wrap: wrap;
  }
  .alert {
    border-left: 6px solid var(--civic-danger);
    background: #fdecea;
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
  }
  .notice {
    border-left: 6px solid var(--civic-primary);
    background: #e8f1fa;
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
  }
  .muted {
    color: var(--civic-muted);
  }
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--civic-surface);
  }
  th,
  td {
    text-align: left;
    padding: 0.5rem;
    border-bottom: 1px solid #d0d3d8;
    vertical-align: top;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  progress {
    width: 100%;
    height: 0.6rem;
  }
  ul.plain {
    list-style: none;
    padding: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  /* Tables of records become one card per row on a phone; each cell says what it is. */
  @media (max-width: 600px) {
    table.stack thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
    }
    table.stack tr {
      display: block;
      border-bottom: 1px solid #d0d3d8;
      padding: 0.5rem 0;
    }
    table.stack td {
      display: block;
      border: none;
      padding: 0.15rem 0.5rem;
    }
    table.stack td[data-label]::before {
      content: attr(data-label) ': ';
      font-weight: 600;
    }
    dl {
      grid-template-columns: 1fr;
    }
    dd {
      margin-bottom: 0.5rem;
    }
  }
`;

/** A state as words in a tinted pill (`<span class="ok|warn|neutral|danger">`); the colour only helps. */
export const badgeStyles = css`
  span {
    display: inline-block;
    padding: 0.1rem 0.6rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-weight: 600;
    font-size: 0.9rem;
    color: #0b4f8a;
    background: #eef4fb;
    white-space: nowrap;
  }
  .ok { color: #1d6b34; background: #eaf6ee; }
  .warn { color: #7a4b00; background: #fff4e0; }
  .neutral { color: #3d3d3d; background: #f0f0f0; }
  .danger { color: #8a1111; background: #fdecec; }
`;
