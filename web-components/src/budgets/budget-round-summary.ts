import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../platform/bar-chart';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { type MessageKey, money, t } from './i18n';
import type { RoundResultsSummary } from './types';

/**
 * The whole round at a glance: the rule used, a chart of how much of each district's budget was
 * funded, and the same figures as a table (budget, funded, projects funded and not, ballots,
 * voters) with totals across districts. The table is the chart's text alternative.
 */
@customElement('budget-round-summary')
export class BudgetRoundSummary extends LocalizedElement {
  static override styles = [
    sharedStyles,
    css`
      @media (max-width: 600px) {
        table.stack th[scope='row'] { display: block; padding: 0.15rem 0.5rem; }
      }
    `,
  ];
  @property({ attribute: false }) summary!: RoundResultsSummary;
  @property() rule = '';

  override render() {
    const s = this.summary;
    const share = (spent: number, budget: number) => (budget > 0 ? spent / budget : 0);
    return html`<section class="card" aria-labelledby="summary-heading" data-testid="round-summary">
      <h3 id="summary-heading">${t('summaryTitle')}</h3>
      <p>${t('ruleUsed', { rule: t(`rule_${this.rule}` as MessageKey) })}</p>
      <bar-chart
        .label=${t('summaryChart')}
        .max=${100}
        .data=${s.districts.map((d) => ({
          // The money figures are in the table below; the bars compare shares.
          label: t('summaryChartRow', { name: d.name }),
          value: Math.round(share(d.spent, d.budget) * 1000) / 10,
          tone: 'ok' as const,
        }))}
      ></bar-chart>
      <table class="stack">
        <caption class="muted">${t('summaryTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('col_district')}</th><th scope="col">${t('col_budget')}</th><th scope="col">${t('col_spent')}</th>
            <th scope="col">${t('col_funded')}</th><th scope="col">${t('col_notFunded')}</th><th scope="col">${t('col_ballots')}</th><th scope="col">${t('col_voters')}</th>
          </tr>
        </thead>
        <tbody>
          ${[...s.districts.map((d) => ({ ...d, total: false })), { ...s.totals, code: '', name: t('totalRow'), total: true }].map(
            (d) => html`<tr data-summary=${d.total ? 'total' : d.code}>
              <th scope="row" data-label=${t('col_district')}>${d.name}</th>
              <td data-label=${t('col_budget')}>${money(d.budget)}</td>
              <td data-label=${t('col_spent')}>${money(d.spent)}</td>
              <td data-label=${t('col_funded')}>${d.funded}</td>
              <td data-label=${t('col_notFunded')}>${d.notFunded}</td>
              <td data-label=${t('col_ballots')}>${d.ballots}</td>
              <td data-label=${t('col_voters')}>${d.voters}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'budget-round-summary': BudgetRoundSummary;
  }
}
