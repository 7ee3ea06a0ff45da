import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  addDays,
  endOfTaipeiDay,
  parsePlainDate,
  slaClock,
  startOfTaipeiDay,
  taipeiDateOf,
  twOfficialCalendar,
} from '../../../domain/index';
import {
  DEFAULT_COMMENT_PERIOD,
  acceptsCommentAt,
  commentPeriod,
  commentPeriodPhase,
  responseDeadline,
  responseStateAt,
  type CommentPeriod,
  type CommentPeriodErrorCode,
  type CommentPeriodInput,
} from '../../../domain/consultations/index';

const d = parsePlainDate;
const cal = twOfficialCalendar();
const HOUR = 3_600_000;
/** 10:00 Taipei time on `date`. */
const at10 = (date: string): number => startOfTaipeiDay(d(date)) + 10 * HOUR;
const midnight = (date: string): number => startOfTaipeiDay(d(date));

function period(input: CommentPeriodInput): CommentPeriod {
  const result = commentPeriod({ calendar: cal, ...input });
  if (!result.ok) expect.fail(JSON.stringify(result.errors));
  return result.value;
}

function errorCodes(input: CommentPeriodInput): CommentPeriodErrorCode[] {
  const result = commentPeriod({ calendar: cal, ...input });
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map((e) => e.code);
}

describe('commentPeriod: computed close (Art. 48 via computeDeadline)', () => {
  it('defaults to 60 days', () => {
    expect(DEFAULT_COMMENT_PERIOD).toBe('60d');
    // Published Mon 2026-03-02; day 60 is Fri 2026-05-01 (勞動節, offices closed) → Mon 2026-05-04.
    expect(period({ opensAt: at10('2026-03-02') })).toEqual({
      opensAt: at10('2026-03-02'),
      closesAt: midnight('2026-05-05'),
      lastDay: '2026-05-04',
      period: '60d',
      shortened: false,
      urgencyReason: null,
    });
  });

  it.each([
    // published, period, last day, shortened — comment
    ['2026-03-02', '60d', '2026-05-04', false], // 05-01 holiday, weekend → Monday
    ['2026-03-02', '61d', '2026-05-04', false], // 05-02 Saturday → Monday
    ['2026-03-09', '60d', '2026-05-08', false], // plain Friday
    ['2026-03-02', '90d', '2026-06-01', false], // 05-31 Sunday → Monday
    ['2026-03-02', '2mo', '2026-05-04', false], // Art. 48 III: start 03-03 → 05-02 (Sat) → Mon
    ['2026-06-01', '2mo', '2026-08-03', false], // 06-02 → 08-01 (Sat) → Mon; 61 days nominal
    ['2026-01-05', '2mo', '2026-03-05', true], // 01-06 → 03-05: Jan–Feb give 59 days < 60
    ['2026-03-02', '59d', '2026-04-30', true],
    ['2026-03-04', '59d', '2026-05-04', true], // nominal 05-02 (Sat) → Mon 05-04: still a 59-day period
    ['2026-03-02', '30d', '2026-04-01', true],
    ['2026-03-02', '45wd', '2026-05-07', false], // the 45th working day is past day 60
    ['2026-03-02', '10wd', '2026-03-16', true],
  ])('published %s, %s → last day %s, shortened %s', (published, p, lastDay, shortened) => {
    const result = commentPeriod({ calendar: cal, opensAt: at10(published), period: p, urgencyReason: '配合法律修正期限' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.lastDay).toBe(lastDay);
    expect(result.value.closesAt).toBe(endOfTaipeiDay(d(lastDay)) + 1);
    expect(result.value.shortened).toBe(shortened);
  });

  it('59 days without a reason is refused, with a reason accepted and the reason kept for display', () => {
    expect(errorCodes({ opensAt: at10('2026-03-02'), period: '59d' })).toEqual(['urgency_reason_required']);
    expect(errorCodes({ opensAt: at10('2026-03-02'), period: '59d', urgencyReason: '  \n ' })).toEqual(['urgency_reason_required']);
    expect(errorCodes({ opensAt: at10('2026-03-02'), period: '59d', urgencyReason: null })).toEqual(['urgency_reason_required']);
    const ok = period({ opensAt: at10('2026-03-02'), period: '59d', urgencyReason: ' 因應颱風災後復建急需 ' });
    expect(ok).toMatchObject({ shortened: true, urgencyReason: '因應颱風災後復建急需', period: '59d' });
  });

  it('60 days needs no reason; a reason given anyway is kept', () => {
    expect(period({ opensAt: at10('2026-03-02'), period: '60d' }).shortened).toBe(false);
    expect(period({ opensAt: at10('2026-03-02'), urgencyReason: '無' }).urgencyReason).toBe('無');
  });

  it('uses the calendar it is given (typhoon closure on the last day moves it)', () => {
    const typhoon = twOfficialCalendar([d('2026-05-04')]);
    const result = commentPeriod({ calendar: typhoon, opensAt: at10('2026-03-02') });
    expect(result.ok && result.value.lastDay).toBe('2026-05-05');
    const plain = new BusinessCalendar();
    const noHolidays = commentPeriod({ calendar: plain, opensAt: at10('2026-03-02') });
    expect(noHolidays.ok && noHolidays.value.lastDay).toBe('2026-05-01');
  });

  it('defaults to the official calendar', () => {
    const result = commentPeriod({ opensAt: at10('2026-03-02') });
    expect(result.ok && result.value.lastDay).toBe('2026-05-04');
  });
});

describe('commentPeriod: explicit close', () => {
  const opensAt = at10('2026-03-02');
  const day60 = addDays(d('2026-03-02'), 60); // 2026-05-01

  it('accepts a close at the end of day 60 or later without a reason', () => {
    const p = period({ opensAt, closesAt: endOfTaipeiDay(day60) + 1 });
    expect(p).toMatchObject({ lastDay: '2026-05-01', period: null, shortened: false, urgencyReason: null });
  });

  it('one millisecond earlier is shorter than 60 days and needs a reason', () => {
    expect(errorCodes({ opensAt, closesAt: endOfTaipeiDay(day60) })).toEqual(['urgency_reason_required']);
    expect(period({ opensAt, closesAt: endOfTaipeiDay(day60), urgencyReason: '配合中央法規施行' })).toMatchObject({ shortened: true, lastDay: '2026-05-01' });
  });

  it('a close at 17:00 on day 60 is shorter (the whole last day counts)', () => {
    expect(errorCodes({ opensAt, closesAt: startOfTaipeiDay(day60) + 17 * HOUR })).toEqual(['urgency_reason_required']);
  });

  it.each<[string, Partial<CommentPeriodInput>, CommentPeriodErrorCode[]]>([
    ['close before open', { closesAt: opensAt - 1 }, ['close_not_after_open']],
    ['close at open', { closesAt: opensAt }, ['close_not_after_open']],
    ['both close and period', { closesAt: opensAt + 1000, period: '60d' }, ['close_and_period_both_given']],
    ['malformed period', { period: '60 days' }, ['invalid_period']],
    ['zero period', { period: '0d' }, ['invalid_period']],
    ['non-integer opensAt', { opensAt: 1.5 }, ['invalid_instant']],
    ['NaN closesAt', { closesAt: Number.NaN }, ['invalid_instant']],
  ])('refuses %s', (_what, patch, codes) => {
    expect(errorCodes({ opensAt, ...patch })).toEqual(codes);
  });
});

describe('accepting a comment at instant t: opensAt <= t < closesAt', () => {
  const p = period({ opensAt: at10('2026-03-02') });

  it.each([
    ['one ms before the notice is published', p.opensAt - 1, { accepted: false, reason: 'not_yet_open' }, 'scheduled'],
    ['the instant of publication', p.opensAt, { accepted: true }, 'open'],
    ['in the middle', p.opensAt + 30 * 24 * HOUR, { accepted: true }, 'open'],
    ['23:59:59.999 on the last day', p.closesAt - 1, { accepted: true }, 'open'],
    ['the close instant (00:00 the day after)', p.closesAt, { accepted: false, reason: 'closed' }, 'closed'],
    ['long after', p.closesAt + 365 * 24 * HOUR, { accepted: false, reason: 'closed' }, 'closed'],
  ])('%s', (_what, t, acceptance, phase) => {
    expect(acceptsCommentAt(p, t)).toEqual(acceptance);
    expect(commentPeriodPhase(p, t)).toBe(phase);
  });

  it('the race at the close is decided by the receipt stamp alone', () => {
    // Received one ms before the close, stored after it: accepted (decided on the stamp).
    const receivedAt = p.closesAt - 1;
    const storedAt = p.closesAt + 250;
    expect(storedAt).toBeGreaterThan(p.closesAt);
    expect(acceptsCommentAt(p, receivedAt).accepted).toBe(true);
    // Started long before, received at the close: refused.
    expect(acceptsCommentAt(p, p.closesAt).accepted).toBe(false);
    expect(taipeiDateOf(p.closesAt - 1)).toBe(p.lastDay);
    expect(taipeiDateOf(p.closesAt)).toBe(addDays(p.lastDay, 1));
  });

  it('rejects a non-integer instant', () => {
    expect(() => acceptsCommentAt(p, Number.NaN)).toThrow(RangeError);
  });
});

describe('response deadline after the close', () => {
  const p = period({ opensAt: at10('2026-03-02') }); // last day 2026-05-04, closes 05-05 00:00

  it('counts 30 days from the last day (default), end of a Taipei working day', () => {
    const r = responseDeadline({ closesAt: p.closesAt, calendar: cal });
    expect(r.period).toBe('30d');
    expect(r.startMs).toBe(p.closesAt);
    expect(taipeiDateOf(r.dueMs)).toBe('2026-06-03');
    expect(r.dueMs).toBe(endOfTaipeiDay(d('2026-06-03')));
  });

  it.each([
    ['2mo', '2026-07-06'], // start 05-05 → 07-04 (Sat) → Mon 07-06
    ['10wd', '2026-05-18'],
    ['1d', '2026-05-05'],
  ])('%s → due %s', (p2, due) => {
    expect(taipeiDateOf(responseDeadline({ closesAt: p.closesAt, period: p2, calendar: cal }).dueMs)).toBe(due);
  });

  it('has the 50 % / 75 % warnings of the SLA clock, in working time', () => {
    const r = responseDeadline({ closesAt: p.closesAt, calendar: cal });
    const clock = slaClock(cal);
    expect(r.warn50AtMs).toBe(clock.warningAt(r.startMs, r.dueMs, 0.5, 'legal'));
    expect(r.warn75AtMs).toBe(clock.warningAt(r.startMs, r.dueMs, 0.75, 'legal'));
    expect(r.startMs < r.warn50AtMs && r.warn50AtMs < r.warn75AtMs && r.warn75AtMs < r.dueMs).toBe(true);
    expect(cal.isWorkingDay(taipeiDateOf(r.warn50AtMs))).toBe(true);
    expect(cal.isWorkingDay(taipeiDateOf(r.warn75AtMs))).toBe(true);
  });

  it('states: on track, warned at 50 % and 75 % (inclusive), breached strictly after the due instant', () => {
    const r = responseDeadline({ closesAt: p.closesAt, calendar: cal });
    expect(responseStateAt(r, r.startMs)).toBe('on_track');
    expect(responseStateAt(r, r.warn50AtMs - 1)).toBe('on_track');
    expect(responseStateAt(r, r.warn50AtMs)).toBe('warned_50');
    expect(responseStateAt(r, r.warn75AtMs)).toBe('warned_75');
    expect(responseStateAt(r, r.dueMs)).toBe('warned_75');
    expect(responseStateAt(r, r.dueMs + 1)).toBe('breached');
  });

  it('an explicit mid-day close counts from that day', () => {
    const closesAt = startOfTaipeiDay(d('2026-05-04')) + 17 * HOUR;
    expect(taipeiDateOf(responseDeadline({ closesAt, period: '1d', calendar: cal }).dueMs)).toBe('2026-05-05');
  });

  it('refuses malformed input', () => {
    expect(() => responseDeadline({ closesAt: p.closesAt, period: '30 days' })).toThrow();
    expect(() => responseDeadline({ closesAt: 1.5 })).toThrow(RangeError);
  });
});
