import { describe, expect, it } from 'vitest';
import { responseDeadline } from '../../domain/consultations';
import { ConsultationProcess } from '../../workflows/consultation/consultation-process';
import { checkConsultationWorkflowInput } from '../../workflows/consultation/input';
import type { ConsultationWorkflowInput } from '../../workflows/consultation/contract';

const opens = Date.parse('2026-12-01T01:00:00.000Z');
const input = (overrides: Partial<ConsultationWorkflowInput> = {}): ConsultationWorkflowInput => ({
  consultationId: 'C20261201-AAAAAA',
  agencyId: 'TPE-DOT',
  opensAt: new Date(opens).toISOString(),
  closesAt: new Date(opens + 10_000).toISOString(),
  responsePeriod: '8s',
  closures: [],
  ...overrides,
});

describe('the consultation process', () => {
  it('times opening, close, 50 % and 75 % warnings and the overdue flag in order', () => {
    const p = new ConsultationProcess(input());
    const fired: [string, number][] = [];
    for (let timer = p.nextTimer(); timer; timer = p.nextTimer()) {
      const ev = p.fire(timer.kind);
      fired.push([ev?.type ?? 'none', timer.at - opens]);
    }
    expect(fired).toEqual([
      ['opened', 0],
      ['closed', 10_000],
      ['response_warning', 14_000],
      ['response_warning', 16_000],
      ['response_overdue', 18_001],
    ]);
    expect(p.finished).toBe(true);
    expect(p.responseState(opens + 18_001)).toBe('breached');
  });

  it('stops once the report is published', () => {
    const p = new ConsultationProcess(input());
    p.fire('open');
    p.fire('close');
    expect(p.responseState(opens + 10_000)).toBe('on_track');
    p.reportPublished();
    expect(p.currentState).toBe('reported');
    expect(p.nextTimer()).toBeNull();
    expect(p.fire('warn_50')).toBeNull();
  });

  it('never fires a timer twice or out of its state', () => {
    const p = new ConsultationProcess(input());
    expect(p.fire('close')).toBeNull();
    expect(p.fire('open')).toMatchObject({ type: 'opened' });
    expect(p.fire('open')).toBeNull();
    expect(p.fire('overdue')).toBeNull();
  });

  it('counts a legal response period from the closing day like every legal period (Art. 48)', () => {
    // Closes at 00:00 Taipei on 2027-01-31 (the last day is 01-30); 30d → 2027-03-01, the day off
    // for 228 Peace Memorial Day (a Sunday in 2027), so the next working day, 03-02.
    const closesAt = Date.parse('2027-01-30T16:00:00.000Z');
    const d = responseDeadline({ closesAt, period: '30d' });
    expect(new Date(d.dueMs).toISOString()).toBe('2027-03-02T15:59:59.999Z');
    const s = responseDeadline({ closesAt, period: '20s' });
    expect(s.dueMs - closesAt).toBe(20_000);
    expect([s.warn50AtMs - closesAt, s.warn75AtMs - closesAt]).toEqual([10_000, 15_000]);
  });

  it('checks its start input', () => {
    expect(checkConsultationWorkflowInput(input())).toEqual([]);
    expect(checkConsultationWorkflowInput(input({ responsePeriod: 'soon', closesAt: input().opensAt }))).toEqual([
      'closesAt must be after opensAt',
      expect.stringMatching(/^responsePeriod/),
    ]);
    expect(checkConsultationWorkflowInput(null)).toEqual(['input must be an object']);
  });
});
