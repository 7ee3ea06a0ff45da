/** A refused request as words in the reader's language: by the problem's stable type, never its English detail. */
import { problemTextOf } from '../platform/problem-text';
import { type MessageKey, t } from './i18n';
import { zh } from './messages';

export function problemText(err: unknown): string {
  return problemTextOf(err, (slug) => {
    const key = `problem.${slug}`;
    return key in zh ? t(key as MessageKey) : t('problem.other');
  });
}
