/** A problem from the API as text in the reader's language (known types translated, others as sent). */
import { ApiError } from '../platform/api-client';
import { type MessageKey, t } from './i18n';

export function problemText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('networkError');
  if (err.status === 0) return t('networkError');
  if (err.status === 503) return t('workflowDown');
  const slug = err.problem.type.split('/').pop() ?? '';
  const key = `problem.${slug}` as MessageKey;
  const known = t(key);
  if (known && known !== key && !known.startsWith('problem.')) {
    return slug === 'petition-rule' ? `${known}${err.problem.detail ?? ''}` : known;
  }
  return err.problem.detail ?? err.problem.title;
}
