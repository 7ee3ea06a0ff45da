/** How every leg words a refused or failed request (its own codes first, then the platform's). */
import { ApiError } from './api-client';
import { problemMessage } from './field-messages';
import { t } from './i18n';

/**
 * A refused or failed request in the reader's words: the leg's own text for the problem's stable
 * type (its slug) when the leg has one, else the platform's; never the server's English detail.
 */
export function problemTextOf(err: unknown, legText: (slug: string, detail: string | undefined) => string | undefined): string {
  if (!(err instanceof ApiError) || err.status === 0) return t('networkError');
  const slug = err.problem.type.slice(err.problem.type.lastIndexOf('/') + 1);
  return legText(slug, err.problem.detail) ?? problemMessage(err.problem);
}
