import { expect } from 'vitest';
import { parseDraft, type Draft, type DraftArticle, type ParseDraftOptions } from '../../../domain/consultations/index';

/** The tests' one deterministic PRNG (mulberry32). */
export { prng } from '../helpers';

/** Parses a draft that must be valid (fails the test with the error list otherwise). */
export function draftOf(source: string, options?: ParseDraftOptions): Draft {
  const result = parseDraft(source, options);
  if (!result.ok) expect.fail(`expected a valid draft, got ${JSON.stringify(result.errors, null, 2)}`);
  return result.value;
}

export function articleOf(draft: Draft, number: string): DraftArticle {
  const article = draft.articles.find((a) => a.number === number);
  if (article === undefined) expect.fail(`no article ${number} in the draft`);
  return article;
}
