/**
 * How far the agency is in answering the comments, and whether the report may be published.
 *
 * Comments removed by moderation are not published and need no answer: they are counted apart.
 * Comments hidden pending moderation must be restored or removed before the report is published.
 * A comment is answered when a valid disposition (outcome, reason long enough) covers it.
 */
import { moderationOf, type ConsultationComment } from './comments';
import {
  dispositionOutcomes,
  dispositionsByComment,
  validateDispositions,
  type Disposition,
  type DispositionError,
  type DispositionOutcome,
  type DispositionRules,
} from './dispositions';
import { compareArticleNumbers, parseArticleNumber } from './article-number';

export interface ArticleProgress {
  /** Normalized article number, `null` for general comments. */
  readonly article: string | null;
  readonly total: number;
  readonly answered: number;
}

export interface DispositionProgress {
  /** Comments needing an answer (all but the removed ones). */
  readonly total: number;
  readonly answered: number;
  readonly unanswered: number;
  /** Answered comments by outcome. */
  readonly byOutcome: Readonly<Record<DispositionOutcome, number>>;
  /** In statute order, general comments (`null`) last; only articles with comments. */
  readonly perArticle: readonly ArticleProgress[];
  readonly hidden: number;
  readonly removed: number;
}

function compareArticleKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const x = parseArticleNumber(a);
  const y = parseArticleNumber(b);
  if (x && y) return compareArticleNumbers(x, y);
  return a < b ? -1 : 1; // malformed numbers: text order, deterministic
}

export function dispositionProgress(
  comments: readonly ConsultationComment[],
  dispositions: readonly Disposition[],
  rules: DispositionRules = {},
): DispositionProgress {
  const answers = dispositionsByComment(dispositions, rules);
  const byOutcome = Object.fromEntries(dispositionOutcomes.map((o) => [o, 0])) as Record<DispositionOutcome, number>;
  const perArticle = new Map<string | null, { total: number; answered: number }>();
  let total = 0;
  let answered = 0;
  let hidden = 0;
  let removed = 0;
  for (const c of comments) {
    const status = moderationOf(c);
    if (status === 'removed') {
      removed++;
      continue;
    }
    if (status === 'hidden') hidden++;
    total++;
    const row = perArticle.get(c.article) ?? { total: 0, answered: 0 };
    perArticle.set(c.article, row);
    row.total++;
    const answer = answers.get(c.id);
    if (answer) {
      answered++;
      row.answered++;
      byOutcome[answer.outcome]++;
    }
  }
  return {
    total,
    answered,
    unanswered: total - answered,
    byOutcome,
    perArticle: [...perArticle.entries()]
      .sort(([a], [b]) => compareArticleKeys(a, b))
      .map(([article, row]) => ({ article, ...row })),
    hidden,
    removed,
  };
}

export interface PublishCheck {
  readonly canPublish: boolean;
  /** Comments (not removed) without a valid disposition, in input order. */
  readonly missingDisposition: readonly string[];
  /** Comments hidden pending moderation. */
  readonly pendingModeration: readonly string[];
  /** Problems in the dispositions themselves (short reasons, unknown comments, double answers). */
  readonly invalidDispositions: readonly DispositionError[];
}

/** The report may be published when every comment is answered, none awaits moderation and no disposition is invalid. */
export function canPublishReport(
  comments: readonly ConsultationComment[],
  dispositions: readonly Disposition[],
  rules: DispositionRules = {},
): PublishCheck {
  const answers = dispositionsByComment(dispositions, rules);
  const missingDisposition: string[] = [];
  const pendingModeration: string[] = [];
  for (const c of comments) {
    const status = moderationOf(c);
    if (status === 'removed') continue;
    if (status === 'hidden') pendingModeration.push(c.id);
    if (!answers.has(c.id)) missingDisposition.push(c.id);
  }
  const invalidDispositions = validateDispositions(comments, dispositions, rules);
  return {
    canPublish: missingDisposition.length === 0 && pendingModeration.length === 0 && invalidDispositions.length === 0,
    missingDisposition,
    pendingModeration,
    invalidDispositions,
  };
}
