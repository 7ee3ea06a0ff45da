/**
 * The agency's answer to comments (處理情形 / 回應說明): one of four outcomes, always with a reason.
 * One disposition may answer a group of similar comments (the same answer is published under each
 * of them); every comment gets at most one disposition.
 */
import type { ConsultationComment } from './comments';
import { fail, ok, type Result } from './result';

export const dispositionOutcomes = ['adopted', 'partly_adopted', 'not_adopted', 'out_of_scope'] as const;

export type DispositionOutcome = (typeof dispositionOutcomes)[number];

/** zh-TW names for display and for parsing imported replies. */
export const DISPOSITION_OUTCOME_NAMES_ZH: Readonly<Record<DispositionOutcome, string>> = Object.freeze({
  adopted: '採納',
  partly_adopted: '部分採納',
  not_adopted: '不採納',
  out_of_scope: '非屬本次預告範圍',
});

/** Minimum length of a reason, in characters (code points, whitespace runs counted as one). */
export const DISPOSITION_REASON_MIN_LENGTH = 10;

export function isDispositionOutcome(value: unknown): value is DispositionOutcome {
  return typeof value === 'string' && (dispositionOutcomes as readonly string[]).includes(value);
}

export interface Disposition {
  readonly id: string;
  readonly outcome: DispositionOutcome;
  readonly reason: string;
  /** The comments this answer covers (one, or a group of similar comments). */
  readonly commentIds: readonly string[];
}

export const dispositionErrorCodes = [
  'unknown_outcome',
  /** The reason is shorter than the minimum (after trimming). */
  'reason_too_short',
  /** The disposition covers no comment. */
  'no_comments',
  /** The same comment listed twice in one disposition. */
  'duplicate_comment',
  /** A comment id that is not among the consultation's comments. */
  'unknown_comment',
  /** A comment answered by two dispositions. */
  'comment_answered_twice',
] as const;

export type DispositionErrorCode = (typeof dispositionErrorCodes)[number];

export interface DispositionError {
  readonly code: DispositionErrorCode;
  readonly dispositionId: string;
  readonly commentId?: string;
  readonly message: string;
}

export interface DispositionRules {
  /** Default {@link DISPOSITION_REASON_MIN_LENGTH}. */
  readonly minReasonLength?: number;
}

/** Length of a reason as a reader sees it: trimmed, whitespace runs as one, in code points. */
export function reasonLength(reason: string): number {
  return [...reason.trim().replace(/\s+/g, ' ')].length;
}

/** Checks one disposition on its own (outcome, reason, comment list). */
export function validateDisposition(disposition: Disposition, rules: DispositionRules = {}): Result<Disposition, DispositionError> {
  const minReasonLength = rules.minReasonLength ?? DISPOSITION_REASON_MIN_LENGTH;
  const id = disposition.id;
  const errors: DispositionError[] = [];
  if (!isDispositionOutcome(disposition.outcome)) {
    errors.push({
      code: 'unknown_outcome',
      dispositionId: id,
      message: `Unknown outcome ${JSON.stringify(disposition.outcome)}: expected one of ${dispositionOutcomes.join(', ')}.`,
    });
  }
  const length = typeof disposition.reason === 'string' ? reasonLength(disposition.reason) : 0;
  if (length < minReasonLength) {
    errors.push({
      code: 'reason_too_short',
      dispositionId: id,
      message: `The reason has ${length} characters; at least ${minReasonLength} are required.`,
    });
  }
  if (disposition.commentIds.length === 0) {
    errors.push({ code: 'no_comments', dispositionId: id, message: 'The disposition answers no comment.' });
  }
  const seen = new Set<string>();
  for (const commentId of disposition.commentIds) {
    if (seen.has(commentId)) {
      errors.push({ code: 'duplicate_comment', dispositionId: id, commentId, message: `Comment ${commentId} is listed twice.` });
    }
    seen.add(commentId);
  }
  return errors.length === 0 ? ok(disposition) : fail(errors);
}

/**
 * Checks a set of dispositions against the comments: each on its own, plus unknown comments and
 * comments answered twice (reported on the later disposition). Empty when all is well.
 */
export function validateDispositions(
  comments: readonly ConsultationComment[],
  dispositions: readonly Disposition[],
  rules: DispositionRules = {},
): DispositionError[] {
  const known = new Set(comments.map((c) => c.id));
  const answeredBy = new Map<string, string>();
  const errors: DispositionError[] = [];
  for (const d of dispositions) {
    const own = validateDisposition(d, rules);
    if (!own.ok) errors.push(...own.errors);
    for (const commentId of new Set(d.commentIds)) {
      if (!known.has(commentId)) {
        errors.push({ code: 'unknown_comment', dispositionId: d.id, commentId, message: `Comment ${commentId} does not exist.` });
        continue;
      }
      const first = answeredBy.get(commentId);
      if (first !== undefined) {
        errors.push({
          code: 'comment_answered_twice',
          dispositionId: d.id,
          commentId,
          message: `Comment ${commentId} is already answered by disposition ${first}.`,
        });
        continue;
      }
      answeredBy.set(commentId, d.id);
    }
  }
  return errors;
}

/**
 * The valid disposition answering each comment: dispositions failing {@link validateDisposition}
 * are ignored, and a comment answered twice keeps its first answer.
 */
export function dispositionsByComment(
  dispositions: readonly Disposition[],
  rules: DispositionRules = {},
): Map<string, Disposition> {
  const out = new Map<string, Disposition>();
  for (const d of dispositions) {
    if (!validateDisposition(d, rules).ok) continue;
    for (const commentId of d.commentIds) if (!out.has(commentId)) out.set(commentId, d);
  }
  return out;
}

/** Text compared by {@link groupIdenticalComments}: without whitespace and punctuation, ASCII letters lowercased. */
export function commentFingerprint(body: string): string {
  return body.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '').toLowerCase();
}

/**
 * Suggested groups for one shared answer: comments on the same article (or all general comments)
 * whose text is identical up to whitespace, punctuation and letter case (copy-paste campaigns are
 * common). Only groups of two or more, in order of their first comment; ids in input order.
 */
export function groupIdenticalComments(comments: readonly ConsultationComment[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const c of comments) {
    const fingerprint = commentFingerprint(c.body);
    if (fingerprint === '') continue;
    const key = `${c.article ?? ''}\u0000${fingerprint}`;
    const group = groups.get(key);
    if (group) group.push(c.id);
    else groups.set(key, [c.id]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}
