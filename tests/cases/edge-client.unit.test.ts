/**
 * The activities' retry rules, with a fake fetch: every answer but a success is a retryable
 * failure, so a refusing edge (secret rotation, clock skew, a schema change mid-deploy) delays a
 * case's projections but never ends its workflow and its deadline timers.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../workflows/case/activities';
import type { CaseProjectionEvent } from '../../workflows/case/contract';
import { internalSignatureHeader, internalTimestampHeader } from '../../workflows/shared/edge-api';
import { createEdgeClient } from '../../workflows/shared/edge-client';
import { verifyBody } from '../../workflows/shared/signature';

const secret = 'unit-secret';
const event: CaseProjectionEvent = { caseId: 'C-1', seq: 1, type: 'deadlines_computed', state: 'received', occurredAt: '2026-03-02T01:00:00.000Z' };
const problem = (status: number, slug: string) =>
  new Response(JSON.stringify({ type: `https://civic-engine.dev/problems/${slug}`, status, detail: 'C-1 said something personal' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

function fakeFetch(answers: (() => Response | Promise<Response>)[]) {
  const seen: Request[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    seen.push(new Request(url, init));
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const failureOf = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApplicationFailure);
  return e as ApplicationFailure;
};

describe('edge client retry rules', () => {
  it.each([
    [401, 'bad-signature'],
    [403, 'forbidden'],
    [404, 'case-not-found'],
    [409, 'conflict'],
    [413, 'too-large'],
    [422, 'validation'],
  ])('a refusal (%i %s) is retryable, typed EdgeRefused, and names the problem type only', async (status, slug) => {
    const { fetch } = fakeFetch([() => problem(status, slug)]);
    const f = await failureOf(createActivities({ edgeUrl: 'http://edge.test', internalSecret: secret, fetch }).projectCaseEvent(event));
    expect(f.nonRetryable).toBe(false);
    expect(f.type).toBe('EdgeRefused');
    expect(f.message).toContain(`HTTP ${status} ${slug}`);
    expect(f.message).not.toContain('personal');
  });

  it.each([408, 429, 500, 502, 503])('an edge that cannot answer (%i) is retryable too', async (status) => {
    const { fetch } = fakeFetch([() => new Response('busy', { status })]);
    const f = await failureOf(createEdgeClient({ edgeUrl: 'http://edge.test', internalSecret: secret, fetch })('/internal/v1/x', {}));
    expect(f.nonRetryable).toBe(false);
    expect(f.type).toBe('EdgeUnavailable');
  });

  it('a network error propagates as a plain (retryable) error', async () => {
    const { fetch } = fakeFetch([() => Promise.reject(new TypeError('fetch failed'))]);
    await expect(createEdgeClient({ edgeUrl: 'http://edge.test', internalSecret: secret, fetch })('/internal/v1/x', {})).rejects.toThrow(TypeError);
  });

  it('refused, refused, then accepted: the same signed event each time, applied once', async () => {
    const { fetch, seen } = fakeFetch([
      () => problem(401, 'bad-signature'),
      () => problem(422, 'validation'),
      () => new Response(JSON.stringify({ applied: true, notified: 0 }), { status: 200 }),
    ]);
    const activities = createActivities({ edgeUrl: 'http://edge.test', internalSecret: secret, fetch, nowSeconds: () => 1_770_000_000 });
    // Temporal retries the activity: each attempt is one call.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const r = await activities.projectCaseEvent(event).then(
        () => 'ok',
        (e: ApplicationFailure) => (e.nonRetryable ? 'fatal' : 'retry'),
      );
      expect(r).toBe(attempt < 3 ? 'retry' : 'ok');
    }
    expect(seen).toHaveLength(3);
    for (const req of seen) {
      expect(new URL(req.url).pathname).toBe('/internal/v1/case-events');
      const body = await req.text();
      expect(JSON.parse(body)).toEqual(event);
      expect(await verifyBody(secret, body, req.headers.get(internalTimestampHeader) ?? undefined, req.headers.get(internalSignatureHeader) ?? undefined, 1_770_000_000)).toBe(true);
    }
  });
});
