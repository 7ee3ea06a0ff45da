/**
 * An edge action that is a Temporal update, for every leg: what the engine answered, told in
 * problem+json terms the UI translates. Unreachable means nothing changed (503); no answer in
 * time means it may have been applied (504, with the Idempotency-Key to retry safely); a refusal
 * carries the leg's stable code (409).
 */
import type { Bindings } from './env';
import { fail } from './problem';
import { TemporalOutcomeUnknownError, TemporalRejectedError, TemporalUnavailableError, type TemporalHttp, temporalHttp } from './temporal';

export async function runWorkflowUpdate(
  env: Bindings,
  update: { workflowId: string; name: string; idempotencyKey: string; input: unknown[] },
  /** The leg's stable code for a refusal (the problem's type). */
  refusalCode: (e: TemporalRejectedError) => string,
  /** Tests answer for Temporal. */
  temporal: Pick<TemporalHttp, 'executeUpdate'> = temporalHttp(env),
): Promise<void> {
  try {
    await temporal.executeUpdate({
      workflowId: update.workflowId,
      name: update.name,
      // Temporal applies one update id once: a retry with the same key cannot apply twice.
      updateId: `${update.name}-${update.idempotencyKey}`,
      input: update.input,
    });
  } catch (e) {
    if (e instanceof TemporalUnavailableError) {
      fail(503, 'temporal-unavailable', 'The workflow engine is unreachable; nothing was changed. Try again.');
    }
    if (e instanceof TemporalOutcomeUnknownError) {
      fail(504, 'outcome-unknown', 'The workflow engine did not answer in time; the action may have been applied. Check it before trying again.', {
        idempotencyKey: update.idempotencyKey,
      });
    }
    if (e instanceof TemporalRejectedError) fail(409, refusalCode(e), e.message);
    throw e;
  }
}
