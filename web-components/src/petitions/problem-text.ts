/** A problem from the API as text in the reader's language (the leg's codes, then the platform's). */
import { ApiError } from '../platform/api-client';
import { problemTextOf } from '../platform/problem-text';
import { type MessageKey, t } from './i18n';
import { zh } from './messages';

export function problemText(err: unknown): string {
  if (err instanceof ApiError && err.status === 503) return t('workflowDown');
  return problemTextOf(err, (slug, detail) => {
    const key = `problem.${slug}`;
    if (!(key in zh)) return undefined;
    // A rule refusal names the rule in the detail (its code), which the sentence ends with.
    return slug === 'petition-rule' ? `${t(key as MessageKey)}${detail ?? ''}` : t(key as MessageKey);
  });
}
