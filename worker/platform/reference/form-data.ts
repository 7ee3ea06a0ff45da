import type { FormField } from './db';
import { isPlainDate } from '../../../domain/calendar/plain-date';
import { type FieldCode, englishDetail, stripInvisible } from '../field-codes';
import type { FieldError } from '../problem';

/** Number fields without their own bounds: no negatives, nothing beyond a billion (1e308 is no length). */
const DEFAULT_MIN = 0;
const DEFAULT_MAX = 1_000_000_000;

type Value = string | number | boolean;

/**
 * Checks the extra fields a service type asks for (its form schema): required ones present,
 * types and options respected, nothing unknown. Errors point at /formData/<name>.
 */
export function checkFormData(
  fields: FormField[],
  data: Record<string, unknown> | undefined,
): { ok: true; value: Record<string, Value> } | { ok: false; errors: FieldError[] } {
  const input = data ?? {};
  const errors: FieldError[] = [];
  const value: Record<string, Value> = {};
  const err = (name: string, code: FieldCode, extra: { min?: number; max?: number } = {}) =>
    errors.push({ pointer: `/formData/${name}`, in: 'body', code, ...extra, detail: englishDetail({ code, ...extra }) });
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(input)) if (!known.has(key)) err(key, 'unknown_field');
  for (const f of fields) {
    const raw = input[f.name];
    const v = typeof raw === 'string' ? stripInvisible(raw).trim() : raw;
    if (v === undefined || v === null || v === '') {
      if (f.required) err(f.name, 'required');
      continue;
    }
    switch (f.type) {
      case 'text':
      case 'textarea': {
        const max = f.maxLength ?? (f.type === 'text' ? 200 : 5000);
        if (typeof v !== 'string') err(f.name, 'invalid_type');
        else if (v.length > max) err(f.name, 'too_long', { max });
        else value[f.name] = v;
        break;
      }
      case 'number': {
        const min = f.min ?? DEFAULT_MIN;
        const max = f.max ?? DEFAULT_MAX;
        if (typeof v !== 'number' || !Number.isFinite(v)) err(f.name, 'invalid_type');
        else if (v < min) err(f.name, 'too_small', { min });
        else if (v > max) err(f.name, 'too_big', { max });
        else value[f.name] = v;
        break;
      }
      case 'date':
        // isPlainDate rejects days a month does not have (2026-02-31), which Date.parse rolls over.
        if (typeof v !== 'string' || !isPlainDate(v)) err(f.name, 'invalid_date');
        else value[f.name] = v;
        break;
      case 'select':
        if (typeof v !== 'string' || !f.options?.some((o) => o.value === v)) err(f.name, 'invalid_choice');
        else value[f.name] = v;
        break;
      case 'checkbox':
        if (typeof v !== 'boolean') err(f.name, 'invalid_type');
        else if (f.required && !v) err(f.name, 'must_be_checked');
        else value[f.name] = v;
        break;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}
