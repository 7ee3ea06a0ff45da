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
    // A refused event will be refused again: do not retry it forever. Anything else is retried.
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      throw ApplicationFailure.nonRetryable(`edge refused ${path}: HTTP ${res.status} ${text.slice(0, 300)}`, 'EdgeRefused');
    }
    throw new Error(`edge answered HTTP ${res.status} for ${path}`);
  };
}
