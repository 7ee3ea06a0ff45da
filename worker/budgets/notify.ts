/**
 * Notifications of the budgeting leg, in-app (with a `link` to the round page) and by e-mail in
 * the account's language:
 * - voting opened, results published: in-app to the residents of the round's districts; in-app
 *   and e-mail to the round's followers and the residents who proposed its projects;
 * - a proposal accepted (with its cost) or rejected (with the reason): its proposer;
 * - implementation progress of a project: its proposer and the round's followers.
 * Secret ballot: voters are never an audience; nothing here reads the ballot box or the has-voted
 * list. Every row is keyed (dedupe key) so a retried projection or request notifies once.
 */
import type { BudgetRoundEvent } from '../../workflows/budget-round/contract';
import type { Locale } from '../platform/auth/users';
import { sha256Hex } from '../platform/crypto';
import type { Bindings } from '../platform/env';
import { emailStatement, notificationStatement } from '../platform/notifications/db';
import type { NotificationRenderer } from '../platform/notifications/renderers';

export const budgetNoticeKinds = [
  'budget_voting_opened',
  'budget_results_published',
  'budget_project_accepted',
  'budget_project_rejected',
  'budget_project_progress',
] as const;
type Kind = (typeof budgetNoticeKinds)[number];
type Params = Record<string, unknown>;

interface RecipientRow {
  id: string;
  locale: Locale;
  email_enabled: number;
  /** 1: gets e-mail (follower or proposer); 0: in-app only (a resident of a district). */
  mail: number;
}

const base = `SELECT u.id, u.locale, COALESCE(np.enabled, 1) AS email_enabled
  FROM users u LEFT JOIN notification_preferences np ON np.user_id = u.id AND np.channel = 'email'`;

const s = (v: unknown) => String(v ?? '');
const ntd = (v: unknown) => `NT$${Number(v).toLocaleString('en-US')}`;
/** An instant as Taipei wall-clock time (e-mails have no reader's time zone to go by). */
const taipei = (iso: unknown) => new Date(Date.parse(s(iso)) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

const texts: Record<Locale, Record<Kind, (p: Params) => { subject: string; body: string }>> = {
  'zh-TW': {
    budget_voting_opened: (p) => ({ subject: `參與式預算「${s(p.title)}」開放投票`, body: `投票截止時間：${taipei(p.votingEndsAt)}（台北時間）。` }),
    budget_results_published: (p) => ({ subject: `參與式預算「${s(p.title)}」結果公布`, body: '請至提案頁面查看每一案的計票說明。' }),
    budget_project_accepted: (p) => ({
      subject: `您的提案「${s(p.project)}」通過可行性評估`,
      body: `參與式預算「${s(p.title)}」：經費核定為 ${ntd(p.cost)}，將列入投票。${p.reason ? `審查說明：${s(p.reason)}` : ''}`,
    }),
    budget_project_rejected: (p) => ({ subject: `您的提案「${s(p.project)}」未通過可行性評估`, body: `參與式預算「${s(p.title)}」。理由：${s(p.reason)}` }),
    budget_project_progress: (p) => ({
      subject: `參與式預算提案「${s(p.project)}」執行進度：${zhStatus[s(p.status)] ?? s(p.status)}`,
      body: s(p.note),
    }),
  },
  en: {
    budget_voting_opened: (p) => ({ subject: `Participatory budget "${s(p.title)}": voting is open`, body: `Voting closes at ${taipei(p.votingEndsAt)} (Taipei time).` }),
    budget_results_published: (p) => ({ subject: `Participatory budget "${s(p.title)}": results`, body: 'See on the round page why each project was or was not funded.' }),
    budget_project_accepted: (p) => ({
      subject: `Your proposal "${s(p.project)}" passed the feasibility review`,
      body: `Participatory budget "${s(p.title)}": costed at ${ntd(p.cost)}, it will be on the ballot.${p.reason ? ` Review note: ${s(p.reason)}` : ''}`,
    }),
    budget_project_rejected: (p) => ({ subject: `Your proposal "${s(p.project)}" did not pass the feasibility review`, body: `Participatory budget "${s(p.title)}". Reason: ${s(p.reason)}` }),
    budget_project_progress: (p) => ({
      subject: `Participatory budget project "${s(p.project)}": ${enStatus[s(p.status)] ?? s(p.status)}`,
      body: s(p.note),
    }),
  },
};
const zhStatus: Record<string, string> = { planned: '規劃中', in_progress: '施工中', completed: '已完成', cancelled: '已取消' };
const enStatus: Record<string, string> = { planned: 'planned', in_progress: 'in progress', completed: 'completed', cancelled: 'cancelled' };

export const renderBudgetNotification: NotificationRenderer = (kind, locale, params) => {
  const t = texts[locale][kind as Kind];
  return t ? t(params) : null;
};

const CHUNK = 50;

interface Notice {
  key: string;
  roundId: string;
  kind: Kind;
  params: Params;
  at: string;
}

/** In-app rows for everyone, e-mail rows for those marked `mail` who have not switched e-mail off. */
function noticeStatements(env: Bindings, recipients: Map<string, RecipientRow>, n: Notice): D1PreparedStatement[] {
  const db = env.DB;
  const link = `/budgets/${n.roundId}`;
  const absolute = `${env.PUBLIC_BASE_URL.replace(/\/$/, '')}${link}`;
  const statements: D1PreparedStatement[] = [];
  for (const r of recipients.values()) {
    const dedupeKey = `${n.key}:${r.id}`;
    statements.push(notificationStatement(db, { userId: r.id, dedupeKey, link, kind: n.kind, params: n.params, at: n.at }));
    if (r.mail === 1 && r.email_enabled === 1) {
      const mail = texts[r.locale][n.kind](n.params);
      statements.push(emailStatement(db, { userId: r.id, dedupeKey, subject: mail.subject, body: `${mail.body}\n\n${absolute}`, at: n.at }));
    }
  }
  return statements;
}

async function send(env: Bindings, recipients: Map<string, RecipientRow>, n: Notice): Promise<number> {
  const statements = noticeStatements(env, recipients, n);
  for (let i = 0; i < statements.length; i += CHUNK) await env.DB.batch(statements.slice(i, i + CHUNK));
  return recipients.size;
}

/** Followers of the round and proposers of its projects (or of one project), with e-mail. */
function followersAndProposers(db: D1Database, roundId: string, projectId?: string): D1PreparedStatement {
  // Residents who proposed: staff entering a proposal on someone's behalf are not its audience.
  const proposers = `SELECT p.proposed_by FROM budget_projects p JOIN users pu ON pu.id = p.proposed_by
    WHERE p.round_id = ?2 ${projectId ? 'AND p.id = ?3' : ''} AND pu.role = 'citizen'`;
  return db
    .prepare(
      `${base.replace('SELECT u.id', 'SELECT 1 AS mail, u.id')}
       WHERE u.id IN (SELECT user_id FROM budget_round_follows WHERE round_id = ?1 UNION ${proposers})`,
    )
    .bind(roundId, roundId, ...(projectId ? [projectId] : []));
}

function collect(into: Map<string, RecipientRow>, rows: RecipientRow[], except?: string): void {
  for (const r of rows) {
    if (r.id === except) continue;
    const had = into.get(r.id);
    if (!had || (r.mail === 1 && had.mail === 0)) into.set(r.id, r);
  }
}

/** Voting opened or results published: residents in-app, followers and proposers also by e-mail. */
export async function notifyRoundEvent(env: Bindings, ev: BudgetRoundEvent, title: string): Promise<number> {
  if (ev.type !== 'phase_started' || (ev.phase !== 'voting' && ev.phase !== 'results')) return 0;
  const db = env.DB;
  const [residents, followers] = await db.batch<RecipientRow>([
    db
      .prepare(
        `${base.replace('SELECT u.id', 'SELECT 0 AS mail, u.id')}
         WHERE u.id IN (SELECT user_id FROM budget_resident_profiles WHERE district_code IN (SELECT code FROM budget_districts WHERE round_id = ?))`,
      )
      .bind(ev.roundId),
    followersAndProposers(db, ev.roundId),
  ]);
  const recipients = new Map<string, RecipientRow>();
  collect(recipients, residents?.results ?? []);
  collect(recipients, followers?.results ?? []);
  if (!recipients.size) return 0;
  return send(env, recipients, {
    // The same key as before e-mail existed, so a replayed projection does not notify twice.
    key: `budget:${ev.roundId}:${ev.seq}`,
    roundId: ev.roundId,
    kind: ev.phase === 'voting' ? 'budget_voting_opened' : 'budget_results_published',
    params: { roundId: ev.roundId, title, votingEndsAt: ev.schedule.voting },
    at: ev.occurredAt,
  });
}

/**
 * A reviewed proposal: the statements that tell its proposer (unless they reviewed it
 * themselves), for the same batch as the review, so a review and its notice commit together.
 */
export async function projectReviewedStatements(
  env: Bindings,
  r: { roundId: string; roundTitle: string; projectId: string; project: string; proposedBy: string | null; reviewerId: string; decision: 'accept' | 'reject'; cost: number | null; reason: string; at: string },
): Promise<D1PreparedStatement[]> {
  if (!r.proposedBy || r.proposedBy === r.reviewerId) return [];
  const row = await env.DB.prepare(`${base.replace('SELECT u.id', 'SELECT 1 AS mail, u.id')} WHERE u.id = ?`).bind(r.proposedBy).first<RecipientRow>();
  if (!row) return [];
  return noticeStatements(env, new Map([[row.id, row]]), {
    // Keyed by what the review says: a retried request tells once, a changed decision again.
    key: `budget-review:${r.roundId}:${r.projectId}:${(await sha256Hex(JSON.stringify([r.decision, r.cost, r.reason]))).slice(0, 32)}`,
    roundId: r.roundId,
    kind: r.decision === 'accept' ? 'budget_project_accepted' : 'budget_project_rejected',
    params: { roundId: r.roundId, title: r.roundTitle, projectId: r.projectId, project: r.project, cost: r.cost, reason: r.reason },
    at: r.at,
  });
}

/**
 * Implementation progress: statements telling the project's proposer and the round's followers
 * (never its voters), for the same batch as the update.
 */
export async function projectProgressStatements(
  env: Bindings,
  u: { roundId: string; roundTitle: string; projectId: string; project: string; status: string; note: string; actorId: string; at: string },
): Promise<D1PreparedStatement[]> {
  const recipients = new Map<string, RecipientRow>();
  collect(recipients, (await followersAndProposers(env.DB, u.roundId, u.projectId).all<RecipientRow>()).results, u.actorId);
  return noticeStatements(env, recipients, {
    key: `budget-progress:${u.roundId}:${u.projectId}:${(await sha256Hex(JSON.stringify([u.status, u.note]))).slice(0, 32)}`,
    roundId: u.roundId,
    kind: 'budget_project_progress',
    params: { roundId: u.roundId, title: u.roundTitle, projectId: u.projectId, project: u.project, status: u.status, note: u.note },
    at: u.at,
  });
}
