import { css, html, nothing, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { locale, t } from './i18n';
import { LocalizedElement } from './localized-element';

/** One point of the line; `y` is a percentage 0..100, null where there is no data (a gap). */
export interface LinePoint {
  x: string;
  y: number | null;
}

const HEIGHT = 220;
const PAD = { left: 46, right: 22, top: 12, bottom: 30 };
const TICKS = [0, 25, 50, 75, 100];
const LABEL_PX = 52;

/**
 * A line chart of percentages (y axis 0–100 %) in SVG, drawn at the element's own pixel width
 * (measured with a ResizeObserver) so that its text never shrinks on a phone. Points without data leave gaps in the line; an
 * isolated point still shows as a dot. The SVG is an image named by every point's value;
 * pages should also offer the data as a table.
 * @property points - the points, left to right
 * @property label - the chart's accessible name, e.g. '每週如期答復率（%）'
 */
@customElement('line-chart')
export class LineChart extends LocalizedElement {
  static override styles = css`
    :host {
      display: block;
    }
    svg {
      display: block;
      width: 100%;
      height: auto;
      font-size: 12px;
    }
    .grid {
      stroke: #d0d3d8;
      stroke-width: 1;
    }
    .axis {
      stroke: #4a4a4a;
      stroke-width: 1;
    }
    .tick {
      fill: #4a4a4a;
    }
    .line {
      fill: none;
      stroke: #0b4f8a;
      stroke-width: 2.5;
      stroke-linejoin: round;
    }
    .dot {
      fill: #0b4f8a;
    }
    .empty {
      fill: #4a4a4a;
      font-size: 14px;
    }
  `;

  @property({ attribute: false }) points: LinePoint[] = [];
  @property() label = '';
  @state() private width = 600;
  private observer?: ResizeObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0 && w !== this.width) this.width = w;
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    this.observer?.disconnect();
    super.disconnectedCallback();
  }

  private summary(): string {
    const en = locale() === 'en';
    const values = this.points.map((p) => `${p.x} ${p.y === null ? t('noData') : `${p.y.toFixed(1)}%`}`).join(en ? ', ' : '、');
    return `${this.label}${en ? ': ' : '：'}${this.points.length ? values : t('chartNoData')}`;
  }

  override render() {
    const w = Math.max(this.width, PAD.left + PAD.right + 40);
    const plotW = w - PAD.left - PAD.right;
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const n = this.points.length;
    const xAt = (i: number) => PAD.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
    const yAt = (v: number) => PAD.top + plotH * (1 - Math.min(100, Math.max(0, v)) / 100);
    // Runs of consecutive points with data: one polyline each, so null leaves a gap.
    const runs: { x: number; y: number }[][] = [];
    let run: { x: number; y: number }[] = [];
    this.points.forEach((p, i) => {
      if (p.y === null) {
        if (run.length) runs.push(run);
        run = [];
      } else run.push({ x: xAt(i), y: yAt(p.y) });
    });
    if (run.length) runs.push(run);
    const step = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / LABEL_PX))));
    return html`<svg role="img" aria-label=${this.summary()} viewBox="0 0 ${w} ${HEIGHT}">
      ${TICKS.map(
        (v) => svg`<line class="grid" x1=${PAD.left} x2=${w - PAD.right} y1=${yAt(v)} y2=${yAt(v)}></line>
          <text class="tick" x=${PAD.left - 6} y=${yAt(v) + 4} text-anchor="end">${v}%</text>`,
      )}
      <line class="axis" x1=${PAD.left} x2=${w - PAD.right} y1=${yAt(0)} y2=${yAt(0)}></line>
      ${this.points.map((p, i) =>
        i % step === 0 ? svg`<text class="tick" x=${xAt(i)} y=${HEIGHT - 10} text-anchor="middle">${p.x}</text>` : nothing,
      )}
      ${runs.map((r) => svg`<polyline class="line" points=${r.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}></polyline>`)}
      ${runs.flat().map((p) => svg`<circle class="dot" cx=${p.x.toFixed(1)} cy=${p.y.toFixed(1)} r="3.5"></circle>`)}
      ${runs.length === 0
        ? svg`<text class="empty" x=${PAD.left + plotW / 2} y=${PAD.top + plotH / 2} text-anchor="middle">${t('chartNoData')}</text>`
        : nothing}
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'line-chart': LineChart;
  }
}
