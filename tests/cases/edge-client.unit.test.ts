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

function fakeFetch(answers: ((body: string) => Response | Promise<Response>)[]) {
  const seen: Request[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    seen.push(new Request(url, init));
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next(typeof init?.body === 'string' ? init.body : '');
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

describe('a batch of one case\'s events (issue 11)', () => {
  const many = (n: number, message = '') =>
    Array.from({ length: n }, (_, i): CaseProjectionEvent => ({ ...event, seq: i + 1, ...(message ? { body: { message } } : {}) }));

  it('goes in one signed request when it fits, in order', async () => {
    const { fetch, seen } = fakeFetch([() => new Response('{"applied":3,"notified":0}')]);
    await createActivities({ edgeUrl: 'http://edge.test', internalSecret: secret, fetch }).projectCaseEvents({ caseId: 'C-1', events: many(3) });
    expect(seen).toHaveLength(1);
    const body = (await seen[0]!.json()) as { caseId: string; events: CaseProjectionEvent[] };
    expect(body.caseId).toBe('C-1');
    expect(body.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('is split in order below the edge\'s 64 KB body limit, counting bytes not characters', async () => {
    // 20 replies of 3,000 Chinese characters: 9 KB each in UTF-8, 3 KB in string length.
    const events = many(20, '路'.repeat(3_000));
    const { fetch, seen } = fakeFetch(Array.from({ length: 20 }, () => () => new Response('{}')));
    await createActivities({ edgeUrl: 'http://edge.test', internalSecret: secret, fetch }).projectCaseEvents({ caseId: 'C-1', events });
    expect(seen.length).toBeGreaterThan(1);
    const bodies = await Promise.all(seen.map((r) => r.text()));
    for (const b of bodies) expect(new TextEncoder().encode(b).length).toBeLessThan(64 * 1024);
    const seqs = bodies.flatMap((b) => (JSON.parse(b) as { events: CaseProjectionEvent[] }).events.map((e) => e.seq));
    expect(seqs).toEqual(events.map((e) => e.seq));
  });

  it('stops at the first refused chunk, so the retry resends it before anything later', async () => {
    const events = many(20, '路'.repeat(3_000));
    const { fetch, seen } = fakeFetch([() => new Response('{}'), () => problem(401, 'bad-signature')]);
    const activities = createActivities({ edgeUrl: 'http://edge.test', internalSecret: secret, fetch });
    await expect(activities.projectCaseEvents({ caseId: 'C-1', events })).rejects.toBeInstanceOf(ApplicationFailure);
    expect(seen).toHaveLength(2);
  });
});

describe('projections of several cases share requests (group commit, issue 11)', () => {
  const ev = (caseId: string, seq: number): CaseProjectionEvent => ({ ...event, caseId, seq });
  const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

  it('sends at once when a request is free, and gathers the calls that come while it is out', async () => {
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const { fetch, seen } = fakeFetch([
      async () => {
        await first;
        return json({ applied: 1, notified: 0 });
      },
      () => json({ results: ['C-2', 'C-3', 'C-4'].map((caseId) => ({ caseId, status: 200, applied: 1 })), notified: 0 }),
    ]);
    const a = createActivities({ edgeUrl: 'http://edge.test', internalSecret: secret, fetch, projectionRequestsInFlight: 1 });
    const calls = [a.projectCaseEvents({ caseId: 'C-1', events: [ev('C-1', 1)] })];
    await new Promise((r) => setTimeout(r, 0));
    for (const id of ['C-2', 'C-3', 'C-4']) calls.push(a.projectCaseEvents({ caseId: id, events: [ev(id, 1), ev(id, 2)] }));
    release();
    await Promise.all(calls);
    expect(seen).toHaveLength(2);
    expect(((await seen[0]!.json()) as { caseId: string }).caseId).toBe('C-1');
    const together = (await seen[1]!.json()) as { cases: { caseId: string; events: CaseProjectionEvent[] }[] };
    expect(together.cases.map((c) => [c.caseId, c.events.map((e) => e.seq)])).toEqual([
      ['C-2', [1, 2]],
      ['C-3', [1, 2]],
      ['C-4', [1, 2]],
    ]);
  });

  it('fails only the case the edge does not know; a refused request is retried case by case', async () => {
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const { fetch, seen } = fakeFetch([
      async () => {
        await first;
        return json({ applied: 1, notified: 0 });
      },
      () => json({ results: [{ caseId: 'C-2', status: 200, applied: 1 }, { caseId: 'GONE', status: 404, applied: 0 }], notified: 0 }),
    ]);
    const a = createActivities({ edgeUrl: 'http://edge.test', internalSecret: secret, fetch, projectionRequestsInFlight: 1 });
    const c1 = a.projectCaseEvents({ caseId: 'C-1', events: [ev('C-1', 1)] });
    await new Promise((r) => setTimeout(r, 0));
    const c2 = a.projectCaseEvents({ caseId: 'C-2', events: [ev('C-2', 1)] });
    const gone = a.projectCaseEvents({ caseId: 'GONE', events: [ev('GONE', 1)] });
    release();
    await c1;
    await c2;
    const failure = await gone.then(() => null, (e: ApplicationFailure) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'EdgeRefused', nonRetryable: false });
    expect(failure!.message).toContain('404');
    expect(seen).toHaveLength(2);

    // 422 for the whole request (one case malformed): each case goes again alone.
    const second = fakeFetch([
      async () => {
        await new Promise((r) => setTimeout(r, 10));
        return json({ applied: 1, notified: 0 });
      },
      () => problem(422, 'validation'),
      // The cases go again alone and at once: whichever is signed first is sent first, so the
      // edge answers by content (C-3 is the malformed one), not by arrival.
      (body) => (body.includes('"C-3"') ? problem(422, 'validation') : json({ applied: 1, notified: 0 })),
      (body) => (body.includes('"C-3"') ? problem(422, 'validation') : json({ applied: 1, notified: 0 })),
    ]);
    const b = createActivities({ edgeUrl: 'http://edge.test', internalSecret: secret, fetch: second.fetch, projectionRequestsInFlight: 1 });
    const d1 = b.projectCaseEvents({ caseId: 'C-1', events: [ev('C-1', 1)] });
    await new Promise((r) => setTimeout(r, 0));
    const ok = b.projectCaseEvents({ caseId: 'C-2', events: [ev('C-2', 1)] });
    const bad = b.projectCaseEvents({ caseId: 'C-3', events: [ev('C-3', 1)] });
    await d1;
    await ok;
    await expect(bad).rejects.toMatchObject({ type: 'EdgeRefused' });
    expect(second.seen).toHaveLength(4);
    const bodies = await Promise.all(second.seen.map((r) => r.json() as Promise<{ caseId?: string; cases?: unknown[] }>));
    const sent = bodies.map((b) => b.caseId ?? `cases:${b.cases?.length}`);
    expect(sent.slice(0, 2)).toEqual(['C-1', 'cases:2']);
    expect(sent.slice(2).sort()).toEqual(['C-2', 'C-3']);
  });
});
