import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../platform/bar-chart';
import { LocalizedElement } from '../platform/localized-element';
import { sharedStyles } from '../platform/styles';
import { codeKey, money, t } from './i18n';
import type { BudgetProject, DistrictResult, Exact, Outcome, Results } from './types';

const exact = (x: Exact | null | undefined): string => (x == null ? '—' : typeof x === 'string' ? x : x.decimal);

/**
 * Results per district: a chart of votes per project (funded ones tinted, the label says so), and
 * a table saying per project why it was or was not funded; for equal shares, the round it was
 * chosen in, its effective votes and what its supporters paid.
 */
@customElement('budget-results-view')
export class BudgetResultsView extends LocalizedElement {
  static override styles = sharedStyles;
  @property({ attribute: false }) results!: Results;
  @property({ attribute: false }) projects: BudgetProject[] = [];
  @property() roundId = '';

  private projectTitle(id: string): string {
    return this.projects.find((p) => p.id === id)?.title ?? id;
  }

  private why(o: Outcome): string {
    return t(codeKey('out_', o.code), {
      position: o.position ?? '',
      remaining: o.remainingBefore !== undefined ? money(o.remainingBefore) : '',
      round: o.round ?? '',
      effective: exact(o.effectiveVotes),
      threshold: o.threshold ?? '',
      money: o.supportersMoney !== undefined ? money(exact(o.supportersMoney)) : '',
    });
  }

  private payments(d: DistrictResult, projectId: string): string {
    const round = d.explanation.equalShares?.rounds.find((r) => r.selected?.projectId === projectId);
    return (round?.selected?.payments ?? []).map((p) => t('paidBy', { voters: p.voters, amount: money(exact(p.amount)) })).join('；');
  }

  private district(d: DistrictResult) {
    const reports = [...d.explanation.projects].sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9) || b.votes - a.votes);
    return html`<section class="card" data-district=${d.code}>
      <h3>${t('districtResult', { name: d.name, ballots: d.ballots, total: money(d.totalCost), budget: money(d.budget) })}</h3>
      <bar-chart
        .label=${t('votesChart', { name: d.name })}
        .data=${reports.map((p) => ({ label: `${this.projectTitle(p.projectId)}（${p.selected ? t('funded') : t('notFunded')}）`, value: p.votes, tone: p.selected ? ('ok' as const) : ('neutral' as const) }))}
      ></bar-chart>
      <table class="stack">
        <caption class="muted">${t('results')}: ${d.name}</caption>
        <thead><tr><th scope="col">${t('projects')}</th><th scope="col">${t('cost')}</th><th scope="col">${t('votes')}</th><th scope="col">${t('funded')}</th><th scope="col">${t('why')}</th></tr></thead>
        <tbody>
          ${reports.map(
            (p) => html`<tr data-project=${p.projectId} data-selected=${String(p.selected)}>
              <td data-label=${t('projects')}>${this.projectTitle(p.projectId)}</td>
              <td data-label=${t('cost')}>${money(p.cost)}</td>
              <td data-label=${t('votes')}>${p.votes}</td>
              <td data-label=${t('funded')}>${p.selected ? t('funded') : t('notFunded')}</td>
              <td data-label=${t('why')}>${this.why(p.outcome)}${p.outcome.code === 'funded-equal-shares' ? html`<br /><span class="muted">${this.payments(d, p.projectId)}</span>` : ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p><a href="/api/v1/budget-rounds/${this.roundId}/districts/${d.code}/export.pb" download>${t('exportPb', { name: d.name })}</a></p>
    </section>`;
  }

  override render() {
    // The rule used is stated once, by the round summary above.
    return html`${this.results.districts.map((d) => this.district(d))}`;
  }
}
