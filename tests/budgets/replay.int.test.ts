/**
 * Determinism guard for budget rounds: histories recorded from earlier versions of the round
 * workflow (scripts/record-budget-histories.ts) must replay on the current code, so rounds that
 * are running when a new version deploys carry on. v1 counted through the edge
 * (`tallyBudgetRound`); v2 counts in the activity behind `patched('budget-count-in-activity')`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, 'fixtures/histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const activitiesOf = (file: string) => [...readFileSync(path.join(dir, file), 'utf8').matchAll(/"activityType": \{\s*"name": "(\w+)"/g)].map((m) => m[1]);

describe('recorded budget round histories replay on the current workflow code', () => {
  it('has histories of both versions: a v1 round counted by the edge, a v2 round counted in the activity, and rounds parked in voting', () => {
    expect(activitiesOf('budget-round-v1-tallied-to-implementation.json')).toContain('tallyBudgetRound');
    expect(activitiesOf('budget-round-v2-tallied-to-implementation.json')).toContain('countBudgetRound');
    expect(files).toEqual(expect.arrayContaining(['budget-round-v1-parked-in-voting.json', 'budget-round-v2-parked-in-voting.json']));
  });

  it.each(files)('%s', async (file) => {
    const history = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    await Worker.runReplayHistory({ workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)) }, history, `replay-${file}`);
  });
});
