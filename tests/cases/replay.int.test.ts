/**
 * Determinism guard: histories recorded from earlier versions of the case workflow must replay
 * on the current code. A change that would break running cases fails here; wrap it in patched().
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, 'fixtures/histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('recorded case histories replay on the current workflow code', () => {
  it('has recorded histories of every earlier version to check', () => {
    expect(files.filter((f) => f.startsWith('case-v1-')).length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => f.startsWith('case-v2-')).length).toBeGreaterThanOrEqual(3);
    // v3: events projected by a background loop in batches (patched 'case-projection-queue', issue 11).
    expect(files.filter((f) => f.startsWith('case-v3-')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s', async (file) => {
    const history = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    await Worker.runReplayHistory(
      { workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)) },
      history,
      `replay-${file}`,
    );
  });
});
