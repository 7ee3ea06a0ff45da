/**
 * Ballot-side preparation for the Method of Equal Shares, done once per election and shared by
 * every run (the add1 completion runs MES many times with different endowments).
 *
 * Voters with identical ballots always hold identical budgets, so they are merged into one
 * weighted group: the engine's work then scales with distinct ballots, not voters.
 */
import type { IndexedElection } from './election';
import { tieRanks } from './tie-breaking';

export interface MesPrepared {
  readonly election: IndexedElection;
  readonly voterCount: number;
  readonly groupCount: number;
  /** Voters per group. */
  readonly groupWeight: Int32Array;
  /** Supporters of project c are groups supGroup[supStart[c] .. supStart[c + 1]). */
  readonly supStart: Int32Array;
  readonly supGroup: Int32Array;
  /** Index into `utilities` of the group's utility for that project. */
  readonly supUtil: Int32Array;
  /** groupWeight of the supporter, stored alongside so that scans read it sequentially. */
  readonly supWeight: Int32Array;
  /** Distinct utilities (points) in use; for approval ballots just [1]. */
  readonly utilities: readonly number[];
  /** Σ points of all supporters per project (the number of supporters for approval ballots). */
  readonly totalUtility: readonly number[];
  /** Tie-break rank per project (lower wins). */
  readonly rank: Int32Array;
  /** Supported projects with a positive cost: the ones MES has to decide about. */
  readonly contested: readonly number[];
  /** Supported projects that cost nothing: funded up front, in tie-break order. */
  readonly free: readonly number[];
}

export function prepareMes(e: IndexedElection): MesPrepared {
  const { ballotStart, ballotProject, ballotUtility } = e;
  const nProjects = e.ids.length;

  // Merge identical ballots. A ballot's pairs are sorted by project so that they compare
  // canonically; ballots are bucketed by a hash of their pairs and compared pair by pair within
  // a bucket (no string keys: this runs on every ballot of the file).
  const weights: number[] = [];
  const groupBallot: number[] = [];
  // (project, points) pairs encoded as one number each, so that a ballot sorts numerically.
  let maxPoints = 1;
  for (const u of ballotUtility) if (u > maxPoints) maxPoints = u;
  const base = maxPoints + 1;
  const sorted = new Float64Array(ballotProject.length);
  const firstOfHash = new Map<number, number>();
  const nextInBucket: number[] = [];
  for (let b = 0; b < e.ballotCount; b++) {
    const from = ballotStart[b] ?? 0;
    const to = ballotStart[b + 1] ?? 0;
    if (to === from) continue; // an empty ballot gets an endowment but can never spend it
    let h = to - from;
    for (let k = from; k < to; k++) {
      // Insertion sort: ballots list a handful of projects.
      const v = (ballotProject[k] ?? 0) * base + (ballotUtility[k] ?? 0);
      let at = k;
      while (at > from && sorted[at - 1]! > v) {
        sorted[at] = sorted[at - 1]!;
        at--;
      }
      sorted[at] = v;
    }
    for (let k = from; k < to; k++) h = Math.imul(h ^ (sorted[k]! % 4294967296), 0x9e3779b1) ^ (sorted[k]! / 4294967296);
    const head = firstOfHash.get(h) ?? -1;
    let g = head;
    while (g >= 0 && !samePairs(sorted, ballotStart, groupBallot[g] ?? 0, b)) g = nextInBucket[g] ?? -1;
    if (g < 0) {
      // A new group, at the head of its bucket.
      firstOfHash.set(h, weights.length);
      nextInBucket.push(head);
      weights.push(1);
      groupBallot.push(b);
    } else weights[g] = (weights[g] ?? 0) + 1;
  }

  const utilitySet = new Set<number>();
  for (const u of ballotUtility) utilitySet.add(u);
  const utilities = [...utilitySet].sort((a, b) => a - b);
  const utilIndex = new Map(utilities.map((u, i) => [u, i]));

  const counts = new Int32Array(nProjects + 1);
  for (const b of groupBallot) {
    for (let k = ballotStart[b] ?? 0; k < (ballotStart[b + 1] ?? 0); k++) counts[(ballotProject[k] ?? 0) + 1]!++;
  }
  const supStart = new Int32Array(nProjects + 1);
  for (let c = 0; c < nProjects; c++) supStart[c + 1] = (supStart[c] ?? 0) + (counts[c + 1] ?? 0);
  const fill = supStart.slice(0, nProjects);
  const total = supStart[nProjects] ?? 0;
  const supGroup = new Int32Array(total);
  const supUtil = new Int32Array(total);
  groupBallot.forEach((b, g) => {
    for (let k = ballotStart[b] ?? 0; k < (ballotStart[b + 1] ?? 0); k++) {
      const c = ballotProject[k] ?? 0;
      const at = fill[c]!++;
      supGroup[at] = g;
      supUtil[at] = utilIndex.get(ballotUtility[k] ?? 0) ?? 0;
    }
  });

  const totalUtility = e.ids.map((_, c) => {
    let t = 0;
    for (let i = supStart[c] ?? 0; i < (supStart[c + 1] ?? 0); i++) t += (weights[supGroup[i] ?? 0] ?? 0) * (utilities[supUtil[i] ?? 0] ?? 1);
    return t;
  });
  const supWeight = Int32Array.from(supGroup, (g) => weights[g] ?? 0);
  const rank = tieRanks(e);
  const byRank = (a: number, b: number): number => (rank[a] ?? 0) - (rank[b] ?? 0);
  const contested: number[] = [];
  const free: number[] = [];
  for (let c = 0; c < nProjects; c++) {
    if ((e.votes[c] ?? 0) === 0) continue;
    ((e.costs[c] ?? 0n) === 0n ? free : contested).push(c);
  }
  return {
    election: e,
    voterCount: e.ballotCount,
    groupCount: weights.length,
    groupWeight: Int32Array.from(weights),
    supStart,
    supGroup,
    supUtil,
    supWeight,
    utilities,
    totalUtility,
    rank,
    contested: contested.sort(byRank),
    free: free.sort(byRank),
  };
}

/** Whether ballots a and b have the same sorted (project, points) pairs. */
function samePairs(sorted: Float64Array, start: Int32Array, a: number, b: number): boolean {
  const fa = start[a] ?? 0;
  const fb = start[b] ?? 0;
  const n = (start[a + 1] ?? 0) - fa;
  if ((start[b + 1] ?? 0) - fb !== n) return false;
  for (let k = 0; k < n; k++) if (sorted[fa + k] !== sorted[fb + k]) return false;
  return true;
}
