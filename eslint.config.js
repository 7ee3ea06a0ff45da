import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import civic from './scripts/lint/module-boundaries.mjs';
import { workflowSandboxFiles } from './scripts/lint/workflow-files.mjs';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', '.wrangler/', 'test-results/', 'worker/worker-configuration.d.ts'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './workflows/tsconfig.json', './web-components/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // One module per leg on a shared platform (see scripts/lint/module-boundaries.mjs).
    files: ['worker/**/*.ts', 'workflows/**/*.ts', 'web-components/src/**/*.ts', 'domain/**/*.ts'],
    plugins: { civic },
    rules: { 'civic/module-boundaries': 'error' },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O. The
    // files are every file the workflow bundle imports at run time (computed), plus all of domain/.
    files: [...workflowSandboxFiles(), 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow and domain code must stay deterministic: no Node built-ins.' })),
          patterns: [{ group: ['@temporalio/activity', '@temporalio/worker', '@temporalio/client'], message: 'Only @temporalio/workflow in workflow code.' }],
        },
      ],
    },
  },
);
