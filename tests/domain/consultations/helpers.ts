import { expect } from 'vitest';
import { parseDraft, type Draft, type DraftArticle, type ParseDraftOptions } from '../../../domain/consultations/index';

/** Deterministic PRNG (mulberry32) so "random" property checks are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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
