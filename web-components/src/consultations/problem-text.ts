/** A refused request as words in the reader's language: by the problem's stable type, never its English detail. */
import { ApiError } from '../platform/api-client';
import { type MessageKey, t } from './i18n';
import { zh } from './messages';

export function problemText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('networkError');
  if (err.status === 0) return t('networkError');
  const slug = err.problem.type.split('/').pop() ?? '';
  const key = `problem.${slug}`;
  return key in zh ? t(key as MessageKey) : t('problem.other');
}
