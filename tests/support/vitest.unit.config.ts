import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '../..');

/** Unit tests of the pure domain library (deadlines, calendar) and the deadline CLI, in plain Node. */
export default defineConfig({
  test: {
    name: 'unit',
    root,
    include: ['tests/**/*.unit.test.ts'],
    environment: 'node',
    // The CLI tests spawn tsx; the property tests sweep three years of dates.
    testTimeout: 60_000,
  },
});
