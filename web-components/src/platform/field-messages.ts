/**
 * Field errors in the reader's language. The API and the client-side checks both name what is
 * wrong with a stable code (worker/platform/field-codes.ts) plus the limits involved; the text
 * comes from the platform catalogue (`field.<code>` keys), never from the API's English.
 */
import type { z } from 'zod';
import { type CodedFieldError, type FieldCode, codeIssues, fieldCodes, stripInvisible } from '../../../worker/platform/field-codes';
import { type PlatformMessageKey, formatNumber, locale, t } from './i18n';

export type { FieldCode } from '../../../worker/platform/field-codes';

/** What the UI needs of a field error, from the API (any code string) or from a local check. */
export type FieldProblem = Pick<CodedFieldError, 'pointer' | 'min' | 'max'> & { code: FieldCode | (string & {}) };

export function isFieldCode(code: unknown): code is FieldCode {
  return typeof code === 'string' && (fieldCodes as readonly string[]).includes(code);
}

/** The message for one field error in the current language; unknown codes read as "not valid". */
export function fieldMessage(e: Pick<FieldProblem, 'code' | 'min' | 'max'>): string {
  const code = isFieldCode(e.code) ? e.code : 'invalid';
  return t(`field.${code}` as PlatformMessageKey, {
    min: e.min === undefined ? '' : formatNumber(e.min, 6),
    max: e.max === undefined ? '' : formatNumber(e.max, 6),
  });
}

/**
 * Field errors keyed by the pointer's segments after `prefix` (default: the first segment, so
 * '/citizen/email' → 'citizen'; with depth 2 → 'citizen.email'). The first error of a field wins.
 */
export function messagesByField(errors: readonly FieldProblem[], opts: { prefix?: string; depth?: number } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = opts.prefix ?? '/';
  for (const e of errors) {
    if (!e.pointer.startsWith(prefix)) continue;
    const key = e.pointer.slice(prefix.length).split('/').slice(0, opts.depth ?? 1).join('.');
    out[key] ??= fieldMessage(e);
  }
  return out;
}

/** Checks a form body against the API's own zod schema; the problems carry the API's codes. */
export function checkLocally<S extends z.ZodType>(schema: S, body: unknown): { ok: true; data: z.output<S> } | { ok: false; errors: FieldProblem[] } {
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: codeIssues(parsed.error, body) };
}

/** Length as the API counts it: invisible characters dropped, ends trimmed. */
export function countedLength(text: string): number {
  return stripInvisible(text).trim().length;
}

/** Length limits a zod string schema enforces (after its normalisation). */
export function lengthLimits(schema: z.ZodType): { min: number; max: number } | null {
  const s = schema as unknown as { minLength?: number | null; maxLength?: number | null; unwrap?: () => z.ZodType };
  if (typeof s.maxLength === 'number') return { min: s.minLength ?? 0, max: s.maxLength };
  if (typeof s.unwrap === 'function') return lengthLimits(s.unwrap());
  return null;
}

const problemKeys: Record<string, PlatformMessageKey> = {
  validation: 'problem.validation',
  'bad-credentials': 'problem.bad-credentials',
  unauthenticated: 'problem.unauthenticated',
  forbidden: 'problem.forbidden',
  'rate-limited': 'problem.rate-limited',
  'case-not-found': 'problem.not-found',
  'not-found': 'problem.not-found',
  'case-rule': 'problem.case-rule',
  'temporal-unavailable': 'problem.temporal-unavailable',
  'body-too-large': 'problem.body-too-large',
  'survey-closed': 'problem.survey-closed',
  'link-invalid': 'problem.link-invalid',
  'link-expired': 'problem.link-expired',
  'link-used': 'problem.link-used',
  'user-not-found': 'problem.user-not-found',
  network: 'networkError',
};

/**
 * A whole problem (not one field) in the reader's language, by its type's slug. English
 * readers also get the API's own detail, which may say more than the generic text.
 */
export function problemMessage(p: { type: string; status: number; detail?: string; title: string }): string {
  const slug = p.type.slice(p.type.lastIndexOf('/') + 1);
  const key = problemKeys[slug] ?? (p.status >= 500 ? 'problem.server' : 'problem.generic');
  const text = t(key);
  return key !== 'networkError' && p.detail && locale() === 'en' && slug !== 'validation' ? `${text} ${p.detail}` : text;
}
