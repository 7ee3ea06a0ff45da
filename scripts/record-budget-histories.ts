/**
 * Records budget round workflow histories from the current code into
 * tests/budgets/fixtures/histories/, so that tests/budgets/replay.int.test.ts proves later changes
 * keep them replaying (running rounds survive a deploy). Run it before changing the workflow in a
 * way that could alter running rounds, with a version prefix:
 *   node_modules/.bin/tsx scripts/record-budget-histories.ts v2
 * It starts its own Temporal dev server on ports the OS hands out; the activities do nothing
 * (a history records what the workflow asked for, not what the edge did).
 */
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { recordHistories, repoRoot, versionArg } from './lib/history-recorder';

const version = versionArg('record-budget-histories.ts');
const outDir = path.join(repoRoot, 'tests/budgets/fixtures/histories');
const at = (sec: number) => new Date(Date.now() + sec * 1000).toISOString();
const noop = async () => {};

/** Each scenario's workflow runs until `until` says the history is worth keeping (finished, or parked in a phase). */
const scenarios: { name: string; schedule: () => Record<'proposals' | 'review' | 'voting' | 'results', string>; until: (h: WorkflowHandle) => Promise<void> }[] = [
  {
    name: 'tallied-to-implementation',
    schedule: () => ({ proposals: at(2), review: at(3), voting: at(4), results: at(5) }),
    until: async (h) => void (await h.result()),
  },
  {
    // Still voting when recorded: the state of rounds that are open when a new version deploys.
    name: 'parked-in-voting',
    schedule: () => ({ proposals: at(1), review: at(2), voting: at(3600), results: at(7200) }),
    until: async (h) => {
      for (;;) {
        const s = await h.query<{ phase: string }>('roundStatus');
        if (s.phase === 'voting') return;
        await new Promise((r) => setTimeout(r, 300));
      }
    },
  },
];

await recordHistories({ projectBudgetRoundEvent: noop, tallyBudgetRound: noop, countBudgetRound: noop }, async ({ client, taskQueue, save }) => {
  for (const s of scenarios) {
    const roundId = `R-REC${version.toUpperCase()}${scenarios.indexOf(s)}`;
    const handle = await client.workflow.start('budgetRoundWorkflow', { args: [{ roundId, schedule: s.schedule() }], taskQueue, workflowId: `budget-round-${roundId}` });
    await s.until(handle);
    await save(handle, path.join(outDir, `budget-round-${version}-${s.name}.json`), 1);
    if (s.name === 'parked-in-voting') await handle.terminate('recorded');
  }
});
