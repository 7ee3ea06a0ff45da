/**
 * Records case workflow histories from the current code into tests/cases/fixtures/histories/,
 * so that tests/cases/replay.int.test.ts proves later changes keep them replaying. Run it before
 * changing the workflow in a way that could alter running cases, with a version prefix:
 *   node_modules/.bin/tsx scripts/record-histories.ts v2
 * It starts its own Temporal dev server (the CLI the stack uses) on ports the OS hands out.
 */
import path from 'node:path';
import { caseWorkflow } from '../workflows/case/workflow';
import { recordHistories, repoRoot, versionArg } from './lib/history-recorder';
import { scenarios } from './record-scenarios';

const version = versionArg('record-histories.ts');
const outDir = path.join(repoRoot, 'tests/cases/fixtures/histories');

await recordHistories({ async projectCaseEvent() {}, async projectCaseEvents() {} }, async ({ client, taskQueue, save }) => {
  for (const s of scenarios) {
    const handle = await client.workflow.start(caseWorkflow, { args: [s.input], taskQueue, workflowId: `case-${s.input.caseId}` });
    await s.drive(handle);
    await save(handle, path.join(outDir, `case-${version}-${s.name}.json`));
  }
});
