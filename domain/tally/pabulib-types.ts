/**
 * Typed view of a Pabulib `.pb` file (https://pabulib.org/format). Typed fields are parsed from
 * the raw cells; every column is also kept verbatim so that an export loses nothing.
 */
import type { Rational } from './rational';

/** Vote types of the format; `choose-1` is a single approval. */
export type PbVoteType = 'approval' | 'ordinal' | 'cumulative' | 'scoring' | 'choose-1';

export interface PbMeta {
  /** Every META row in file order, values verbatim. The export writes these, not the typed fields. */
  readonly entries: ReadonlyArray<readonly [key: string, value: string]>;
  readonly budget?: Rational;
  readonly voteType?: PbVoteType;
  readonly rule?: string;
  readonly numProjects?: number;
  readonly numVotes?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minSumCost?: Rational;
  readonly maxSumCost?: Rational;
  readonly minPoints?: number;
  readonly maxPoints?: number;
  readonly minSumPoints?: number;
  readonly maxSumPoints?: number;
  readonly minProjectScoreThreshold?: number;
}

export interface PbProject {
  readonly id: string;
  /** Exact; integral in almost every file, but the format allows decimals. */
  readonly cost: Rational;
  readonly name?: string;
  /** All cells of the row by column name, verbatim (including project_id and cost). */
  readonly fields: Readonly<Record<string, string>>;
  /** 1-based source line, for error messages; 0 for rows built in code. */
  readonly line: number;
}

export interface PbVote {
  readonly voterId: string;
  /** Project ids in file order (for ordinal votes: most preferred first). */
  readonly vote: readonly string[];
  /** Aligned with `vote`; present when the file has a `points` column. */
  readonly points?: readonly number[];
  readonly fields: Readonly<Record<string, string>>;
  readonly line: number;
}

/** How the source text was laid out, so that an unchanged file exports byte for byte. */
export interface PbLayout {
  readonly lineEnding: '\n' | '\r\n';
  readonly finalNewline: boolean;
  readonly bom: boolean;
}

export interface PbFile {
  readonly meta: PbMeta;
  /** Column headers in file order. */
  readonly projectColumns: readonly string[];
  readonly voteColumns: readonly string[];
  readonly projects: readonly PbProject[];
  readonly votes: readonly PbVote[];
  readonly layout: PbLayout;
}
