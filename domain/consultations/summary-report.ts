/**
 * The published result of a consultation (預告意見處理情形): per article, the comments received,
 * the answer to each with its reason, and the final text against the draft text.
 *
 * Articles: those of the draft and of the final version, in statute order; an article dropped
 * from the final version has `finalText: null`, one added after the consultation `draftText: null`.
 * Comments removed by moderation are left out (counted in `progress.removed`); comments hidden
 * pending moderation are left out of the lists too and block publication (see `publish`).
 */
import { compareArticleNumbers, parseArticleNumber } from './article-number';
import { moderationOf, type ConsultationComment } from './comments';
import type { ArticleStatus, Draft, DraftArticle, DraftKind } from './draft';
import { canPublishReport, dispositionProgress, type DispositionProgress, type PublishCheck } from './disposition-progress';
import { dispositionsByComment, type Disposition, type DispositionOutcome, type DispositionRules } from './dispositions';
import { diffText, type DiffSegment } from './text-diff';

export interface ReportComment {
  readonly id: string;
  readonly anchor?: string;
  readonly body: string;
  /** `null` while unanswered. */
  readonly answer: {
    readonly dispositionId: string;
    readonly outcome: DispositionOutcome;
    readonly reason: string;
    /** How many comments share this answer (grouped comments). */
    readonly groupSize: number;
  } | null;
}

export interface ReportArticle {
  readonly number: string;
  readonly label: string;
  readonly title?: string;
  /** Status in the draft put out for comment; `null` when the article was added after the consultation. */
  readonly draftStatus: ArticleStatus | null;
  /** Status in the version adopted; `null` when the article was dropped from it. */
  readonly finalStatus: ArticleStatus | null;
  /** The text put out for comment; `null` when absent from the draft or deleted (刪除) in it. */
  readonly draftText: string | null;
  /** The text adopted; `null` when dropped or deleted (刪除). */
  readonly finalText: string | null;
  /** draft → final. */
  readonly changes: readonly DiffSegment[];
  readonly changedAfterConsultation: boolean;
  readonly comments: readonly ReportComment[];
}

export interface ConsultationReport {
  readonly kind: DraftKind;
  readonly title?: string;
  readonly articles: readonly ReportArticle[];
  /** Comments on the draft as a whole. */
  readonly generalComments: readonly ReportComment[];
  /** Comments naming an article that is in neither version (should not happen; listed, not lost). */
  readonly unmatchedComments: readonly ReportComment[];
  readonly progress: DispositionProgress;
  readonly publish: PublishCheck;
}

export interface ConsultationReportInput {
  readonly draft: Draft;
  /** The version adopted after the consultation; default: the draft unchanged. */
  readonly final?: Draft;
  readonly comments: readonly ConsultationComment[];
  readonly dispositions: readonly Disposition[];
  readonly rules?: DispositionRules;
}

export function buildConsultationReport(input: ConsultationReportInput): ConsultationReport {
  const { draft, comments, dispositions } = input;
  const final = input.final ?? draft;
  const rules = input.rules ?? {};
  const answers = dispositionsByComment(dispositions, rules);

  const toReport = (c: ConsultationComment): ReportComment => {
    const d = answers.get(c.id);
    return {
      id: c.id,
      ...(c.anchor !== undefined ? { anchor: c.anchor } : {}),
      body: c.body,
      answer: d ? { dispositionId: d.id, outcome: d.outcome, reason: d.reason.trim(), groupSize: new Set(d.commentIds).size } : null,
    };
  };

  const byArticle = new Map<string | null, ReportComment[]>();
  for (const c of comments) {
    if (moderationOf(c) !== 'visible') continue;
    const list = byArticle.get(c.article) ?? [];
    byArticle.set(c.article, list);
    list.push(toReport(c));
  }

  const draftArticles = new Map(draft.articles.map((a) => [a.number, a]));
  const finalArticles = new Map(final.articles.map((a) => [a.number, a]));
  const numbers = [...new Set([...draftArticles.keys(), ...finalArticles.keys()])].sort((a, b) =>
    compareArticleNumbers(parseArticleNumber(a)!, parseArticleNumber(b)!),
  );
  const textOf = (a: DraftArticle | undefined): string | null => (a === undefined || a.status === 'deleted' ? null : a.text);
  const articles = numbers.map((number): ReportArticle => {
    const before = draftArticles.get(number);
    const after = finalArticles.get(number);
    const shown = (after ?? before)!;
    const draftText = textOf(before);
    const finalText = textOf(after);
    const title = after?.title ?? before?.title;
    return {
      number,
      label: shown.label,
      ...(title !== undefined ? { title } : {}),
      draftStatus: before?.status ?? null,
      finalStatus: after?.status ?? null,
      draftText,
      finalText,
      changes: diffText(draftText ?? '', finalText ?? ''),
      changedAfterConsultation: draftText !== finalText,
      comments: byArticle.get(number) ?? [],
    };
  });
  const unmatchedComments = [...byArticle.entries()]
    .filter(([article]) => article !== null && !draftArticles.has(article) && !finalArticles.has(article))
    .flatMap(([, list]) => list);

  return {
    kind: draft.kind,
    ...(draft.title !== undefined ? { title: draft.title } : {}),
    articles,
    generalComments: byArticle.get(null) ?? [],
    unmatchedComments,
    progress: dispositionProgress(comments, dispositions, rules),
    publish: canPublishReport(comments, dispositions, rules),
  };
}
