/**
 * Counting off the Worker on the real stack (issue 10): when voting closes, the round's workflow
 * runs the count in its activity (the worker process), which reads the projects and the ballot box
 * from the edge in pages, runs domain/tally and posts the results back; the edge only stores them.
 *
 * This file serves the `cases` task queue itself (the stack's worker process is stopped meanwhile)
 * with the real workflows and the real activities, so that it can use pages of two rows and make
 * one count's first attempt fail after its results were stored, as a worker that dies just after
 * the post would.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { jsonSafe } from '../../domain/budgets/round-count';
import { electionFromPabulib } from '../../domain/tally/pabulib-election';
import { parsePabulib } from '../../domain/tally/pabulib-parse';
import { tally } from '../../domain/tally/tally';
import { createAllActivities } from '../../workflows/activities';
import { type CountSummary, budgetRoundWorkflowId } from '../../workflows/budget-round/contract';
import { ApiClient, eventually } from '../support/http-client';

const workflowsPath = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));
/** Rounds whose first count attempt fails after it stored the results. */
const crashAfterStoring = new Set<string>();
const attempts = new Map<string, { attempt: number; summary: CountSummary }[]>();

let nativeConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let connection: Connection;
let temporal: Client;

async function control(action: 'worker/stop' | 'worker/start') {
  const res = await fetch(`${inject('controlUrl')}/${action}`, { method: 'POST' });
  if (res.status !== 204) throw new Error(`${action}: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  await control('worker/stop');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const real = createAllActivities({ edgeUrl: inject('edgeUrl'), internalSecret: inject('internalSecret'), countPageSize: 2 });
  const activities = {
    ...real,
    async countBudgetRound(input: { roundId: string }): Promise<CountSummary> {
      const summary = await real.countBudgetRound(input);
      const { attempt } = Context.current().info;
      attempts.set(input.roundId, [...(attempts.get(input.roundId) ?? []), { attempt, summary }]);
      if (attempt === 1 && crashAfterStoring.has(input.roundId)) throw ApplicationFailure.retryable('worker lost after posting the results', 'TestCrash');
      return summary;
    },
  };
  nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await Worker.create({ connection: nativeConnection, taskQueue: 'cases', workflowsPath, activities });
  running = worker.run();
  connection = await Connection.connect({ address: inject('temporalAddress') });
  temporal = new Client({ connection });
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await connection?.close();
  await control('worker/start');
});

interface Round {
  id: string;
  phase: string;
  projects: { id: string; title: string; districtCode: string }[];
  events: { type: string }[];
}
interface Results {
  rule: string;
  districts: { code: string; ballots: number; selected: string[]; totalCost: number; explanation: unknown }[];
}

const projects = [
  { district: 'DA', title: 'Shade trees', cost: 600 },
  { district: 'DA', title: 'Bike racks', cost: 300 },
  { district: 'DA', title: 'Library hours', cost: 500 },
  { district: 'XY', title: 'Night market lights', cost: 400 },
  { district: 'XY', title: 'Park benches', cost: 250 },
];

/** A round with two districts through its phases on second-scale timers, three ballots, until its results are published. */
async function roundToResults(title: string, before?: (roundId: string) => void): Promise<{ round: Round; results: Results; id: (t: string) => string }> {
  const manager = await ApiClient.signedIn('manager@demo.civic.tw');
  const s = (sec: number) => new Date(Date.now() + sec * 1000).toISOString();
  const created = await manager.json<Round>(
    '/api/v1/budget-rounds',
    {
      json: {
        title,
        rule: 'equalshares/add1',
        ballot: { kind: 'approval' },
        schedule: { proposals: s(15), review: s(20), voting: s(34), results: s(600) },
        districts: [{ code: 'DA', name: '大安區', budget: 1000 }, { code: 'XY', name: '信義區', budget: 600 }],
      },
    },
    202,
  );
  before?.(created.id);
  for (const p of projects) await manager.json(`/api/v1/budget-rounds/${created.id}/projects`, { json: { districtCode: p.district, title: p.title } }, 201);
  const proposed = await manager.json<Round>(`/api/v1/budget-rounds/${created.id}`);
  const id = (t: string) => proposed.projects.find((p) => p.title === t)!.id;
  for (const p of projects) {
    await manager.json(`/api/v1/budget-rounds/${created.id}/projects/${id(p.title)}/review`, { json: { decision: 'accept', cost: p.cost } }, 200);
  }
  await eventually('voting opens', async () => (await manager.json<Round>(`/api/v1/budget-rounds/${created.id}`)).phase === 'voting', 40_000);
  const ballots: [string, string[]][] = [
    ['citizen@demo.civic.tw', ['Shade trees', 'Bike racks']],
    ['helper@demo.civic.tw', ['Library hours', 'Bike racks']],
    ['resident@demo.civic.tw', ['Park benches']],
  ];
  for (const [email, titles] of ballots) {
    const voter = await ApiClient.signedIn(email);
    await voter.json(`/api/v1/budget-rounds/${created.id}/ballots`, { json: { projects: titles.map(id) } }, 201);
  }
  const results = await eventually(
    'results published',
    async () => {
      const res = await manager.request(`/api/v1/budget-rounds/${created.id}/results`);
      return res.status === 200 ? ((await res.json()) as Results) : undefined;
    },
    60_000,
  );
  return { round: await manager.json<Round>(`/api/v1/budget-rounds/${created.id}`), results, id };
}

/** The activities the round's workflow ran, with the attempt that completed each. */
async function activityRuns(roundId: string) {
  const history = await temporal.workflow.getHandle(budgetRoundWorkflowId(roundId)).fetchHistory();
  const scheduled = new Map<string, string>();
  const runs: { type: string; attempt: number }[] = [];
  for (const e of history.events ?? []) {
    if (e.activityTaskScheduledEventAttributes) scheduled.set(String(e.eventId), e.activityTaskScheduledEventAttributes.activityType!.name!);
    if (e.activityTaskStartedEventAttributes) {
      runs.push({ type: scheduled.get(String(e.activityTaskStartedEventAttributes.scheduledEventId))!, attempt: e.activityTaskStartedEventAttributes.attempt! });
    }
  }
  return runs;
}

describe('counting a round in the Temporal activity', () => {
  it.concurrent('counts in the activity, reads the box in pages, and matches domain/tally on the same ballots', { timeout: 150_000 }, async () => {
    const { round, results } = await roundToResults('Count in the activity 2027');
    // Five projects and three ballots in pages of two: 2 + 2 + 1 project pages, 2 + 1 ballot pages.
    expect(attempts.get(round.id)).toEqual([{ attempt: 1, summary: { districts: 2, projects: 5, ballots: 3, pages: 5, parts: 1, stored: true } }]);
    const runs = await activityRuns(round.id);
    expect(runs.filter((r) => r.type !== 'projectBudgetRoundEvent')).toEqual([{ type: 'countBudgetRound', attempt: 1 }]);

    // The same ballots, read back through the public Pabulib export, counted here by domain/tally.
    const manager = await ApiClient.signedIn('manager@demo.civic.tw');
    expect(results.districts.map((d) => [d.code, d.ballots])).toEqual([['DA', 2], ['XY', 1]]);
    for (const d of results.districts) {
      const pb = await (await manager.request(`/api/v1/budget-rounds/${round.id}/districts/${d.code}/export.pb`)).text();
      const expected = tally(electionFromPabulib(parsePabulib(pb)), 'equalshares/add1', { explain: true });
      expect(d.selected).toEqual([...expected.selected]);
      expect(d.totalCost).toBe(Number(expected.totalCost));
      expect(d.explanation).toEqual(jsonSafe(expected.explanation));
    }
    expect(results.districts.find((d) => d.code === 'DA')!.selected.length).toBeGreaterThan(0);
  });

  it.concurrent('stores the results once when the count activity is retried after posting them', { timeout: 150_000 }, async () => {
    const { round, results } = await roundToResults('Retried count 2027', (id) => crashAfterStoring.add(id));
    const tries = attempts.get(round.id)!;
    expect(tries.map((t) => [t.attempt, t.summary.stored])).toEqual([[1, true], [2, false]]);
    expect(tries[1]!.summary.ballots).toBe(3);
    expect(await activityRuns(round.id)).toContainEqual({ type: 'countBudgetRound', attempt: 2 });
    expect(round.events.filter((e) => e.type === 'tallied')).toHaveLength(1);
    expect(results.districts.map((d) => d.ballots)).toEqual([2, 1]);
  });
});
