/**
 * 條文對照表: one row per article with the amended (or new) text, the current text and the
 * explanation, and the changes from the current text to the amended one marked as a diff.
 * For a new regulation every row is all insertion; for a deleted article, all deletion.
 */
import type { ArticleStatus, Draft, DraftHeading, DraftKind } from './draft';
import { diffText, type DiffSegment } from './text-diff';

export interface ComparisonRow {
  readonly number: string;
  readonly label: string;
  readonly anchor: string;
  readonly chapter?: DraftHeading;
  readonly section?: DraftHeading;
  readonly title?: string;
  readonly status: ArticleStatus;
  /** 修正條文 (or the new text); empty for a deleted article. */
  readonly amended: string;
  /** 現行條文; `null` for a new article. */
  readonly current: string | null;
  readonly currentNumber?: string;
  readonly explanation?: string;
  /** current → amended. */
  readonly changes: readonly DiffSegment[];
}

export interface ComparisonTable {
  readonly kind: DraftKind;
  readonly title?: string;
  readonly rows: readonly ComparisonRow[];
}

export function comparisonTable(draft: Draft): ComparisonTable {
  return {
    kind: draft.kind,
    ...(draft.title !== undefined ? { title: draft.title } : {}),
    rows: draft.articles.map((a): ComparisonRow => ({
      number: a.number,
      label: a.label,
      anchor: a.anchor,
      ...(a.chapter ? { chapter: a.chapter } : {}),
      ...(a.section ? { section: a.section } : {}),
      ...(a.title !== undefined ? { title: a.title } : {}),
      status: a.status,
      amended: a.text,
      current: a.current,
      ...(a.currentNumber !== undefined ? { currentNumber: a.currentNumber } : {}),
      ...(a.explanation !== undefined ? { explanation: a.explanation } : {}),
      changes: diffText(a.current ?? '', a.text),
    })),
  };
}
