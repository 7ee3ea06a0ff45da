/**
 * The case rules, tested directly: CaseProcess is a plain state machine with an injected clock
 * (every call takes `now`), so every update in every state and every timer is checked here
 * without Temporal. The workflow tests on the real server cover only the wiring.
 */
import { describe, expect, it } from 'vitest';
import { compactCalendar } from '../../domain/calendar/calendar-edition';
import { TW_OFFICIAL_CALENDAR_DATA } from '../../domain/calendar/tw-official-calendar';
import { CaseProcess, CaseRuleError, type CaseProcessFeatures, type TimerKind, allFeatures } from '../../workflows/case/case-process';
import { type Actor, type CaseState, type CaseWorkflowInput, caseStates } from '../../workflows/case/contract';

const T0 = Date.parse('2026-03-02T01:00:00.000Z'); // Monday 09:00 Taipei
const S = 1000;
const dot: Actor = { id: 'u-officer-dot', role: 'officer', agencyId: 'TPE-DOT' };
const dep: Actor = { id: 'u-officer-dep', role: 'officer', agencyId: 'TPE-DEP' };
const citizen: Actor = { id: 'u-citizen', role: 'citizen', agencyId: null };
const iso = (ms: number) => new Date(ms).toISOString();

function input(overrides: Partial<CaseWorkflowInput> = {}): CaseWorkflowInput {
  return {
    caseId: 'C-1',
    kind: 'application',
    agencyId: 'TPE-DOT',
    serviceTypeCode: 'APP-X',
    receivedAt: iso(T0),
    ackPeriod: '30s',
    resolutionPeriod: '60s',
    closures: [],
    ...overrides,
    // Seconds clocks need seconds supplement periods (a day-based default would be refused).
    sla: { supplementPeriod: '20s', supplementReminderBefore: '5s', ...overrides.sla },
  };
}

/** The staff member who may act on the case now (its agency changes on transfer). */
const staffOf = (p: CaseProcess): Actor => (p.snapshot(T0).agencyId === 'TPE-DEP' ? dep : dot);

/** Paths that bring a fresh application into each state, at T0 + 1 s per step. */
const paths: Record<CaseState, (p: CaseProcess) => void> = {
  received: () => {},
  accepted: (p) => p.accept(dot, T0 + S),
  in_progress: (p) => p.assign(dot, dot.id, T0 + S),
  awaiting_supplement: (p) => p.requestSupplement(dot, '請補附現場照片。', undefined, T0 + S),
  transferred: (p) => p.transfer(dot, 'TPE-DEP', '屬環保局權責。', T0 + S),
  extended: (p) => p.extend(dot, '30s', '需會勘現場並協調。', T0 + S),
  replied: (p) => p.reply(dot, '已派員處理完畢。', T0 + S),
  closed: (p) => {
    p.reply(dot, '已派員處理完畢。', T0 + S);
    p.close(dot, T0 + 2 * S);
  },
  reopened: (p) => {
    p.reply(dot, '已派員處理完畢。', T0 + S);
    p.reopen(citizen, '問題仍未改善，請再處理。', T0 + 2 * S);
  },
  not_processed: (p) => p.notProcessed(dot, 'duplicate', '與另案重複陳情。', T0 + S),
};

function inState(state: CaseState, overrides: Partial<CaseWorkflowInput> = {}, features: CaseProcessFeatures = allFeatures): CaseProcess {
  const p = new CaseProcess(input(overrides), features);
  paths[state](p);
  expect(p.currentState).toBe(state);
  return p;
}

const NOW = T0 + 5 * S;
type Command = (p: CaseProcess, actor: Actor) => { type: string } | null;
const commands: Record<string, Command> = {
  accept: (p, a) => p.accept(a, NOW),
  assign: (p, a) => p.assign(a, a.id, NOW),
  requestSupplement: (p, a) => p.requestSupplement(a, '請補附身分證明文件。', undefined, NOW),
  supplementReceived: (p, a) => p.supplementReceived(a, '已補上文件。', NOW),
  extend: (p, a) => p.extend(a, '20s', '需協調其他機關意見。', NOW),
  transfer: (p, a) => p.transfer(a, a.agencyId === 'TPE-DOT' ? 'TPE-DEP' : 'TPE-DOT', '屬他機關權責。', NOW),
  reply: (p, a) => p.reply(a, '已完成處理，謝謝。', NOW),
  close: (p, a) => p.close(a, NOW),
  reopen: (p, a) => p.reopen(a, '仍未改善，請再處理。', NOW),
  notProcessed: (p, a) => p.notProcessed(a, 'anonymous', '匿名且無具體內容。', NOW),
};

const open: CaseState[] = ['received', 'accepted', 'awaiting_supplement', 'in_progress', 'transferred', 'extended', 'reopened'];
/** command → states it is allowed in → [event type, resulting state ('same' = unchanged)] */
const allowed: Record<string, Partial<Record<CaseState, [string, CaseState | 'same']>>> = {
  accept: { received: ['accepted', 'accepted'], transferred: ['accepted', 'accepted'] },
  assign: Object.fromEntries(
    open.map((s) => [s, ['assigned', ['received', 'accepted', 'transferred'].includes(s) ? 'in_progress' : 'same']]),
  ),
  requestSupplement: Object.fromEntries(
    (['received', 'accepted', 'in_progress', 'extended', 'reopened'] as const).map((s) => [s, ['supplement_requested', 'awaiting_supplement']]),
  ),
  supplementReceived: { awaiting_supplement: ['supplement_received', 'in_progress'] },
  extend: Object.fromEntries((['received', 'accepted', 'in_progress', 'reopened'] as const).map((s) => [s, ['extended', 'extended']])),
  transfer: Object.fromEntries(
    (['received', 'accepted', 'in_progress', 'transferred', 'reopened'] as const).map((s) => [s, ['transferred', 'transferred']]),
  ),
  reply: Object.fromEntries(open.map((s) => [s, ['replied', 'replied']])),
  close: { replied: ['closed', 'closed'] },
  reopen: { replied: ['reopened', 'reopened'] },
  notProcessed: Object.fromEntries(open.map((s) => [s, ['not_processed', 'not_processed']])),
};

const refusal = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(CaseRuleError);
    return (e as CaseRuleError).code;
  }
};

describe('every update in every state', () => {
  const table = Object.keys(commands).flatMap((command) => caseStates.map((state) => [command, state] as const));

  it.each(table)('%s in %s', (command, state) => {
    const p = inState(state);
    const actor = staffOf(p);
    const before = p.snapshot(NOW);
    const expected = allowed[command]![state];
    if (expected) {
      const draft = commands[command]!(p, actor);
      expect(draft?.type).toBe(expected[0]);
      expect(p.currentState).toBe(expected[1] === 'same' ? state : expected[1]);
    } else {
      // 'extended' refuses a second extension by rule, not by state; everything else by state.
      expect(refusal(() => commands[command]!(p, actor))).toBe(command === 'extend' && state === 'extended' ? 'extension-already-used' : 'wrong-state');
      expect(p.snapshot(NOW)).toEqual(before);
    }
  });
});

describe('who may act', () => {
  it.each(['accept', 'assign', 'requestSupplement', 'extend', 'transfer', 'reply', 'notProcessed'])('%s: staff of the handling agency only', (command) => {
    expect(refusal(() => commands[command]!(inState('received'), citizen))).toBe('not-staff');
    expect(refusal(() => commands[command]!(inState('received'), dep))).toBe('other-agency');
    expect(refusal(() => commands[command]!(inState('received'), { id: '', role: 'officer', agencyId: 'TPE-DOT' }))).toBe('actor-required');
  });

  it('the citizen may answer a supplement request and reopen an answer', () => {
    expect(commands.supplementReceived!(inState('awaiting_supplement'), citizen)?.type).toBe('supplement_received');
    expect(commands.reopen!(inState('replied'), citizen)?.type).toBe('reopened');
  });

  it('after a transfer only the receiving agency acts', () => {
    const p = inState('transferred');
    expect(refusal(() => p.accept(dot, NOW))).toBe('other-agency');
    expect(p.accept(dep, NOW).type).toBe('accepted');
  });
});

describe('rules beyond the state', () => {
  it('extension: applications only, once, before expiry, no longer than the original period', () => {
    expect(refusal(() => inState('received', { kind: 'grievance' }).extend(dot, '10s', '需協調其他機關。', NOW))).toBe('extension-grievance');
    expect(refusal(() => inState('received').extend(dot, '61s', '需協調其他機關。', NOW))).toBe('extension-too-long');
    expect(refusal(() => inState('received').extend(dot, '10s', '需協調其他機關。', T0 + 61 * S))).toBe('extension-after-expiry');
    expect(refusal(() => inState('received').extend(dot, '2d', '需協調其他機關。', NOW))).toBe('period-clock-mismatch');
    expect(refusal(() => inState('received').extend(dot, 'soon', '需協調其他機關。', NOW))).toBe('period-invalid');
    const p = inState('received');
    const before = p.snapshot(NOW);
    p.extend(dot, '60s', '需協調其他機關意見。', NOW);
    const after = p.snapshot(NOW);
    expect(Date.parse(after.resolutionDueAt) - Date.parse(before.resolutionDueAt)).toBe(60 * S);
    expect(after.originalResolutionDueAt).toBe(before.resolutionDueAt);
  });

  it('texts, codes and targets are checked', () => {
    expect(refusal(() => inState('received').reply(dot, 'ok', NOW))).toBe('text-length');
    expect(refusal(() => inState('received').transfer(dot, 'TPE-DOT', '同一機關。', NOW))).toBe('transfer-same-agency');
    expect(refusal(() => inState('received').transfer(dot, '', '沒有目標機關。', NOW))).toBe('transfer-target-required');
    expect(refusal(() => inState('received').assign(dot, '', NOW))).toBe('assignee-required');
    expect(refusal(() => inState('received').notProcessed(dot, 'bogus' as 'anonymous', '不予處理的理由。', NOW))).toBe('not-processed-code');
  });

  it('a supplement pause moves the deadline by the time it took', () => {
    const p = inState('received');
    const due = Date.parse(p.snapshot(NOW).resolutionDueAt);
    p.requestSupplement(dot, '請補附現場照片。', undefined, T0 + 10 * S);
    expect(p.snapshot(T0 + 12 * S)).toMatchObject({ sla: 'paused', state: 'awaiting_supplement' });
    p.supplementReceived(citizen, '已補上。', T0 + 25 * S);
    expect(Date.parse(p.snapshot(T0 + 25 * S).resolutionDueAt) - due).toBe(15 * S);
  });

  it('a transfer keeps the citizen deadline and records whether it was timely', () => {
    const p = new CaseProcess(input({ sla: { transferWindow: '5s' } }));
    const due = p.snapshot(T0).resolutionDueAt;
    p.transfer(dot, 'TPE-DEP', '屬環保局權責。', T0 + 3 * S);
    const s = p.snapshot(T0 + 3 * S);
    expect(s.resolutionDueAt).toBe(due);
    expect(s.legs.map((l) => [l.agencyId, l.timely])).toEqual([
      ['TPE-DOT', true],
      ['TPE-DEP', null],
    ]);
    const late = new CaseProcess(input({ sla: { transferWindow: '5s' } }));
    late.transfer(dot, 'TPE-DEP', '屬環保局權責。', T0 + 6 * S);
    expect(late.snapshot(T0 + 6 * S).legs[0]!.timely).toBe(false);
  });
});

/** Fires timers in order until `until` or `max` events, as the workflow's loop does. */
function run(p: CaseProcess, until: number, max = 20): { kind: TimerKind; at: number; type: string | null }[] {
  const fired: { kind: TimerKind; at: number; type: string | null }[] = [];
  for (let t = p.nextTimer(); t && t.at <= until && fired.length < max; t = p.nextTimer()) {
    fired.push({ kind: t.kind, at: t.at - T0, type: p.fire(t.kind, t.at)?.type ?? null });
  }
  return fired;
}

describe('every timer', () => {
  const seconds = { ackPeriod: '2s', resolutionPeriod: '8s', sla: { escalationRepeat: '2s' } };

  it('a missed acknowledgement is a breach: oversight is told, the SLA state is breached, and it escalates until acknowledged', () => {
    const p = new CaseProcess(input(seconds));
    expect(run(p, T0 + 5 * S).map((f) => [f.kind, f.at])).toEqual([
      ['ack_due', 2001],
      ['warn_50', 4000],
      ['escalate', 4001],
    ]);
    const s = p.snapshot(T0 + 5 * S);
    expect(s).toMatchObject({ sla: 'breached', ackMissed: true, answerMissed: false, escalations: 1 });
    p.accept(dot, T0 + 5 * S);
    // Acknowledged: the acknowledgement escalations stop; the answer deadline still runs.
    expect(run(p, T0 + 20 * S).map((f) => [f.kind, f.at])).toEqual([
      ['warn_75', 6000],
      ['breach', 8001],
      ['escalate', 10001],
      ['escalate', 12001],
      ['escalate', 14001],
      ['escalate', 16001],
      ['escalate', 18001],
    ]);
    expect(p.snapshot(T0 + 20 * S)).toMatchObject({ sla: 'breached', ackMissed: true, answerMissed: true });
  });

  it('cases started before that change keep the old acknowledgement timer (no breach, no escalation)', () => {
    const p = new CaseProcess(input(seconds), { ...allFeatures, ackBreach: false });
    const fired = run(p, T0 + 11 * S);
    expect(fired.map((f) => f.kind)).toEqual(['ack_due', 'warn_50', 'warn_75', 'breach', 'escalate']);
    expect(p.snapshot(T0 + 3 * S).ackMissed).toBe(false);
  });

  it('the acknowledgement breach notifies supervisors and the oversight unit and says which deadline', () => {
    const p = new CaseProcess(input(seconds));
    expect(p.fire('ack_due', T0 + 2001)).toMatchObject({
      type: 'ack_overdue',
      body: { deadline: 'ack', breach: true },
      notify: ['agency_officers', 'supervisors', 'oversight'],
    });
    expect(p.fire('breach', T0 + 8001)).toMatchObject({ type: 'sla_breached', body: { deadline: 'answer' } });
  });

  it('an acknowledged case warns at 50 % and 75 %, breaches, and re-escalates', () => {
    const p = new CaseProcess(input(seconds));
    p.accept(dot, T0 + S);
    expect(run(p, T0 + 13 * S).map((f) => [f.type, f.at])).toEqual([
      ['sla_warning', 4000],
      ['sla_warning', 6000],
      ['sla_breached', 8001],
      ['sla_escalated', 10001],
      ['sla_escalated', 12001],
    ]);
  });

  it('supplement: reminder, then overdue; no SLA timers while paused', () => {
    const p = new CaseProcess(input({ resolutionPeriod: '60s', sla: { supplementPeriod: '10s', supplementReminderBefore: '4s' } }));
    p.requestSupplement(dot, '請補附現場照片。', undefined, T0 + S);
    expect(run(p, T0 + 30 * S).map((f) => [f.type, f.at])).toEqual([
      ['supplement_reminder', 7000],
      ['supplement_overdue', 11001],
    ]);
    expect(p.nextTimer()).toBeNull();
  });

  it('a reply closes by itself after the auto-close period, which ends the process', () => {
    const p = new CaseProcess(input({ sla: { autoCloseAfter: '3s' } }));
    p.reply(dot, '已派員處理完畢。', T0 + S);
    expect(run(p, T0 + 10 * S).map((f) => [f.type, f.at])).toEqual([['closed', 4000]]);
    expect(p.finished).toBe(true);
    expect(p.nextTimer()).toBeNull();
  });

  it('a late start (right after an extension) passes both warnings at once with one event', () => {
    const p = new CaseProcess(input({ resolutionPeriod: '8s' }));
    p.accept(dot, T0 + S);
    p.extend(dot, '1s', '需再協調。', T0 + 7 * S);
    const fired = run(p, T0 + 8500);
    expect(fired.filter((f) => f.type === 'sla_warning')).toHaveLength(1);
  });
});

describe('calendar in the input and by signal', () => {
  const legal = (receivedAt: string, overrides: Partial<CaseWorkflowInput> = {}) =>
    input({ kind: 'grievance', receivedAt, ackPeriod: '3wd', resolutionPeriod: '30d', sla: { supplementPeriod: '7d', supplementReminderBefore: '3wd' }, ...overrides });

  it('counts with the calendar in the input; without one, with the frozen edition it started with', () => {
    // Fri 2025-09-26: the June 2025 revision made Mon 09-29 a holiday.
    const at = '2025-09-26T02:00:00.000Z';
    const current = compactCalendar(TW_OFFICIAL_CALENDAR_DATA);
    expect(new CaseProcess(legal(at, { calendar: current })).snapshot(T0).ackDueAt).toBe('2025-10-02T15:59:59.999Z');
    expect(new CaseProcess(legal(at)).snapshot(T0).ackDueAt).toBe('2025-10-01T15:59:59.999Z');
    // Replaying a case that started before calendars travelled ignores one in its input.
    expect(new CaseProcess(legal(at, { calendar: current }), { ...allFeatures, calendarFromInput: false }).snapshot(T0).ackDueAt).toBe(
      '2025-10-01T15:59:59.999Z',
    );
  });

  it('a closure on the deadline day moves it to the next working day, with an event for the citizen', () => {
    // Mon 2026-03-02: 3 working days → Thu 03-05; 30 days → Wed 04-01.
    const p = new CaseProcess(legal(iso(T0)));
    expect(p.snapshot(T0)).toMatchObject({ ackDueAt: '2026-03-05T15:59:59.999Z', resolutionDueAt: '2026-04-01T15:59:59.999Z' });
    const draft = p.changeCalendar({ reason: 'office_closure', closures: ['2026-03-04', '2026-04-01'] }, T0 + S);
    expect(draft).toMatchObject({
      type: 'deadlines_moved',
      body: { reason: 'office_closure', previousAckDueAt: '2026-03-05T15:59:59.999Z', ackDueAt: '2026-03-06T15:59:59.999Z', resolutionDueAt: '2026-04-02T15:59:59.999Z' },
      notify: ['citizen', 'assignee'],
    });
    expect(p.nextTimer()).toMatchObject({ kind: 'ack_due', at: Date.parse('2026-03-06T15:59:59.999Z') + 1 });
    // The same closure again changes nothing and says nothing.
    expect(p.changeCalendar({ reason: 'office_closure', closures: ['2026-03-04'] }, T0 + 2 * S)).toBeNull();
  });

  it('never shortens a running deadline, and leaves passed deadlines and seconds clocks alone', () => {
    const p = new CaseProcess(legal(iso(T0)));
    const empty = { edition: 'empty', firstDate: '2026-01-01', lastDate: '2026-12-31', holidays: [], workdays: ['2026-03-07'] };
    expect(p.changeCalendar({ reason: 'calendar_revision', calendar: empty }, T0 + S)).toBeNull();
    const late = new CaseProcess(legal(iso(T0)));
    // The acknowledgement deadline of 03-05 has passed: a closure declared for it afterwards moves nothing.
    expect(late.changeCalendar({ reason: 'office_closure', closures: ['2026-03-05'] }, Date.parse('2026-03-06T01:00:00.000Z'))).toBeNull();
    expect(late.snapshot(T0).ackDueAt).toBe('2026-03-05T15:59:59.999Z');
    expect(new CaseProcess(input()).changeCalendar({ reason: 'office_closure', closures: ['2026-03-02'] }, T0 + S)).toBeNull();
  });

  it('after a pause the answer deadline is not counted again from receipt, only moved off a closed day', () => {
    const p = new CaseProcess(legal(iso(T0)));
    p.requestSupplement(dot, '請補附照片。', '7d', T0 + S);
    p.supplementReceived(citizen, '已補上。', Date.parse('2026-03-04T02:00:00.000Z'));
    const due = p.snapshot(T0).resolutionDueAt;
    expect(p.changeCalendar({ reason: 'office_closure', closures: ['2026-03-10'] }, Date.parse('2026-03-04T03:00:00.000Z'))).toBeNull();
    const dueDay = due.slice(0, 10);
    const moved = p.changeCalendar({ reason: 'office_closure', closures: [dueDay] }, Date.parse('2026-03-04T03:00:00.000Z'));
    expect(Date.parse(moved!.body!.resolutionDueAt as string)).toBeGreaterThan(Date.parse(due));
  });
});

describe('priority tiers (最速件 / 速件 / 普通件)', () => {
  it.each([
    ['most_urgent', '2026-03-03T15:59:59.999Z'],
    ['urgent', '2026-03-05T15:59:59.999Z'],
    ['normal', '2026-03-10T15:59:59.999Z'],
  ] as const)('%s sets each agency leg’s internal due date', (priority, legDue) => {
    const p = new CaseProcess(input({ kind: 'grievance', ackPeriod: '3wd', resolutionPeriod: '30d', priority }));
    const s = p.snapshot(T0);
    expect(s.legs[0]!.dueAt).toBe(legDue);
    expect(s.resolutionDueAt).toBe('2026-04-01T15:59:59.999Z');
  });

  it('without a tier the leg is due with the citizen’s deadline', () => {
    const s = new CaseProcess(input({ kind: 'grievance', ackPeriod: '3wd', resolutionPeriod: '30d' })).snapshot(T0);
    expect(s.legs[0]!.dueAt).toBe(s.resolutionDueAt);
  });
});
