/**
 * Entry point: runs a rule on an election and, on request, explains the outcome.
 */
import type { Election, IndexedElection } from './election';
import { indexElection } from './election';
import type { GreedyExplanation, MesExplanation, MesRoundReport, ProjectOutcome, ProjectReport, TallyExplanation } from './explanation';
import { runGreedy, type GreedyOutcome } from './greedy';
import { runMesAdd1, type Add1Oracle, type Add1Start, type Add1Step } from './mes-add1';
import { runMes, type MesRunResult } from './mes-engine';
import { prepareMes, type MesPrepared } from './mes-prepare';
import { Rational } from './rational';
import type { TallyRule } from './rules';

export interface TallyOptions {
  /** Build the explanation (slower for equal shares: every project is evaluated every round). */
  readonly explain?: boolean;
  /** Where the add1 completion starts; see mes-add1. Default `exact` (pabutools). */
  readonly add1Start?: Add1Start;
  /**
   * Supplies the add1 loop's runs (e.g. computed by another thread: scripts/tally-parallel.ts);
   * the result is the same. Not used with `explain`.
   */
  readonly add1Oracle?: (prep: MesPrepared, opts: { budget: bigint; step: bigint; start: Add1Start }) => Add1Oracle;
}

export interface TallyResult {
  readonly rule: TallyRule;
  /** Funded project ids, in the order the rule selected them. */
  readonly selected: readonly string[];
  readonly totalCost: bigint;
  readonly explanation?: TallyExplanation;
}

export function tally(election: Election, rule: TallyRule, options: TallyOptions = {}): TallyResult {
  const ie = indexElection(election);
  const explain = options.explain === true;
  const budget = election.budget;
  const greedy = (variant: 'skip' | 'no-skip' | 'threshold'): GreedyOutcome =>
    runGreedy(ie, variant === 'threshold' ? { variant, budget, minScore: election.minProjectScore ?? 0 } : { variant, budget });

  if (rule === 'greedy' || rule === 'greedy-no-skip' || rule === 'greedy-threshold') {
    const variant = rule === 'greedy' ? 'skip' : rule === 'greedy-no-skip' ? 'no-skip' : 'threshold';
    const g = greedy(variant);
    const result = finish(ie, rule, g.selected);
    if (!explain) return result;
    const ge = greedyExplanation(g, variant, budget, election.minProjectScore);
    return { ...result, explanation: explanation(ie, rule, result, { greedy: ge }) };
  }

  const prep = prepareMes(ie);
  let run: MesRunResult;
  let add1: readonly Add1Step[] | undefined;
  if (rule === 'equalshares') {
    run = runMes(prep, { endowment: Rational.of(budget, BigInt(Math.max(prep.voterCount, 1))), explain });
  } else {
    const start = options.add1Start ?? 'exact';
    const oracle = !explain && options.add1Oracle ? options.add1Oracle(prep, { budget, step: election.currencyUnit, start }) : undefined;
    const a = runMesAdd1(prep, { budget, step: election.currencyUnit, explain, start, ...(oracle ? { oracle } : {}) });
    run = a.run;
    add1 = a.steps;
  }
  const mesSelected = run.selections.map((s) => s.project);
  const mesExplanation = explain ? mesExplanationOf(ie, prep.voterCount, run, add1) : undefined;

  if (rule === 'equalshares' || rule === 'equalshares/add1') {
    const result = finish(ie, rule, mesSelected);
    if (!mesExplanation) return result;
    return { ...result, explanation: explanation(ie, rule, result, { equalShares: mesExplanation }) };
  }

  if (rule === 'equalshares/add1-greedy') {
    const left = budget - run.totalCost;
    const fill = runGreedy(ie, { variant: 'skip', budget: left, alreadySelected: new Set(mesSelected) });
    const result = finish(ie, rule, [...mesSelected, ...fill.selected]);
    if (!mesExplanation) return result;
    const completion = greedyExplanation(fill, 'skip', left);
    return { ...result, explanation: explanation(ie, rule, result, { equalShares: mesExplanation, completion }) };
  }

  // equalshares/add1-comparison
  const g = greedy('skip');
  const { prefersEqualShares, prefersGreedy } = comparePreferences(ie, mesSelected, g.selected);
  // Ties stay with equal shares: greedy replaces it only when strictly more voters prefer it.
  const chosen = prefersGreedy > prefersEqualShares ? 'greedy' : 'equal-shares';
  const result = finish(ie, rule, chosen === 'greedy' ? g.selected : mesSelected);
  if (!mesExplanation) return result;
  return {
    ...result,
    explanation: explanation(ie, rule, result, {
      equalShares: mesExplanation,
      greedy: greedyExplanation(g, 'skip', budget),
      comparison: { prefersEqualShares, prefersGreedy, chosen },
    }),
  };
}

function finish(ie: IndexedElection, rule: TallyRule, selected: readonly number[]): TallyResult {
  let totalCost = 0n;
  for (const p of selected) totalCost += ie.costs[p] ?? 0n;
  return { rule, selected: selected.map((p) => ie.ids[p] ?? ''), totalCost };
}

/**
 * Per ballot, the utility of the funded projects it supports (approvals, or points); counts the
 * voters better off under each outcome.
 */
function comparePreferences(ie: IndexedElection, a: readonly number[], b: readonly number[]): { prefersEqualShares: number; prefersGreedy: number } {
  const inA = new Uint8Array(ie.ids.length);
  const inB = new Uint8Array(ie.ids.length);
  for (const p of a) inA[p] = 1;
  for (const p of b) inB[p] = 1;
  let prefersEqualShares = 0;
  let prefersGreedy = 0;
  for (let v = 0; v < ie.ballotCount; v++) {
    let ua = 0;
    let ub = 0;
    for (let k = ie.ballotStart[v] ?? 0; k < (ie.ballotStart[v + 1] ?? 0); k++) {
      const p = ie.ballotProject[k] ?? 0;
      const u = ie.ballotUtility[k] ?? 0;
      if (inA[p]) ua += u;
      if (inB[p]) ub += u;
    }
    if (ua > ub) prefersEqualShares++;
    else if (ub > ua) prefersGreedy++;
  }
  return { prefersEqualShares, prefersGreedy };
}

function greedyExplanation(g: GreedyOutcome, variant: GreedyExplanation['variant'], budget: bigint, minScore?: number): GreedyExplanation {
  const steps = g.steps.map(({ projectId, position, score, cost, remainingBefore, decision }) => ({ projectId, position, score, cost, remainingBefore, decision }));
  return variant === 'threshold' ? { variant, budget, minScore: minScore ?? 0, steps } : { variant, budget, steps };
}

function mesExplanationOf(ie: IndexedElection, voters: number, run: MesRunResult, add1: readonly Add1Step[] | undefined): MesExplanation {
  const id = (p: number): string => ie.ids[p] ?? '';
  const rounds: MesRoundReport[] = (run.rounds ?? []).map((r) => {
    const sel = run.selections.find((s) => s.round === r.round);
    return {
      round: r.round,
      candidates: r.candidates.map(({ project, state }) =>
        state.status === 'affordable'
          ? { projectId: id(project), status: 'affordable', effectiveVotes: state.effectiveVotes, pricePerPoint: state.pricePerPoint }
          : { projectId: id(project), status: 'unaffordable', supportersMoney: state.supportersMoney },
      ),
      selected: sel
        ? { projectId: id(sel.project), effectiveVotes: sel.effectiveVotes, pricePerPoint: sel.pricePerPoint, payments: sel.payments ?? [] }
        : null,
    };
  });
  const base: MesExplanation = {
    endowment: run.endowment,
    voters,
    selections: run.selections.map((s) => ({ projectId: id(s.project), round: s.round, pricePerPoint: s.pricePerPoint, effectiveVotes: s.effectiveVotes })),
    rounds,
  };
  return add1 ? { ...base, add1 } : base;
}

function explanation(
  ie: IndexedElection,
  rule: TallyRule,
  result: TallyResult,
  parts: Pick<TallyExplanation, 'greedy' | 'equalShares' | 'completion' | 'comparison'>,
): TallyExplanation {
  const order = new Map(result.selected.map((id, i) => [id, i + 1]));
  const greedyUsed = parts.comparison ? parts.comparison.chosen === 'greedy' : parts.equalShares === undefined;
  const projects: ProjectReport[] = ie.ids.map((projectId, p) => {
    const position = order.get(projectId);
    const report = {
      projectId,
      cost: ie.costs[p] ?? 0n,
      votes: ie.votes[p] ?? 0,
      score: ie.scores[p] ?? 0,
      selected: position !== undefined,
    };
    const outcome = outcomeOf(projectId, parts, greedyUsed);
    return position === undefined ? { ...report, outcome } : { ...report, order: position, outcome };
  });
  return { rule, budget: ie.source.budget, currencyUnit: ie.source.currencyUnit, projects, ...parts };
}

function outcomeOf(projectId: string, parts: Pick<TallyExplanation, 'greedy' | 'equalShares' | 'completion'>, greedyUsed: boolean): ProjectOutcome {
  if (greedyUsed && parts.greedy) return greedyOutcome(parts.greedy, projectId, 'funded-greedy');
  const mes = parts.equalShares;
  if (!mes) return { code: 'no-votes' };
  const sel = mes.selections.find((s) => s.projectId === projectId);
  if (sel) return { code: 'funded-equal-shares', round: sel.round, effectiveVotes: sel.effectiveVotes };
  if (parts.completion) {
    // The completion had the last word on projects equal shares left out.
    const viaCompletion = greedyOutcome(parts.completion, projectId, 'funded-completion');
    if (viaCompletion.code === 'funded-completion' || viaCompletion.code === 'does-not-fit') return viaCompletion;
  }
  for (const r of mes.rounds) {
    const c = r.candidates.find((x) => x.projectId === projectId);
    if (c?.status === 'unaffordable') return { code: 'unaffordable', round: r.round, supportersMoney: c.supportersMoney };
  }
  return { code: 'no-votes' };
}

function greedyOutcome(g: GreedyExplanation, projectId: string, fundedCode: 'funded-greedy' | 'funded-completion'): ProjectOutcome {
  const step = g.steps.find((s) => s.projectId === projectId);
  if (!step) return { code: 'no-votes' };
  switch (step.decision) {
    case 'selected':
      return { code: fundedCode, position: step.position, remainingBefore: step.remainingBefore };
    case 'does-not-fit':
      return { code: 'does-not-fit', remainingBefore: step.remainingBefore };
    case 'stopped-here':
    case 'not-considered':
      return { code: step.decision, remainingBefore: step.remainingBefore };
    case 'below-threshold':
      return { code: 'below-threshold', threshold: g.minScore ?? 0 };
    case 'no-votes':
    case 'already-selected':
      return { code: 'no-votes' };
  }
}
