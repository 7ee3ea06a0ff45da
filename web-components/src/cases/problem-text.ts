/**
 * What to tell a person about a refused or failed case action: the problem's stable code (its
 * `type` slug) in their language; codes the case leg does not know are worded by the platform's
 * catalogue, so the server's English never reaches a Chinese page.
 */
import { problemMessage } from '../platform/field-messages';
import { type MessageKey, t } from './i18n';
import { zh } from './messages';

export interface ProblemLike {
  type: string;
  title: string;
  status: number;
  detail?: string;
}

export function problemText(problem: ProblemLike): string {
  const key = `problem.${problem.type.split('/').pop() ?? ''}`;
  return key in zh ? t(key as MessageKey) : problemMessage(problem);
}
