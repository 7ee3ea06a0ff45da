/**
 * Public API of the participatory-budgeting tally library: pure (no I/O, no Node built-ins),
 * exact (bigint and Rational; no float decides anything), deterministic.
 *
 *   const file = parsePabulib(text);                       // or build an Election directly
 *   const result = tally(electionFromPabulib(file), 'equalshares/add1', { explain: true });
 *   result.selected                                        // ids in selection order
 *   formatExplanation(result.explanation!)                 // or render the structure yourself
 */
export { Rational } from './rational';

export type { PbFile, PbLayout, PbMeta, PbProject, PbVote, PbVoteType } from './pabulib-types';
export { PabulibParseError, parsePabulib } from './pabulib-parse';
export { exportPabulib } from './pabulib-export';
export { electionFromPabulib, ruleOfPabulib } from './pabulib-election';

export type { Election, ElectionBallot, ElectionProject } from './election';
export { TallyInputError } from './election';

export { RULE_DESCRIPTIONS, TALLY_RULES, isTallyRule } from './rules';
export type { TallyRule } from './rules';

export { tally } from './tally';
export type { TallyOptions, TallyResult } from './tally';
export type { Add1Oracle, Add1Start, Add1Step, Add1StepOutcome } from './mes-add1';
export type { MesPrepared } from './mes-prepare';
export type { GreedyDecision } from './greedy';
export type {
  GreedyExplanation,
  MesCandidateReport,
  MesExplanation,
  MesRoundReport,
  ProjectOutcome,
  ProjectReport,
  TallyExplanation,
} from './explanation';
export { formatExplanation } from './explanation-text';
export { mesVoterLeftovers, mesVoterPayments, totalPaid } from './mes-voter-payments';

export { compareProjectIds } from './tie-breaking';

export { utilityOfBallotKind, validateBallot } from './ballot-validation';
export type { BallotError, BallotErrorCode, BallotInput, BallotKind, BallotSettings } from './ballot-validation';
