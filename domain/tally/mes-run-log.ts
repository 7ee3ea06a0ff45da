/**
 * What a Method of Equal Shares run leaves behind for the next one on the same election.
 *
 * The add1 completion runs MES at endowments e, e + 1, e + 2, …; runs at neighbouring
 * endowments usually fund the same projects for most rounds. A run records, per round, the
 * supporters' (history node, weight, points) keys of every project it evaluated, and every move
 * of a ballot group from one node to another. The next run replays those rounds at its own
 * endowment — re-deciding every comparison exactly, from the recorded keys instead of
 * re-scanning every supporter — until a round comes out differently; from there it puts the
 * groups back on their nodes at the start of that round and continues with full scans.
 *
 * For a fixed sequence of funded projects every voter's money left is non-decreasing in e. So
 * replaying a run recorded at a larger endowment, the recorded tree is a superset of the one
 * needed: a node the recorded run kept may hold nothing here (it is then treated as spent),
 * while a node it used up is used up here too. (Replaying a smaller endowment also works but
 * stops at the first node that keeps money here and not there.)
 */
import type { Histories } from './mes-history';
import type { Rational } from './rational';

export interface LoggedEvaluation {
  readonly project: number;
  readonly node: Int32Array;
  readonly weight: Int32Array;
  readonly points: Int32Array;
  /** For the round's winner, once a replay worked it out: the child node of each key, or −1. */
  children?: Int32Array;
}

export interface LoggedRound {
  /** First history node created by this round's payments. */
  readonly histStart: number;
  /** Position in the move log where this round's moves start. */
  readonly movesStart: number;
  /** Grows when a replay had to look at a project the recorded run had skipped. */
  readonly evaluations: LoggedEvaluation[];
  /** Funded project, or −1 for the final round where nothing was affordable. */
  readonly winner: number;
  /**
   * Per project, the lower bound of its price (× 2^scale) the recorded run had at the end of the
   * round. With less money prices are only higher, so it bounds prices here too.
   */
  readonly priceLowerBounds: Float64Array;
  readonly scale: number;
  /** Endowment of the run that recorded the round (the bounds only hold at or below it). */
  readonly endowment: Rational;
}

/** Every move of a ballot group from one node to another, in order (typed arrays that grow). */
export class MoveLog {
  group = new Int32Array(1024);
  from = new Int32Array(1024);
  to = new Int32Array(1024);
  length = 0;

  push(group: number, from: number, to: number): void {
    if (this.length === this.group.length) this.grow();
    this.group[this.length] = group;
    this.from[this.length] = from;
    this.to[this.length] = to;
    this.length++;
  }

  private grow(): void {
    const more = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.group = more(this.group);
    this.from = more(this.from);
    this.to = more(this.to);
  }
}

export interface RunLog {
  readonly hist: Histories;
  /** Every ballot group's node after the first `applied` moves. */
  readonly groupNode: Int32Array;
  readonly rounds: LoggedRound[];
  readonly moves: MoveLog;
  applied: number;
}

export function newRunLog(hist: Histories, groups: number): RunLog {
  return { hist, groupNode: new Int32Array(groups).fill(1), rounds: [], moves: new MoveLog(), applied: 0 };
}

export function recordMove(log: RunLog, group: number, from: number, to: number): void {
  log.moves.push(group, from, to);
  log.applied++;
}

/** Sets every group on its node at the start of `rounds[r]` (or after the last round). */
export function seek(log: RunLog, r: number): void {
  const target = log.rounds[r]?.movesStart ?? log.moves.length;
  const { groupNode } = log;
  const { group, from, to } = log.moves;
  for (let i = log.applied - 1; i >= target; i--) groupNode[group[i]!] = from[i]!;
  for (let i = log.applied; i < target; i++) groupNode[group[i]!] = to[i]!;
  log.applied = target;
}

/** Forgets `rounds[r]` and everything after it, groups and history tree included. */
export function truncate(log: RunLog, r: number): void {
  seek(log, r);
  const round = log.rounds[r];
  if (round) log.hist.size = round.histStart;
  log.moves.length = log.applied;
  log.rounds.length = Math.min(r, log.rounds.length);
}
