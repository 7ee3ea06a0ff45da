/**
 * Activities' only way to the edge: signed POSTs to the internal routes. Shared by every
 * process's activities so that signing and retry rules cannot drift between them.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { internalSignatureHeader, internalTimestampHeader } from './edge-api';
import { signBody } from './signature';

export interface EdgeClientDeps {
  /** Base URL of the edge Worker, e.g. http://127.0.0.1:8787 */
  edgeUrl: string;
  internalSecret: string;
  fetch?: typeof fetch;
  nowSeconds?: () => number;
}

export type PostSigned = (path: string, payload: unknown) => Promise<unknown>;

export function createEdgeClient(deps: EdgeClientDeps): PostSigned {
  const doFetch = deps.fetch ?? fetch;
  const now = deps.nowSeconds ?? (() => Math.floor(Date.now() / 1000));

  return async function postSigned(path, payload) {
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
    throw edgeFailure(path, res.status, text);
  };
}

/**
 * Every failure is retryable. A refusal (401 after a secret rotation or clock skew, 404, 422
 * after a schema change in a rolling deploy) is usually over once the deploy or the clocks
 * settle; failing the activity for good would end the whole workflow with all its deadline
 * timers. So the activity keeps retrying with backoff, and the edge shows the refusal as a
 * stuck projection in health and on the dashboard until it accepts.
 */
export function edgeFailure(path: string, status: number, body: string): ApplicationFailure {
  const problemType = problemSlug(body);
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return ApplicationFailure.retryable(`edge refused ${path}: HTTP ${status}${problemType ? ` ${problemType}` : ''}`, 'EdgeRefused');
  }
  return ApplicationFailure.retryable(`edge answered HTTP ${status} for ${path}`, 'EdgeUnavailable');
}

/** The stable slug of a problem+json answer (never its detail, which may quote the payload). */
function problemSlug(body: string): string | null {
  try {
    const type = (JSON.parse(body) as { type?: unknown }).type;
    return typeof type === 'string' ? (type.split('/').pop() ?? null) : null;
  } catch {
    return null;
  }
}
