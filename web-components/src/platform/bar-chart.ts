import { css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber, locale } from './i18n';
import { sharedStyles } from './styles';
import { LocalizedElement } from './localized-element';

/** One bar; `tone` only tints it, the label carries the meaning. */
export interface BarDatum {
  label: string;
  value: number;
  tone?: 'info' | 'ok' | 'warn' | 'danger' | 'neutral';
}

const ROW = 40;

/**
 * A horizontal bar chart in SVG: each row has its label and value as text above the bar, so it
 * stays readable on a phone (text is laid out in pixels, bars in percent of the width).
 * The SVG is an image named by a summary of all values; a visually hidden list repeats them.
 * @property data - the bars, in order
 * @property label - the chart's accessible name, e.g. '各時效狀態的未結案件數'
 * @property max - the value of a full bar (default: the largest value), e.g. 100 for percentages
 */
@customElement('bar-chart')
export class BarChart extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      svg {
        display: block;
        overflow: visible;
        font-size: 14px;
      }
      .label {
        fill: var(--civic-fg, #1b1b1b);
      }
      .value {
        fill: var(--civic-fg, #1b1b1b);
        font-weight: 700;
      }
      .track {
        fill: #e6e8eb;
      }
      .bar.info { fill: #0b4f8a; }
      .bar.ok { fill: #1d6b34; }
      .bar.warn { fill: #7a4b00; }
      .bar.danger { fill: #a1120f; }
      .bar.neutral { fill: #4a4a4a; }
    `,
  ];

  @property({ attribute: false }) data: BarDatum[] = [];
  @property() label = '';
  @property({ type: Number }) max = 0;

  private summary(): string {
    const en = locale() === 'en';
    const values = this.data.map((d) => `${d.label} ${formatNumber(d.value)}`).join(en ? ', ' : '、');
    return `${this.label}${en ? ': ' : '：'}${values}`;
  }

  override render() {
    const max = Math.max(1, this.max, ...this.data.map((d) => d.value));
    return html`<svg role="img" aria-label=${this.summary()} width="100%" height=${Math.max(ROW, this.data.length * ROW)}>
        ${this.data.map(
          (d, i) => svg`<g transform="translate(0 ${i * ROW})">
            <text class="label" x="0" y="15">${d.label}</text>
            <text class="value" x="100%" y="15" text-anchor="end">${formatNumber(d.value)}</text>
            <rect class="track" x="0" y="21" width="100%" height="12" rx="2"></rect>
            <rect class="bar ${d.tone ?? 'info'}" x="0" y="21" width="${(Math.max(0, d.value) / max) * 100}%" height="12" rx="2"></rect>
          </g>`,
        )}
      </svg>
      <ul class="visually-hidden">
        ${this.data.map((d) => html`<li>${d.label}: ${formatNumber(d.value)}</li>`)}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bar-chart': BarChart;
  }
}
