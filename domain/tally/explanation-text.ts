/**
 * Plain-text (English) rendering of a {@link TallyExplanation}, for the CLI and logs. The UI
 * renders the structured explanation itself, in its own language.
 */
import type { GreedyExplanation, MesExplanation, ProjectOutcome, TallyExplanation } from './explanation';
import { Rational } from './rational';
import { RULE_DESCRIPTIONS } from './rules';

export function formatExplanation(x: TallyExplanation): string {
  const money = (amount: bigint | Rational): string =>
    (typeof amount === 'bigint' ? Rational.of(amount) : amount).div(x.currencyUnit).toDecimal(2);
  const lines: string[] = [];
  const funded = x.projects.filter((p) => p.selected);
  const spent = funded.reduce((s, p) => s + p.cost, 0n);
  lines.push(`Rule: ${x.rule} (${RULE_DESCRIPTIONS[x.rule]})`);
  lines.push(`Budget: ${money(x.budget)}; funded ${funded.length} of ${x.projects.length} projects for ${money(spent)}; left ${money(x.budget - spent)}`);
  if (x.comparison) {
    const c = x.comparison;
    lines.push(
      `Comparison: ${c.prefersEqualShares} voters prefer the equal-shares outcome, ${c.prefersGreedy} the greedy one: ${c.chosen === 'greedy' ? 'greedy' : 'equal shares'} is used.`,
    );
  }
  lines.push('', 'Projects (funded first, in selection order):');
  const ordered = [...funded].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const rest = x.projects.filter((p) => !p.selected);
  for (const p of [...ordered, ...rest]) {
    const head = p.selected ? `${String(p.order).padStart(3)}.` : '   -';
    lines.push(`${head} ${p.projectId}: cost ${money(p.cost)}, votes ${p.votes}, score ${p.score} — ${outcomeText(p.outcome, money)}`);
  }
  if (x.greedy) lines.push('', ...greedyText(x.greedy, money, 'Greedy pass'));
  if (x.equalShares) lines.push('', ...mesText(x.equalShares, money));
  if (x.completion) lines.push('', ...greedyText(x.completion, money, 'Greedy completion of the money left'));
  return lines.join('\n') + '\n';
}

type Money = (amount: bigint | Rational) => string;

function outcomeText(o: ProjectOutcome, money: Money): string {
  switch (o.code) {
    case 'funded-greedy':
      return `funded (considered ${ordinal(o.position)}, ${money(o.remainingBefore)} left before it)`;
    case 'funded-completion':
      return `funded by the greedy completion (${money(o.remainingBefore)} left before it)`;
    case 'funded-equal-shares':
      return `funded in round ${o.round}${o.effectiveVotes ? ` with ${o.effectiveVotes.toDecimal(3)} effective votes` : ' (free)'}`;
    case 'does-not-fit':
      return `not funded: does not fit the ${money(o.remainingBefore)} left`;
    case 'stopped-here':
      return `not funded: does not fit the ${money(o.remainingBefore)} left, and greedy-no-skip stops here`;
    case 'not-considered':
      return 'not funded: greedy-no-skip stopped before it';
    case 'below-threshold':
      return `not funded: score below the threshold ${o.threshold}`;
    case 'no-votes':
      return 'not funded: no votes';
    case 'unaffordable':
      return `not funded: from round ${o.round} its supporters had only ${money(o.supportersMoney)} left`;
  }
}

function greedyText(g: GreedyExplanation, money: Money, title: string): string[] {
  const lines = [`${title} (by score, then lower cost, then id), budget ${money(g.budget)}${g.minScore !== undefined ? `, threshold ${g.minScore}` : ''}:`];
  for (const s of g.steps) {
    if (s.decision === 'already-selected') continue;
    lines.push(`  ${String(s.position).padStart(3)}. ${s.projectId}: score ${s.score}, cost ${money(s.cost)}, left ${money(s.remainingBefore)} → ${s.decision}`);
  }
  return lines;
}

function mesText(m: MesExplanation, money: Money): string[] {
  const lines = [`Equal shares: ${m.voters} voters, each endowed with ${money(m.endowment)}.`];
  if (m.add1 && m.add1.length > 0) {
    const first = m.add1[0];
    const last = m.add1[m.add1.length - 1];
    const skipped = m.add1.reduce((s, st) => s + st.skippedAfter, 0n);
    if (first && last) {
      lines.push(
        `add1 completion: endowment raised from ${money(first.endowment)}; ${m.add1.length} runs` +
          (skipped > 0n ? ` (${skipped} further steps proven to repeat an outcome were skipped)` : '') +
          `; stopped because ${last.exhaustive ? 'the outcome is exhaustive' : `endowment ${money(last.endowment)} would cost ${money(last.totalCost)}+, over the budget`}.`,
      );
    }
  }
  for (const s of m.selections.filter((x) => x.effectiveVotes === null)) lines.push(`  Free project ${s.projectId} funded up front.`);
  for (const r of m.rounds) {
    if (r.selected) {
      const s = r.selected;
      lines.push(
        `  Round ${r.round}: fund ${s.projectId} (${s.effectiveVotes?.toDecimal(3) ?? '-'} effective votes, at most ${money(s.pricePerPoint)} per vote/point)`,
      );
      for (const p of s.payments) lines.push(`      ${p.voters} voter(s) paid ${money(p.amount)} each`);
    } else {
      lines.push(`  Round ${r.round}: nothing left is affordable; stop.`);
    }
    const others = r.candidates.filter((c) => c.projectId !== r.selected?.projectId);
    if (others.length > 0) {
      const parts = others.map((c) =>
        c.status === 'affordable' ? `${c.projectId} ${c.effectiveVotes.toDecimal(3)}` : `${c.projectId} unaffordable (${money(c.supportersMoney)})`,
      );
      lines.push(`      others: ${parts.join('; ')}`);
    }
  }
  return lines;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}
