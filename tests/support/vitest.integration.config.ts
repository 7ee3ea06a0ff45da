import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '../..');

/** Integration and browser tests: one real stack (Temporal dev server, wrangler dev, worker) for all files. */
export default defineConfig({
  test: {
    name: 'integration',
    root,
    include: ['tests/**/*.int.test.ts'],
    globalSetup: ['tests/support/stack-setup.ts'],
    // Files share the stack and one of them stops Temporal on purpose: run them one at a time.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
