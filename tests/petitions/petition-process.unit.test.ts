/**
 * The petition state machine, driven directly with explicit instants (the workflow only wires it
 * to Temporal): every command in every state, every timer, and the refusals.
 */
import { describe, expect, it } from 'vitest';
import { PetitionProcess, PetitionRuleError, checkPetitionInput } from '../../workflows/petition/petition-process';
import { type PetitionActor, type PetitionState, type PetitionWorkflowInput, petitionStates, rejectionGrounds } from '../../workflows/petition/contract';

const T0 = Date.parse('2026-03-02T01:00:00.123Z');
const s = (n: number) => T0 + n * 1000;
const manager: PetitionActor = { id: 'u-manager', role: 'manager', agencyId: null };
const admin: PetitionActor = { id: 'u-admin', role: 'admin', agencyId: null };
const citizen: PetitionActor = { id: 'u-citizen', role: 'citizen', agencyId: null };
const dot: PetitionActor = { id: 'u-officer-dot', role: 'officer', agencyId: 'TPE-DOT' };
const dotSup: PetitionActor = { id: 'u-supervisor-dot', role: 'supervisor', agencyId: 'TPE-DOT' };
const dep: PetitionActor = { id: 'u-officer-dep', role: 'officer', agencyId: 'TPE-DEP' };
const points = [{ heading: '增設自行車道', answer: '本局將於明年度規劃。' }];

function input(over: Partial<PetitionWorkflowInput> = {}): PetitionWorkflowInput {
  return {
    petitionId: 'P-20260302-ABCDEF',
    submittedAt: new Date(T0).toISOString(),
    rules: { threshold: 3, reviewPeriod: '10s', endorsementWindow: '20s', responsePeriod: '40s', closeAfter: '5s' },
    closures: [],
    quietPeriods: [],
    ...over,
  };
}

/** A process driven to `state` at second `at` along the usual path. */
function reach(state: PetitionState, over: Partial<PetitionWorkflowInput> = {}): PetitionProcess {
  const p = new PetitionProcess(input(over));
  if (state === 'in_review') return p;
  if (state === 'rejected') return (p.reject(manager, 'advertising', '內容為商業廣告。', undefined, s(1)), p);
  p.publish(manager, s(1));
  if (state === 'open') return p;
  if (state === 'not_passed') return (p.windowClosed(1, s(22)), p);
  p.thresholdSignal(3, s(5));
  if (state === 'passed') return p;
  p.assignAgency(manager, 'TPE-DOT', s(6));
  if (state === 'awaiting_response') return p;
  p.respond(dot, '逐點回應如下。', points, s(10));
  if (state === 'responded') return p;
  p.close(manager, s(11));
  return p;
}

const refuses = (fn: () => unknown, message: string | RegExp) => expect(fn).toThrow(message instanceof RegExp ? message : new RegExp(message));

describe('input check', () => {
  it('accepts a valid start payload', () => expect(checkPetitionInput(input())).toEqual([]));
  it.each([
    [null, 'object'],
    [{ ...input(), petitionId: '' }, 'petitionId'],
    [{ ...input(), submittedAt: 'yesterday' }, 'submittedAt'],
    [{ ...input(), rules: { ...input().rules, threshold: 0 } }, 'threshold'],
    [{ ...input(), rules: { ...input().rules, reviewPeriod: '5wd' } }, 'mixed'],
    [{ ...input(), closures: ['2026/01/01'] }, 'closures'],
    [{ ...input(), quietPeriods: [{ from: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' }] }, 'quietPeriods'],
  ])('refuses %#', (bad, word) => expect(checkPetitionInput(bad).join('; ')).toContain(word));
});

describe('review', () => {
  it('starts in review with the review deadline and notifies proposer and reviewers', () => {
    const p = new PetitionProcess(input());
    expect(p.currentState).toBe('in_review');
    expect(p.started()).toMatchObject({ type: 'review_started', notify: ['proposer', 'reviewers'] });
    expect(p.snapshot()).toMatchObject({ state: 'in_review', reviewDueAt: new Date(s(10)).toISOString(), reviewOverdue: false });
  });

  it('warns reviewers at 50 % and 75 % and flags the review overdue once', () => {
    const p = new PetitionProcess(input());
    expect(p.nextTimer()).toEqual({ kind: 'review_warn_50', at: s(5) });
    expect(p.fire('review_warn_50', s(5))).toMatchObject({ type: 'review_warning', body: { level: 50 }, notify: ['reviewers'] });
    expect(p.nextTimer()).toEqual({ kind: 'review_warn_75', at: s(7.5) });
    expect(p.fire('review_warn_75', s(7.5))).toMatchObject({ body: { level: 75 } });
    expect(p.nextTimer()).toEqual({ kind: 'review_due', at: s(10) + 1 });
    expect(p.fire('review_due', s(10) + 1)).toMatchObject({ type: 'review_overdue' });
    expect(p.snapshot().reviewOverdue).toBe(true);
    expect(p.nextTimer()).toBeNull();
    // A late review still publishes, and says it was late.
    expect(p.publish(manager, s(12)).body).toMatchObject({ onTime: false });
  });

  it('a 75 % warning that comes first swallows the 50 % one', () => {
    const p = new PetitionProcess(input());
    p.fire('review_warn_75', s(8));
    expect(p.fire('review_warn_50', s(8))).toBeNull();
  });

  it('only managers and admins publish or reject, only in review', () => {
    const p = new PetitionProcess(input());
    for (const a of [citizen, dot, dotSup]) refuses(() => p.validatePublish(a), 'Only platform staff');
    refuses(() => p.validatePublish(undefined as unknown as PetitionActor), 'actor is required');
    p.validatePublish(admin);
    const open = reach('open');
    refuses(() => open.validatePublish(manager), 'Cannot publish a petition in state "open"');
    refuses(() => open.validateReject(manager, 'threats', '含有威脅字眼。'), 'Cannot reject');
  });

  it('publishing opens the endorsement window', () => {
    const p = new PetitionProcess(input());
    const d = p.publish(manager, s(2));
    expect(d).toMatchObject({ type: 'published', actorId: 'u-manager', body: { onTime: true, windowEndsAt: new Date(s(22)).toISOString() }, notify: ['proposer'] });
    expect(p.snapshot()).toMatchObject({ state: 'open', publishedAt: new Date(s(2)).toISOString() });
    expect(p.nextTimer()).toEqual({ kind: 'window_end', at: s(22) + 1 });
  });

  it.each(rejectionGrounds.filter((g) => g !== 'duplicate'))('rejects on ground %s with a message to the proposer', (ground) => {
    const p = new PetitionProcess(input());
    expect(p.reject(manager, ground, '不符合提案規範。', undefined, s(3))).toMatchObject({ type: 'rejected', body: { ground, message: '不符合提案規範。' }, notify: ['proposer'] });
    expect(p.finished).toBe(true);
    expect(p.snapshot()).toMatchObject({ state: 'rejected', rejectionGround: ground, closedAt: new Date(s(3)).toISOString() });
  });

  it('a duplicate names the existing petition, never itself', () => {
    const p = new PetitionProcess(input());
    refuses(() => p.validateReject(manager, 'duplicate', '與既有提案重複。'), 'duplicateOf');
    refuses(() => p.validateReject(manager, 'duplicate', '與既有提案重複。', 'P-20260302-ABCDEF'), 'itself');
    expect(p.reject(manager, 'duplicate', '與既有提案重複。', 'P-20260101-ZZZZZZ', s(1)).body).toMatchObject({ duplicateOf: 'P-20260101-ZZZZZZ' });
  });

  it('refuses unknown grounds and short messages', () => {
    const p = new PetitionProcess(input());
    refuses(() => p.validateReject(manager, 'boring' as never, '不喜歡這個提案。'), 'ground must be one of');
    refuses(() => p.validateReject(manager, 'threats', '短'), 'message must be 5');
  });
});

describe('endorsement window', () => {
  it('passes the moment the threshold signal arrives, not at the window end', () => {
    const p = reach('open');
    expect(p.thresholdSignal(2, s(3))).toBeNull();
    const d = p.thresholdSignal(3, s(4));
    expect(d).toMatchObject({ type: 'passed', body: { validCount: 3, threshold: 3 }, notify: ['proposer', 'followers', 'reviewers'] });
    expect(p.snapshot()).toMatchObject({ state: 'passed', passedAt: new Date(s(4)).toISOString(), endedAt: new Date(s(4)).toISOString() });
    // A repeated signal changes nothing.
    expect(p.thresholdSignal(5, s(5))).toBeNull();
    expect(p.nextTimer()).toBeNull();
  });

  it('ignores a signal outside the window and a nonsense count', () => {
    expect(new PetitionProcess(input()).thresholdSignal(10, s(1))).toBeNull();
    expect(reach('open').thresholdSignal(Number.NaN, s(2))).toBeNull();
  });

  it('does not pass when the window ends below the threshold', () => {
    const p = reach('open');
    expect(p.windowClosed(2, s(22))).toMatchObject({ type: 'not_passed', body: { validCount: 2 }, notify: ['proposer', 'followers'] });
    expect(p.finished).toBe(true);
    expect(p.snapshot().state).toBe('not_passed');
  });

  it('passes at the window end when the final count reaches the threshold (a missed signal)', () => {
    const p = reach('open');
    expect(p.windowClosed(3, s(22))?.type).toBe('passed');
  });

  it('quiet periods move an open window by the overlap, with a timeline event', () => {
    const p = reach('open');
    const d = p.setQuietPeriods([{ from: new Date(s(5)).toISOString(), until: new Date(s(15)).toISOString() }]);
    expect(d).toMatchObject({ type: 'window_rescheduled', body: { previousEndsAt: new Date(s(21)).toISOString(), windowEndsAt: new Date(s(31)).toISOString() } });
    expect(p.nextTimer()).toEqual({ kind: 'window_end', at: s(31) + 1 });
    // The same list again changes nothing; an invalid list is ignored.
    expect(p.setQuietPeriods([{ from: new Date(s(5)).toISOString(), until: new Date(s(15)).toISOString() }])).toBeNull();
    expect(p.setQuietPeriods([{ from: 'x', until: 'y' }])).toBeNull();
  });

  it('quiet periods known at submission apply when the window opens', () => {
    const p = new PetitionProcess(input({ quietPeriods: [{ from: new Date(s(3)).toISOString(), until: new Date(s(8)).toISOString() }] }));
    p.publish(manager, s(1));
    expect(p.snapshot().windowEndsAt).toBe(new Date(s(26)).toISOString());
  });

  it('quiet periods do not touch a petition in review', () => {
    const p = new PetitionProcess(input());
    expect(p.setQuietPeriods([{ from: new Date(s(0)).toISOString(), until: new Date(s(100)).toISOString() }])).toBeNull();
    expect(p.nextTimer()?.kind).toBe('review_warn_50');
  });
});

describe('agency and response', () => {
  it('staff assign the competent agency; the response clock starts then', () => {
    const p = reach('passed');
    refuses(() => p.validateAssignAgency(dot, 'TPE-DOT'), 'Only platform staff');
    refuses(() => p.validateAssignAgency(manager, ''), 'agencyId');
    const d = p.assignAgency(manager, 'TPE-DOT', s(6));
    expect(d).toMatchObject({ type: 'agency_assigned', body: { agencyId: 'TPE-DOT', responseDueAt: new Date(s(46)).toISOString() } });
    expect(d.notify).toEqual(['proposer', 'followers', 'agency_officers', 'agency_supervisors']);
    expect(p.snapshot()).toMatchObject({ state: 'awaiting_response', agencyId: 'TPE-DOT', originalResponseDueAt: new Date(s(46)).toISOString() });
    expect(p.nextTimer()).toEqual({ kind: 'response_warn_50', at: s(26) });
  });

  it('warns the agency at 50 % and 75 %, then flags the response overdue in public', () => {
    const p = reach('awaiting_response');
    expect(p.fire('response_warn_50', s(26))).toMatchObject({ type: 'response_warning', body: { level: 50 }, notify: ['agency_officers'] });
    expect(p.fire('response_warn_75', s(36))).toMatchObject({ body: { level: 75 }, notify: ['agency_officers', 'agency_supervisors'] });
    expect(p.nextTimer()).toEqual({ kind: 'response_due', at: s(46) + 1 });
    expect(p.fire('response_due', s(46) + 1)).toMatchObject({ type: 'response_overdue', notify: ['proposer', 'followers', 'agency_supervisors', 'reviewers'] });
    expect(p.snapshot().responseOverdue).toBe(true);
    expect(p.nextTimer()).toBeNull();
    // A late response is accepted and recorded as late.
    expect(p.respond(dot, '逐點回應如下。', points, s(50)).body).toMatchObject({ onTime: false });
    expect(p.snapshot()).toMatchObject({ state: 'responded', respondedOnTime: false });
  });

  it('a transfer keeps the clock running', () => {
    const p = reach('awaiting_response');
    const due = p.snapshot().responseDueAt;
    refuses(() => p.validateTransfer(dep, 'TPE-PWD', '非本局業管。'), 'competent agency');
    refuses(() => p.validateTransfer(dot, 'TPE-DOT', '非本局業管。'), 'already with that agency');
    refuses(() => p.validateTransfer(dot, 'TPE-DEP', '短'), 'reason');
    expect(p.transfer(dot, 'TPE-DEP', '屬環保局業管。')).toMatchObject({ type: 'transferred', body: { fromAgencyId: 'TPE-DOT', toAgencyId: 'TPE-DEP' } });
    expect(p.snapshot()).toMatchObject({ agencyId: 'TPE-DEP', responseDueAt: due });
    // Staff can transfer too; the new agency now answers, the old one cannot.
    refuses(() => p.validateRespond(dot, '逐點回應如下。', points), 'competent agency');
    p.transfer(manager, 'TPE-PWD', '改由工務局回應。');
    expect(p.respond({ id: 'u-pwd', role: 'officer', agencyId: 'TPE-PWD' }, '逐點回應如下。', points, s(20)).body).toMatchObject({ onTime: true });
  });

  it('one public extension before expiry, with a reason, no longer than the period', () => {
    const p = reach('awaiting_response');
    refuses(() => p.validateExtend(dot, '41s', '需要跨局處協調。', s(7)), 'longer than the original');
    refuses(() => p.validateExtend(dot, '30d', '需要跨局處協調。', s(7)), 'same kind of clock');
    refuses(() => p.validateExtend(dot, 'soon', '需要跨局處協調。', s(7)), 'period');
    refuses(() => p.validateExtend(dot, '20s', '短', s(7)), 'reason');
    refuses(() => p.validateExtend(manager, '20s', '需要跨局處協調。', s(7)), 'competent agency');
    refuses(() => p.validateExtend(dot, '20s', '需要跨局處協調。', s(47)), 'before the deadline expires');
    const d = p.extend(dotSup, '20s', '需要跨局處協調。', s(30));
    expect(d).toMatchObject({ type: 'extended', body: { reason: '需要跨局處協調。', previousDueAt: new Date(s(46)).toISOString(), responseDueAt: new Date(s(66)).toISOString() } });
    expect(p.snapshot()).toMatchObject({ extended: true, originalResponseDueAt: new Date(s(46)).toISOString(), responseDueAt: new Date(s(66)).toISOString() });
    refuses(() => p.validateExtend(dot, '5s', '再次延長回應期限。', s(31)), 'only once');
    // Warnings start over within the new window.
    expect(p.nextTimer()).toEqual({ kind: 'response_warn_50', at: s(56) });
  });

  it('a response answers 1–50 points, each with a heading and an answer', () => {
    const p = reach('awaiting_response');
    refuses(() => p.validateRespond(dot, '逐點回應如下。', []), '1–50 points');
    refuses(() => p.validateRespond(dot, '逐點回應如下。', Array.from({ length: 51 }, () => points[0]!)), '1–50 points');
    refuses(() => p.validateRespond(dot, '逐點回應如下。', [{ heading: '', answer: '有答案' }]), 'points.heading');
    refuses(() => p.validateRespond(dot, '短', points), 'summary');
    const d = p.respond(dot, '逐點回應如下。', points, s(10));
    expect(JSON.parse(String(d.body?.response))).toEqual({ summary: '逐點回應如下。', points });
    expect(d.notify).toEqual(['proposer', 'followers']);
  });

  it('records a meeting with the proposer after the response, then closes (by staff or by itself)', () => {
    const p = reach('responded');
    refuses(() => p.validateMeeting(dot, { date: '2026/03/05', attendees: '提案人、承辦人', minutes: '討論路線規劃。' }), 'date');
    expect(p.recordMeeting(dot, { date: '2026-03-05', attendees: '提案人、承辦人', minutes: '討論路線規劃。' })).toMatchObject({ type: 'meeting_recorded' });
    expect(p.nextTimer()).toEqual({ kind: 'auto_close', at: s(15) });
    refuses(() => p.validateClose(dot), 'Only platform staff');
    const auto = reach('responded');
    expect(auto.fire('auto_close', s(15))).toMatchObject({ type: 'closed', body: { automatic: true } });
    expect(auto.finished).toBe(true);
    expect(reach('closed').snapshot()).toMatchObject({ state: 'closed', closedAt: new Date(s(11)).toISOString() });
  });
});

describe('every command in every state', () => {
  const commands: [string, (p: PetitionProcess) => void, PetitionState[]][] = [
    ['publish', (p) => p.validatePublish(manager), ['in_review']],
    ['reject', (p) => p.validateReject(manager, 'threats', '含有威脅字眼。'), ['in_review']],
    ['assign', (p) => p.validateAssignAgency(manager, 'TPE-DOT'), ['passed']],
    ['transfer', (p) => p.validateTransfer(manager, 'TPE-DEP', '屬環保局業管。'), ['awaiting_response']],
    ['extend', (p) => p.validateExtend(dot, '10s', '需要跨局處協調。', s(7)), ['awaiting_response']],
    ['respond', (p) => p.validateRespond(dot, '逐點回應如下。', points), ['awaiting_response']],
    ['meeting', (p) => p.validateMeeting(dot, { date: '2026-03-05', attendees: '提案人', minutes: '討論路線規劃。' }), ['responded']],
    ['close', (p) => p.validateClose(manager), ['responded']],
  ];
  const reachable = petitionStates.filter((st) => st !== 'draft');
  for (const [name, run, allowed] of commands) {
    it(`${name} is allowed only in ${allowed.join(', ')}`, () => {
      for (const st of reachable) {
        const p = reach(st);
        expect(p.currentState).toBe(st);
        if (allowed.includes(st)) expect(() => run(p)).not.toThrow();
        else expect(() => run(p)).toThrow(PetitionRuleError);
      }
    });
  }

  it('finished states have no timer left', () => {
    for (const st of ['rejected', 'not_passed', 'closed'] as const) {
      const p = reach(st);
      expect(p.finished).toBe(true);
      expect(p.nextTimer()).toBeNull();
    }
  });
});
