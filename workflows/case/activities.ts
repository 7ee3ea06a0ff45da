import { ApplicationFailure } from '@temporalio/activity';
import {
  type CaseProjectionEvent,
  internalRoutes,
  internalSignatureHeader,
  internalTimestampHeader,
} from '../contracts';
import { signBody } from '../signature';

export interface ActivityDeps {
  /** Base URL of the edge Worker, e.g. http://127.0.0.1:8787 */
  edgeUrl: string;
  internalSecret: string;
  fetch?: typeof fetch;
  nowSeconds?: () => number;
}

/** Activities are the workflow's only I/O: they write projections back to the edge over signed HTTP. */
export function createActivities(deps: ActivityDeps) {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.nowSeconds ?? (() => Math.floor(Date.now() / 1000));

  async function postSigned(path: string, payload: unknown): Promise<unknown> {
    const body = JSON.stringify(payload);
    const ts = now();
    const res = await doFetch(new URL(path, deps.edgeUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [internalTimestampHeader]: String(ts),
        [internalSignatureHeader]: await signBody(deps.internalSecret, body, ts),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.ok) return JSON.parse(text) as unknown;
    // A refused event will be refused again: do not retry it forever. Anything else is retried.
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      throw ApplicationFailure.nonRetryable(`edge refused ${path}: HTTP ${res.status} ${text.slice(0, 300)}`, 'EdgeRefused');
    }
    throw new Error(`edge answered HTTP ${res.status} for ${path}`);
  }

  return {
    /** Idempotent on the edge by (caseId, seq), so Temporal's retries are safe. */
    async projectCaseEvent(event: CaseProjectionEvent): Promise<void> {
      await postSigned(internalRoutes.caseEvents, event);
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
