/**
 * A deliberately naive Method of Equal Shares (one budget per voter, plain Rational arithmetic,
 * every project re-evaluated every round), written straight from the definition on
 * equalshares.net. The tests compare the optimised engine against it on random elections.
 */
import { Rational } from '../../../domain/tally/rational';

export interface RefBallot {
  readonly projects: readonly number[];
  readonly utilities: readonly number[];
}

export interface RefSelection {
  readonly project: number;
  readonly price: Rational;
}

/** `rank[p]`: tie-break rank (lower wins). Projects costing 0 with support are funded first. */
export function referenceMes(costs: readonly bigint[], ballots: readonly RefBallot[], endowment: Rational, rank: readonly number[]): RefSelection[] {
  const budget = ballots.map(() => endowment);
  const supporters = costs.map((_, c) => {
    const list: { voter: number; u: number }[] = [];
    ballots.forEach((b, i) => b.projects.forEach((p, k) => p === c && (b.utilities[k] ?? 0) > 0 && list.push({ voter: i, u: b.utilities[k] ?? 0 })));
    return list;
  });
  const byRank = (a: number, b: number): number => (rank[a] ?? 0) - (rank[b] ?? 0);
  const selections: RefSelection[] = costs
    .map((_, c) => c)
    .filter((c) => costs[c] === 0n && (supporters[c]?.length ?? 0) > 0)
    .sort(byRank)
    .map((project) => ({ project, price: Rational.ZERO }));
  let remaining = costs.map((_, c) => c).filter((c) => (costs[c] ?? 0n) > 0n && (supporters[c]?.length ?? 0) > 0);
  for (;;) {
    let best = -1;
    let bestEff = Rational.ZERO;
    let bestQ = Rational.ZERO;
    const keep: number[] = [];
    for (const c of remaining) {
      const cost = Rational.of(costs[c] ?? 0n);
      const sup = supporters[c] ?? [];
      const money = sup.reduce((s, x) => s.add(budget[x.voter] ?? Rational.ZERO), Rational.ZERO);
      if (money.lt(cost)) continue;
      keep.push(c);
      const sorted = [...sup].sort((a, b) => (budget[a.voter] ?? Rational.ZERO).div(BigInt(a.u)).compare((budget[b.voter] ?? Rational.ZERO).div(BigInt(b.u))));
      let paid = Rational.ZERO;
      let denom = sup.reduce((s, x) => s + x.u, 0);
      let q = Rational.ZERO;
      for (const x of sorted) {
        q = cost.sub(paid).div(BigInt(denom));
        const b = budget[x.voter] ?? Rational.ZERO;
        if (q.mul(BigInt(x.u)).gt(b)) {
          paid = paid.add(b);
          denom -= x.u;
        } else break;
      }
      const eff = cost.div(q);
      const cmp = eff.compare(bestEff);
      if (best < 0 || cmp > 0 || (cmp === 0 && (rank[c] ?? 0) < (rank[best] ?? 0))) {
        best = c;
        bestEff = eff;
        bestQ = q;
      }
    }
    if (best < 0) return selections;
    selections.push({ project: best, price: bestQ });
    for (const x of supporters[best] ?? []) {
      const b = budget[x.voter] ?? Rational.ZERO;
      budget[x.voter] = b.sub(b.min(bestQ.mul(BigInt(x.u))));
    }
    remaining = keep.filter((c) => c !== best);
  }
}

/** add1 by the book: every step is run (pabutools semantics, exact start). */
export function referenceAdd1(costs: readonly bigint[], ballots: readonly RefBallot[], budget: bigint, step: bigint, rank: readonly number[]): { selections: RefSelection[]; endowment: Rational } {
  const n = BigInt(Math.max(ballots.length, 1));
  let endowment = Rational.of(budget, n);
  let outcome = referenceMes(costs, ballots, endowment, rank);
  const supported = costs.map((_, c) => (costs[c] ?? 0n) > 0n && ballots.some((b) => b.projects.some((p, k) => p === c && (b.utilities[k] ?? 0) > 0)));
  for (;;) {
    const spent = outcome.reduce((s, x) => s + (costs[x.project] ?? 0n), 0n);
    const funded = new Set(outcome.map((x) => x.project));
    const exhaustive = costs.every((cost, c) => !supported[c] || funded.has(c) || cost > budget - spent);
    if (exhaustive) return { selections: outcome, endowment };
    const next = referenceMes(costs, ballots, endowment.add(step), rank);
    if (next.reduce((s, x) => s + (costs[x.project] ?? 0n), 0n) > budget) return { selections: outcome, endowment };
    outcome = next;
    endowment = endowment.add(step);
  }
}
