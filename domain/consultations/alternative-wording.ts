/**
 * A citizen's proposed alternative wording, shown against the draft article with the same diff as
 * the 條文對照表: either a whole new text for the article, or a replacement for one passage.
 */
import type { DraftArticle } from './draft';
import { selectPassage, type Passage, type PassageError, type PassageSelection } from './passage';
import { ok, type Result } from './result';
import { diffText, type DiffSegment } from './text-diff';

export interface AlternativeWording {
  /** Normalized article number. */
  readonly article: string;
  /** The draft text of the article. */
  readonly draft: string;
  /** The whole article text as the citizen proposes it. */
  readonly proposed: string;
  /** draft → proposed. */
  readonly changes: readonly DiffSegment[];
  /** The passage replaced, when the proposal targets one. */
  readonly passage?: Passage;
}

/** A proposal for the whole article text. */
export function proposeArticleText(article: DraftArticle, proposed: string): AlternativeWording {
  return { article: article.number, draft: article.text, proposed, changes: diffText(article.text, proposed) };
}

/**
 * A proposal replacing one passage (validated like {@link selectPassage}) with `replacement`
 * (empty to propose deleting the passage).
 */
export function proposePassageReplacement(
  article: DraftArticle,
  selection: PassageSelection,
  replacement: string,
): Result<AlternativeWording, PassageError> {
  const selected = selectPassage(article, selection);
  if (!selected.ok) return selected;
  const passage = selected.value;
  const proposed = article.text.slice(0, passage.start) + replacement + article.text.slice(passage.end);
  return ok({ ...proposeArticleText(article, proposed), passage });
}
