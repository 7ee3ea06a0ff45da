/**
 * What a Method of Equal Shares run leaves behind for the next one on the same election.
 *
 * The add1 completion runs MES at endowments e, e + 1, e + 2, …; consecutive runs usually fund
 * the same projects for most rounds. A run records, per round, the supporters' (history node,
 * weight, points) keys of every project it evaluated, and how the history tree grew. The next run
 * replays those rounds at its own endowment — re-deciding every comparison exactly, from the
 * recorded keys instead of re-scanning every supporter — until a round comes out differently;
 * from there it restores the supporters' nodes (undo log) and continues with full scans.
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
}

export interface LoggedRound {
  /** First history node created by this round's payments. */
  readonly histStart: number;
  /** Position in the undo log where this round's moves start. */
  readonly undoStart: number;
  readonly evaluations: readonly LoggedEvaluation[];
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

export interface RunLog {
  readonly hist: Histories;
  /** Every ballot group's node at the end of the recorded run. */
  readonly groupNode: Int32Array;
  readonly rounds: LoggedRound[];
  /** (group, node before the move) for every move, in order, to rewind groupNode. */
  readonly undoGroup: number[];
  readonly undoNode: number[];
}

/** Rewinds the groups' nodes and the history tree to the start of `rounds[r]`. */
export function rewind(log: RunLog, r: number): void {
  const round = log.rounds[r];
  const undoStart = round ? round.undoStart : log.undoGroup.length;
  for (let i = log.undoGroup.length - 1; i >= undoStart; i--) log.groupNode[log.undoGroup[i]!] = log.undoNode[i]!;
  log.undoGroup.length = undoStart;
  log.undoNode.length = undoStart;
  if (round) log.hist.size = round.histStart;
  log.rounds.length = r;
}
