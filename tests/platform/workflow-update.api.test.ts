/**
 * Every leg's workflow-backed action tells the same truth about the engine's answer: 503 when
 * nothing changed, 504 "may have been applied" with the key to retry, 409 with the leg's code.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Bindings } from '../../worker/platform/env';
import { ProblemError } from '../../worker/platform/problem';
import { TemporalOutcomeUnknownError, TemporalRejectedError, TemporalUnavailableError } from '../../worker/platform/temporal';
import { runWorkflowUpdate } from '../../worker/platform/workflow-update';

const update = { workflowId: 'petition-P1', name: 'publish', idempotencyKey: 'key-12345678', input: [{}] };

async function problemWhen(error: Error) {
  const temporal = { executeUpdate: () => Promise.reject(error) };
  const thrown = await runWorkflowUpdate(env as Bindings, update, () => 'petition-rule', temporal).catch((e: unknown) => e);
  expect(thrown).toBeInstanceOf(ProblemError);
  return (thrown as ProblemError).problem;
}

describe('runWorkflowUpdate', () => {
  it('sends one update id per Idempotency-Key', async () => {
    const ids: string[] = [];
    const temporal = {
      executeUpdate: <T>(a: { updateId: string }) => {
        ids.push(a.updateId);
        return Promise.resolve(null as T);
      },
    };
    await runWorkflowUpdate(env as Bindings, update, () => 'x', temporal);
    await runWorkflowUpdate(env as Bindings, update, () => 'x', temporal);
    expect(ids).toEqual(['publish-key-12345678', 'publish-key-12345678']);
  });

  it('unreachable: 503, nothing changed', async () => {
    expect(await problemWhen(new TemporalUnavailableError('down'))).toMatchObject({ status: 503, type: expect.stringMatching(/temporal-unavailable$/) });
  });

  it('no answer in time: 504, may have been applied, with the key to retry', async () => {
    expect(await problemWhen(new TemporalOutcomeUnknownError('slow'))).toMatchObject({
      status: 504,
      type: expect.stringMatching(/outcome-unknown$/),
      detail: expect.stringMatching(/may have been applied/),
      idempotencyKey: 'key-12345678',
    });
  });

  it('refused: 409 with the leg’s code', async () => {
    expect(await problemWhen(new TemporalRejectedError('not in review', 3, 200))).toMatchObject({
      status: 409,
      type: expect.stringMatching(/petition-rule$/),
    });
  });
});
