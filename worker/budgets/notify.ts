/**
 * In-app notifications of a round (voting open, results published) to the residents of its
 * districts, each with a `link` to the round page; keyed by (round, seq, user) so a retried
 * projection notifies once.
 */
import type { BudgetRoundEvent } from '../../workflows/budget-round/contract';
import type { Locale } from '../platform/auth/users';
import { notificationStatement } from '../platform/notifications/db';
import type { NotificationRenderer } from '../platform/notifications/renderers';

const kinds = { voting: 'budget_voting_opened', results: 'budget_results_published' } as const;

export async function notifyRoundEvent(db: D1Database, ev: BudgetRoundEvent, title: string): Promise<number> {
  if (ev.type !== 'phase_started' || (ev.phase !== 'voting' && ev.phase !== 'results')) return 0;
  const { results } = await db
    .prepare(
      `SELECT p.user_id FROM budget_resident_profiles p
       WHERE p.district_code IN (SELECT code FROM budget_districts WHERE round_id = ?)`,
    )
    .bind(ev.roundId)
    .all<{ user_id: string }>();
  if (!results.length) return 0;
  const link = `/budgets/${ev.roundId}`;
  await db.batch(
    results.map((r) =>
      notificationStatement(db, {
        userId: r.user_id,
        dedupeKey: `budget:${ev.roundId}:${ev.seq}:${r.user_id}`,
        link,
        kind: kinds[ev.phase as 'voting' | 'results'],
        params: { roundId: ev.roundId, title, votingEndsAt: ev.schedule.voting },
        at: ev.occurredAt,
      }),
    ),
  );
  return results.length;
}

const texts: Record<Locale, Record<(typeof kinds)[keyof typeof kinds], (p: Record<string, unknown>) => { subject: string; body: string }>> = {
  'zh-TW': {
    budget_voting_opened: (p) => ({ subject: `參與式預算「${String(p.title)}」開放投票`, body: `投票截止時間：${String(p.votingEndsAt)}。` }),
    budget_results_published: (p) => ({ subject: `參與式預算「${String(p.title)}」結果公布`, body: '請至提案頁面查看每一案的計票說明。' }),
  },
  en: {
    budget_voting_opened: (p) => ({ subject: `Participatory budget "${String(p.title)}": voting is open`, body: `Voting closes at ${String(p.votingEndsAt)}.` }),
    budget_results_published: (p) => ({ subject: `Participatory budget "${String(p.title)}": results`, body: 'See on the round page why each project was or was not funded.' }),
  },
};

export const renderBudgetNotification: NotificationRenderer = (kind, locale, params) => {
  const t = texts[locale][kind as keyof (typeof texts)['en']];
  return t ? t(params) : null;
};
