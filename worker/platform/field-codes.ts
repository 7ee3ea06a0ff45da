/**
 * Stable codes for what is wrong with one field, shared by the API (problem+json `errors[]`) and
 * the UI (which translates them through its catalogue). Pure zod, no Hono: the web components
 * import it to check forms with the same words the API uses.
 *
 * A code never changes meaning; new situations get new codes. Numbers travel beside the code
 * (`min`, `max`), so every language can state the limit.
 */
import type { z } from 'zod';

export const fieldCodes = [
  'required',
  'unknown_field',
  'invalid_type',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'too_few',
  'too_many',
  'not_integer',
  'invalid_email',
  'invalid_date',
  'invalid_datetime',
  'invalid_format',
  'invalid_choice',
  'must_be_checked',
  'contact_required',
  'unknown_reference',
  'staff_account',
  'file_own_case',
  'not_in_url',
  'range_reversed',
  'range_too_long',
  'duplicate',
  'in_use',
  'invalid',
] as const;

export type FieldCode = (typeof fieldCodes)[number];

export interface CodedFieldError {
  /** JSON Pointer (RFC 6901) into the request part. */
  pointer: string;
  code: FieldCode;
  /** Smallest allowed length (text: characters) or value. */
  min?: number;
  /** Largest allowed length (text: characters) or value. */
  max?: number;
  /** English explanation for people reading raw API answers; clients translate `code`. */
  detail: string;
}

export function toPointer(path: readonly PropertyKey[]): string {
  return path.length ? '/' + path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/') : '';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Zero-width characters, the byte-order mark and control characters other than tab and newlines. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2060\uFEFF]/g;

/** Removes what a person cannot see or mean in a text (NUL, zero-width spaces), before length checks. */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

const num = (n: number | bigint): number => Number(n);

/** English text for a code, so that the raw API answer reads well too. */
export function englishDetail(e: Pick<CodedFieldError, 'code' | 'min' | 'max'>): string {
  switch (e.code) {
    case 'required':
      return 'Required.';
    case 'unknown_field':
      return 'Unknown field.';
    case 'invalid_type':
      return 'Wrong type of value.';
    case 'too_short':
      return `Use at least ${e.min} characters.`;
    case 'too_long':
      return `Use at most ${e.max} characters.`;
    case 'too_small':
      return `Must be at least ${e.min}.`;
    case 'too_big':
      return `Must be at most ${e.max}.`;
    case 'too_few':
      return `Choose at least ${e.min}.`;
    case 'too_many':
      return `Choose at most ${e.max}.`;
    case 'not_integer':
      return 'Must be a whole number.';
    case 'invalid_email':
      return 'Not an e-mail address.';
    case 'invalid_date':
      return 'Not a date that exists (YYYY-MM-DD).';
    case 'invalid_datetime':
      return 'Not a date and time (ISO 8601).';
    case 'invalid_format':
      return 'Not in the expected format.';
    case 'invalid_choice':
      return 'Not one of the allowed values.';
    case 'must_be_checked':
      return 'Must be checked.';
    case 'contact_required':
      return 'Give at least an e-mail address, a phone number or a postal address.';
    case 'unknown_reference':
      return 'Unknown or inactive.';
    case 'staff_account':
      return 'This address belongs to a staff account.';
    case 'file_own_case':
      return 'File your own cases through the normal form.';
    case 'not_in_url':
      return 'Send this in the request body or a header, never in the URL.';
    case 'range_reversed':
      return 'Must not be before the start.';
    case 'range_too_long':
      return `The range is too long (at most ${e.max}).`;
    case 'duplicate':
      return 'Already given in this list; each must be different.';
    case 'in_use':
      return 'Still in use, so it cannot be removed.';
    case 'invalid':
      return 'Not valid.';
  }
}

function coded(path: readonly PropertyKey[], code: FieldCode, extra: { min?: number; max?: number } = {}, detail?: string): CodedFieldError {
  const e = { pointer: toPointer(path), code, ...extra };
  return { ...e, detail: detail ?? englishDetail(e) };
}

/** One zod issue → field errors (unknown keys give one error each, so clients can point at them). */
export function codeIssue(issue: z.core.$ZodIssue, input: unknown): CodedFieldError[] {
  const path = issue.path;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => coded([...path, k], 'unknown_field'));
    case 'invalid_type':
      if (valueAt(input, path) === undefined) return [coded(path, 'required')];
      return [coded(path, issue.expected === 'int' ? 'not_integer' : 'invalid_type')];
    case 'too_small': {
      const min = num(issue.minimum) + (issue.inclusive === false ? 1 : 0);
      if (issue.origin === 'string') {
        const raw = valueAt(input, path);
        const blank = typeof raw !== 'string' || stripInvisible(raw).trim() === '';
        return [coded(path, min <= 1 || blank ? 'required' : 'too_short', { min })];
      }
      if (issue.origin === 'array' || issue.origin === 'set') return [coded(path, 'too_few', { min })];
      return [coded(path, 'too_small', { min: num(issue.minimum) })];
    }
    case 'too_big': {
      const max = num(issue.maximum) - (issue.inclusive === false ? 1 : 0);
      if (issue.origin === 'string') return [coded(path, 'too_long', { max })];
      if (issue.origin === 'array' || issue.origin === 'set') return [coded(path, 'too_many', { max })];
      return [coded(path, 'too_big', { max: num(issue.maximum) })];
    }
    case 'invalid_format':
      if (issue.format === 'email') return [coded(path, 'invalid_email')];
      if (issue.format === 'date') return [coded(path, 'invalid_date')];
      if (issue.format === 'datetime') return [coded(path, 'invalid_datetime')];
      return [coded(path, 'invalid_format', {}, issue.message.startsWith('Invalid') ? undefined : issue.message)];
    case 'invalid_value':
      return [coded(path, 'invalid_choice')];
    case 'custom': {
      const params = issue.params as { code?: unknown; min?: unknown; max?: unknown } | undefined;
      const code = fieldCodes.find((c) => c === params?.code) ?? 'invalid';
      const extra: { min?: number; max?: number } = {};
      if (typeof params?.min === 'number') extra.min = params.min;
      if (typeof params?.max === 'number') extra.max = params.max;
      return [coded(path, code, extra)];
    }
    default:
      return [coded(path, 'invalid')];
  }
}

export function codeIssues(error: z.core.$ZodError, input: unknown): CodedFieldError[] {
  return error.issues.flatMap((i) => codeIssue(i, input));
}
