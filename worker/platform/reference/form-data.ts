import type { FormField } from './db';
import type { FieldError } from '../problem';

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
  const err = (name: string, detail: string) => errors.push({ pointer: `/formData/${name}`, in: 'body', detail });
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(input)) if (!known.has(key)) err(key, 'Unknown field.');
  for (const f of fields) {
    const v = input[f.name];
    if (v === undefined || v === null || v === '') {
      if (f.required) err(f.name, 'Required.');
      continue;
    }
    switch (f.type) {
      case 'text':
      case 'textarea':
        if (typeof v !== 'string') err(f.name, 'Must be text.');
        else if (v.length > (f.maxLength ?? (f.type === 'text' ? 200 : 5000))) err(f.name, 'Too long.');
        else value[f.name] = v.trim();
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) err(f.name, 'Must be a number.');
        else value[f.name] = v;
        break;
      case 'date':
        if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
          err(f.name, 'Must be a date (YYYY-MM-DD).');
        } else value[f.name] = v;
        break;
      case 'select':
        if (typeof v !== 'string' || !f.options?.some((o) => o.value === v)) err(f.name, 'Not one of the options.');
        else value[f.name] = v;
        break;
      case 'checkbox':
        if (typeof v !== 'boolean') err(f.name, 'Must be true or false.');
        else if (f.required && !v) err(f.name, 'Must be checked.');
        else value[f.name] = v;
        break;
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}
