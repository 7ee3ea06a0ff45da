/**
 * The module-boundary rule bites: deliberate cross-leg imports fail lint under the project's own
 * ESLint configuration, and the rule's table of allowed imports holds.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { boundaryViolation, locate } from '../../scripts/lint/module-boundaries.mjs';

const root = path.resolve(import.meta.dirname, '../..');

/** The project's config, without type information (the probe files are in no tsconfig). */
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

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'civic/module-boundaries').map((m) => m.message);
}

describe('civic/module-boundaries under the project config', () => {
  it('refuses a leg importing another leg’s internals', async () => {
    const errors = await boundaryErrors('worker/dashboard/probe.ts', "import { findCase } from '../cases/db';\nexport const f = findCase;\n");
    expect(errors).toEqual([expect.stringContaining('worker/dashboard may use worker/cases only through its contract.ts or schemas.ts')]);
  });

  it('accepts the same import through the leg’s contract', async () => {
    expect(await boundaryErrors('worker/dashboard/probe.ts', "import { findCase } from '../cases/contract';\nexport const f = findCase;\n")).toEqual([]);
  });

  it('refuses re-exports and dynamic imports across legs too', async () => {
    expect(await boundaryErrors('worker/open311/probe.ts', "export { intakeCase } from '../cases/intake';\n")).toHaveLength(1);
    expect(await boundaryErrors('web-components/src/dashboard/probe.ts', "export const p = () => import('../cases/case-page');\n")).toHaveLength(1);
  });

  it('refuses the platform depending on a leg', async () => {
    expect(await boundaryErrors('worker/platform/probe.ts', "export { caseRoutes } from '../cases';\n")).toEqual([
      expect.stringContaining('the platform (worker/platform) must not depend on a leg (worker/cases)'),
    ]);
  });

  it('refuses domain code importing the Worker', async () => {
    expect(await boundaryErrors('domain/tally/probe.ts', "export { fail } from '../../worker/platform/problem';\n")).toEqual([
      expect.stringContaining('domain code imports domain code only'),
    ]);
  });

  it('lets composition roots import any leg', async () => {
    expect(await boundaryErrors('worker/index.ts', "export { caseRoutes } from './cases/routes';\n")).toEqual([]);
  });
});

describe('boundaryViolation table', () => {
  const cases: [from: string, to: string, allowed: boolean][] = [
    ['worker/cases/routes.ts', 'worker/cases/db.ts', true],
    ['worker/cases/routes.ts', 'worker/platform/problem.ts', true],
    ['worker/cases/routes.ts', 'domain/sla/sla-clock.ts', true],
    ['worker/cases/db.ts', 'workflows/case/contract.ts', true],
    ['worker/cases/intake.ts', 'workflows/case/workflow.ts', false],
    ['worker/dashboard/schemas.ts', 'worker/cases/schemas.ts', true],
    ['worker/dashboard/db.ts', 'worker/cases/db.ts', false],
    ['worker/petitions/routes.ts', 'worker/cases/contract.ts', true],
    ['worker/petitions/routes.ts', 'worker/index.ts', false],
    ['worker/platform/reference/db.ts', 'workflows/case/contract.ts', true],
    ['worker/platform/outbox/drain.ts', 'worker/cases/contract.ts', false],
    ['workflows/case/activities.ts', 'workflows/shared/edge-client.ts', true],
    ['workflows/petition/workflow.ts', 'workflows/case/case-process.ts', false],
    ['workflows/petition/workflow.ts', 'workflows/case/contract.ts', true],
    ['workflows/worker.ts', 'workflows/case/activities.ts', true],
    ['web-components/src/cases/case-new-page.ts', 'worker/cases/schemas.ts', true],
    ['web-components/src/cases/case-new-page.ts', 'worker/cases/intake.ts', false],
    ['web-components/src/dashboard/dashboard-page.ts', 'web-components/src/cases/contract.ts', true],
    ['web-components/src/dashboard/dashboard-page.ts', 'web-components/src/cases/state-badge.ts', false],
    ['web-components/src/cases/case-page.ts', 'web-components/src/routes.ts', false],
    ['web-components/src/platform/civic-app.ts', 'web-components/src/cases/contract.ts', false],
    ['web-components/src/routes.ts', 'web-components/src/cases/case-page.ts', true],
    ['domain/sla/sla-clock.ts', 'domain/calendar/plain-date.ts', true],
    ['domain/sla/sla-clock.ts', 'workflows/case/contract.ts', false],
  ];
  it.each(cases)('%s → %s: allowed %s', (from, to, allowed) => {
    expect(boundaryViolation(locate(from), locate(to)) === null).toBe(allowed);
  });

  it('ignores files outside the four areas (tests, scripts)', () => {
    expect(locate('tests/cases/slice.int.test.ts')).toBeNull();
    expect(locate('scripts/start.mjs')).toBeNull();
  });
});
