import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreateCaseRequestSchema } from '../../worker/cases/schemas';
import { codeIssues, fieldCodes, stripInvisible } from '../../worker/platform/field-codes';
import { ClosureSchema, trimmed } from '../../worker/platform/schemas';
import { en, zh } from '../../web-components/src/platform/messages';

const codesOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return codeIssues(r.error, input).map(({ pointer, code, min, max }) => ({ pointer, code, min, max }));
};

const valid = { serviceTypeCode: 'GRV-NOISE', subject: '夜間施工噪音', description: '每天晚上十一點後仍在施工，影響睡眠。' };

describe('field error codes', () => {
  it('name length limits with their numbers', () => {
    expect(codesOf(CreateCaseRequestSchema, { ...valid, subject: 'ab' })).toEqual([{ pointer: '/subject', code: 'too_short', min: 3, max: undefined }]);
    expect(codesOf(CreateCaseRequestSchema, { ...valid, description: 'x'.repeat(5001) })).toEqual([
      { pointer: '/description', code: 'too_long', min: undefined, max: 5000 },
    ]);
  });

  it('say "required" for a missing or blank field, and name unknown fields one by one', () => {
    const { description: _d, ...noDescription } = valid;
    expect(codesOf(CreateCaseRequestSchema, { ...noDescription, extra: 1, more: 2 }).map((e) => [e.pointer, e.code])).toEqual([
      ['/description', 'required'],
      ['/extra', 'unknown_field'],
      ['/more', 'unknown_field'],
    ]);
    expect(codesOf(CreateCaseRequestSchema, { ...valid, subject: '   ' })[0]).toMatchObject({ code: 'required', min: 3 });
  });

  it('count no invisible characters: zero-width spaces and NUL bytes never pass a minimum', () => {
    const invisible = '\u200B\u200C\u200D\u2060\uFEFF\u0000'.repeat(5);
    expect(stripInvisible(invisible)).toBe('');
    expect(codesOf(CreateCaseRequestSchema, { ...valid, description: invisible })[0]).toMatchObject({ code: 'required' });
    expect(codesOf(trimmed(5, 10), 'ab\u0000\u200B\u200Bc')).toEqual([{ pointer: '', code: 'too_short', min: 5, max: undefined }]);
    expect(trimmed(1, 20).parse('  路燈\u200B不亮\u0000 ')).toBe('路燈不亮');
  });

  it('name e-mail, date and choice problems', () => {
    expect(codesOf(z.object({ e: z.email() }), { e: 'nope' })[0]!.code).toBe('invalid_email');
    expect(codesOf(ClosureSchema, { date: '2026-02-31', reason: '颱風停班' })[0]).toMatchObject({ pointer: '/date', code: 'invalid_date' });
    expect(codesOf(z.object({ k: z.enum(['a', 'b']) }), { k: 'c' })[0]!.code).toBe('invalid_choice');
    expect(codesOf(z.object({ n: z.int().min(1) }), { n: 0 })[0]).toMatchObject({ code: 'too_small', min: 1 });
    expect(codesOf(z.object({ n: z.int() }), { n: 1.5 })[0]!.code).toBe('not_integer');
  });

  it('an admin closure scope is "*" or an agency id, nothing else', () => {
    expect(ClosureSchema.safeParse({ date: '2026-09-01', scope: 'TPE-DOT', reason: '颱風停班' }).success).toBe(true);
    for (const scope of ['anything at all', '', 'tpe-dot', '**', "*' OR 1=1"]) {
      expect(codesOf(ClosureSchema, { date: '2026-09-01', scope, reason: '颱風停班' })[0]!.pointer).toBe('/scope');
    }
  });

  it('every code has a message in both languages, stating the numbers it carries', () => {
    for (const code of fieldCodes) {
      for (const table of [zh, en] as Record<string, string>[]) {
        const text = table[`field.${code}`];
        expect(text, `${code}`).toBeTruthy();
        if (['too_short', 'too_small', 'too_few'].includes(code)) expect(text).toContain('{min}');
        if (['too_long', 'too_big', 'too_many', 'range_too_long'].includes(code)) expect(text).toContain('{max}');
      }
    }
    // Chinese messages are Chinese: no raw English from the API leaks into them.
    for (const code of fieldCodes) expect(zh[`field.${code}`]).toMatch(/[\u4e00-\u9fff]/);
  });
});
