/** Helpers of the budgeting API tests: demo residents, rounds in a chosen phase, signed projections. */
import { env } from 'cloudflare:workers';
import budgetSql from '../../seeds/demo-budgets.sql?raw';
import type { BudgetRoundEvent, RoundPhase, RoundSchedule } from '../../workflows/budget-round/contract';
import { budgetInternalRoutes } from '../../workflows/budget-round/contract';
import { internalSignatureHeader, internalTimestampHeader } from '../../workflows/shared/edge-api';
import { signBody } from '../../workflows/shared/signature';
import { type CountOptions, countRound } from '../../workflows/budget-round/count-round';
import { call, login, seedDemo } from './api-helpers';

export async function seedBudgets(): Promise<void> {
  await seedDemo();
  await env.DB.batch(
    budgetSql
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('--'))
      .join('\n')
      .split(/;\s*$/m)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => env.DB.prepare(s)),
  );
}

export function futureSchedule(): RoundSchedule {
  const t = Date.now();
  const at = (h: number) => new Date(t + h * 3_600_000).toISOString();
  return { proposals: at(1), review: at(2), voting: at(3), results: at(4) };
}

export const twoDistricts = [
  { code: 'DA', name: '大安區', budget: 1000 },
  { code: 'XY', name: '信義區', budget: 600 },
];

export async function createRound(body: Record<string, unknown> = {}, manager?: string): Promise<string> {
  manager ??= await login('manager@demo.civic.tw');
  const res = await call('/api/v1/budget-rounds', {
    cookie: manager,
    json: { title: '大安區參與式預算 2027', rule: 'greedy', ballot: { kind: 'approval' }, schedule: futureSchedule(), districts: twoDistricts, ...body },
  });
  if (res.status !== 202) throw new Error(`create round: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

export async function signedPost(path: string, payload: unknown, secret = 'test-internal-secret'): Promise<Response> {
  const body = JSON.stringify(payload);
  const ts = Math.floor(Date.now() / 1000);
  return call(path, {
    body,
    headers: { 'content-type': 'application/json', [internalTimestampHeader]: String(ts), [internalSignatureHeader]: await signBody(secret, body, ts) },
  });
}

const seqs = new Map<string, number>();

/** Projects a phase change as the round's workflow would. */
export async function projectPhase(roundId: string, phase: RoundPhase, extra: Partial<BudgetRoundEvent> = {}): Promise<Response> {
  const seq = (seqs.get(roundId) ?? 0) + 1;
  seqs.set(roundId, seq);
  const row = await env.DB.prepare(`SELECT proposals_end_at, review_end_at, voting_end_at, results_end_at FROM budget_rounds WHERE id = ?`)
    .bind(roundId)
    .first<{ proposals_end_at: string; review_end_at: string; voting_end_at: string; results_end_at: string }>();
  const schedule = row
    ? { proposals: row.proposals_end_at, review: row.review_end_at, voting: row.voting_end_at, results: row.results_end_at }
    : futureSchedule();
  return signedPost(budgetInternalRoutes.events, { roundId, seq, type: 'phase_started', phase, occurredAt: new Date().toISOString(), schedule, ...extra });
}

/** Proposes and accepts projects (district, cost) and opens voting; returns the project ids in order. */
export async function votingRound(
  projects: { district: string; cost: number; title?: string }[],
  body: Record<string, unknown> = {},
): Promise<{ roundId: string; projectIds: string[] }> {
  const manager = await login('manager@demo.civic.tw');
  const roundId = await createRound(body, manager);
  const projectIds: string[] = [];
  for (const [i, p] of projects.entries()) {
    const res = await call(`/api/v1/budget-rounds/${roundId}/projects`, {
      cookie: manager,
      json: { districtCode: p.district, title: p.title ?? `Project number ${i + 1}`, description: '' },
    });
    if (res.status !== 201) throw new Error(`propose: ${res.status} ${await res.text()}`);
    const detail = (await res.json()) as { projects: { id: string; title: string }[] };
    projectIds.push(detail.projects.find((x) => x.title === (p.title ?? `Project number ${i + 1}`))!.id);
  }
  for (const [i, id] of projectIds.entries()) {
    const res = await call(`/api/v1/budget-rounds/${roundId}/projects/${id}/review`, { cookie: manager, json: { decision: 'accept', cost: projects[i]!.cost } });
    if (res.status !== 200) throw new Error(`review: ${res.status} ${await res.text()}`);
  }
  const opened = await projectPhase(roundId, 'voting');
  if (opened.status !== 200) throw new Error(`open voting: ${opened.status} ${await opened.text()}`);
  return { roundId, projectIds };
}

/** Runs the count activity's own code (workflows/budget-round/count-round.ts) against this workerd, as the worker process would. */
export function countAsActivity(roundId: string, options: CountOptions = {}) {
  return countRound(
    async (path, payload) => {
      const res = await signedPost(path, payload);
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    },
    roundId,
    options,
  );
}
