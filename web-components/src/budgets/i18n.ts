/** This leg's `t`: its catalogue (`messages.ts`) on top of the platform's. */
import { type PlatformMessageKey, translator } from '../platform/i18n';
import { en, zh } from './messages';

export type MessageKey = keyof typeof zh | PlatformMessageKey;
export const t = translator({ zh, en });

/** Message key of a code with dashes ('too-few-projects' → 'ballotErr_too_few_projects'). */
export const codeKey = <P extends string>(prefix: P, code: string) => `${prefix}${code.replaceAll('-', '_')}` as MessageKey;

export function money(n: number | string): string {
  return `NT$${Number(n).toLocaleString('en-US')}`;
}
