import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf, seedDemo } from '../support/api-helpers';

beforeEach(seedDemo);

const permit = {
  serviceTypeCode: 'APP-ROAD-DIG',
  subject: '自來水管線汰換挖掘',
  description: '配合自來水管線汰換，申請挖掘民生東路慢車道約 30 公尺。',
  formData: { contractor: '大安營造', startDate: '2026-12-15', lengthMetres: 30, purpose: 'water' },
};

const codes = async (res: Response) => (await problemOf(res)).errors!.map((e) => ({ ...e }) as Record<string, unknown>);

describe('every field error carries a stable code and its numbers', () => {
  it('lengths: code, min and max beside the English detail', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const res = await call('/api/v1/cases', { cookie, json: { ...permit, subject: 'ab', description: 'd'.repeat(5001) } });
    expect(res.status).toBe(422);
    const errors = await codes(res);
    expect(errors).toContainEqual({ pointer: '/subject', in: 'body', code: 'too_short', min: 3, detail: 'Use at least 3 characters.' });
    expect(errors).toContainEqual({ pointer: '/description', in: 'body', code: 'too_long', max: 5000, detail: 'Use at most 5000 characters.' });
  });

  it('texts of zero-width characters or NUL bytes are empty, not long enough', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const res = await call('/api/v1/cases', {
      cookie,
      json: { ...permit, subject: '\u200B\u200B\u200B\u200B', description: '\u0000'.repeat(20) },
    });
    expect(res.status).toBe(422);
    expect((await codes(res)).map((e) => [e.pointer, e.code])).toEqual([
      ['/subject', 'required'],
      ['/description', 'required'],
    ]);
  });

  it('form fields: a date that does not exist, a negative or astronomic number', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    for (const [formData, pointer, expected] of [
      [{ startDate: '2026-02-31' }, '/formData/startDate', { code: 'invalid_date' }],
      [{ lengthMetres: -5 }, '/formData/lengthMetres', { code: 'too_small', min: 0 }],
      [{ lengthMetres: 1e308 }, '/formData/lengthMetres', { code: 'too_big', max: 1_000_000_000 }],
      [{ purpose: 'gas' }, '/formData/purpose', { code: 'invalid_choice' }],
      [{ contractor: '\u200B\u0000' }, '/formData/contractor', { code: 'required' }],
    ] as const) {
      const res = await call('/api/v1/cases', { cookie, json: { ...permit, formData: { ...permit.formData, ...formData } } });
      expect(res.status, pointer).toBe(422);
      expect(await codes(res)).toEqual([expect.objectContaining({ pointer, ...expected })]);
    }
  });

  it('query and path errors carry codes too', async () => {
    const cookie = await login('officer.dot@demo.civic.tw');
    const res = await call('/api/v1/cases/inbox?sla=late', { cookie });
    expect(res.status).toBe(422);
    expect(await codes(res)).toEqual([expect.objectContaining({ pointer: '/sla', in: 'query', code: 'invalid_choice' })]);
  });

  it('an admin closure names an existing agency or "*"', async () => {
    const cookie = await login('admin@demo.civic.tw');
    const any = await call('/api/v1/admin/closures', { cookie, json: { date: '2026-09-01', scope: 'anything goes', reason: '颱風停班' } });
    expect(any.status).toBe(422);
    expect(await codes(any)).toEqual([expect.objectContaining({ pointer: '/scope', code: 'invalid_format' })]);
    const unknown = await call('/api/v1/admin/closures', { cookie, json: { date: '2026-09-01', scope: 'TPE-NOPE', reason: '颱風停班' } });
    expect(await codes(unknown)).toEqual([expect.objectContaining({ pointer: '/scope', code: 'unknown_reference' })]);
    const ok = await call('/api/v1/admin/closures', { cookie, json: { date: '2026-09-01', scope: 'TPE-DOT', reason: '颱風停班' } });
    expect(ok.status).toBe(201);
  });
});
