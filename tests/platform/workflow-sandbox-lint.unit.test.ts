/**
 * The rule that keeps Node and I/O out of workflow code covers every file the workflow bundle
 * imports at run time (computed from the imports, not listed by hand), and it bites there.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { workflowSandboxFiles } from '../../scripts/lint/workflow-files.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({
  cwd: root,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parserOptions: { project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  ],
});

async function sandboxErrors(filePath: string): Promise<string[]> {
  const code = "import { readFileSync } from 'node:fs';\nimport { Context } from '@temporalio/activity';\nexport const f = [readFileSync, Context];\n";
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('workflow sandbox lint coverage', () => {
  const files = workflowSandboxFiles();

  it('follows the imports from the workflow bundle entry, including the state machine and the frozen v1', () => {
    for (const f of ['workflows/index.ts', 'workflows/case/workflow.ts', 'workflows/case/case-process.ts', 'workflows/case/legacy-v1.ts', 'workflows/case/reminders.ts', 'workflows/case/input.ts', 'workflows/case/contract.ts', 'domain/sla/sla-clock.ts']) {
      expect(files).toContain(f);
    }
  });

  it('leaves out what only runs in the worker process (activities are imported as types only)', () => {
    expect(files).not.toContain('workflows/case/activities.ts');
    expect(files).not.toContain('workflows/shared/edge-client.ts');
    expect(files).not.toContain('workflows/worker.ts');
  });

  it.each(['workflows/case/case-process.ts', 'workflows/case/legacy-v1.ts', 'workflows/case/reminders.ts'])(
    'refuses Node built-ins and activity packages in %s',
    async (file) => {
      expect(await sandboxErrors(file)).toEqual([
        expect.stringContaining('no Node built-ins'),
        expect.stringContaining('Only @temporalio/workflow'),
      ]);
    },
  );

  it('lets activities use them', async () => {
    expect(await sandboxErrors('workflows/case/activities.ts')).toEqual([]);
  });
});
