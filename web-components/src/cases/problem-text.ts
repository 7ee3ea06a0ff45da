/**
 * What to tell a person about a refused or failed case action: the problem's stable code (its
 * `type` slug) in their language, falling back to the server's English detail for a code this
 * UI does not know yet.
 */
import { type MessageKey, t } from './i18n';
import { zh } from './messages';

export interface ProblemLike {
  type: string;
  title: string;
  detail?: string;
}

export function problemText(problem: ProblemLike): string {
  const key = `problem.${problem.type.split('/').pop() ?? ''}`;
  return key in zh ? t(key as MessageKey) : (problem.detail ?? problem.title);
}
