/**
 * The edge's side of counting off the Worker (issue 10): the signed routes the count activity
 * reads the round from, page by page, and the one that stores its results once per round, in
 * parts when large. The count itself runs the activity's own code against this workerd.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { budgetInternalRoutes } from '../../workflows/budget-round/contract';
import { asciiJson } from '../../workflows/budget-round/count-round';
import { call, login, problemOf } from '../support/api-helpers';
import { countAsActivity, projectPhase, seedBudgets, signedPost, votingRound } from '../support/api-budgets';

beforeEach(seedBudgets);

/** A knapsack round with two districts and three ballots (two in DA, one in XY), closed for counting. */
async function closedRound() {
  const { roundId, projectIds } = await votingRound(
    [{ district: 'DA', cost: 600 }, { district: 'DA', cost: 500 }, { district: 'DA', cost: 400 }, { district: 'XY', cost: 300 }],
    { ballot: { kind: 'knapsack' } },
  );
  const [a, b, c, x] = projectIds as [string, string, string, string];
  const url = `/api/v1/budget-rounds/${roundId}/ballots`;
  for (const [email, projects] of [['citizen@demo.civic.tw', [a, c]], ['helper@demo.civic.tw', [b, c]], ['resident@demo.civic.tw', [x]]] as const) {
    const res = await call(url, { cookie: await login(email), json: { projects } });
    if (res.status !== 201) throw new Error(`ballot: ${res.status} ${await res.text()}`);
  }
  return { roundId, a, b, c, x };
}

const resultRows = (roundId: string) =>
  env.DB.prepare(`SELECT district_code, selected, total_cost, computed_at FROM budget_results WHERE round_id = ? ORDER BY district_code`)
    .bind(roundId)
    .all<{ district_code: string; selected: string; total_cost: number; computed_at: string }>()
    .then((r) => r.results);

const page = (roundId: string, of: 'projects' | 'ballots', after: unknown, limit: number) => signedPost(budgetInternalRoutes.countPage, { roundId, of, after, limit });

describe('reading a round for its count', () => {
  it('refuses to read the box while voting, then pages it in (district, id) order without gaps or repeats', async () => {
    const { roundId, a, b, c, x } = await closedRound();
    const during = await page(roundId, 'ballots', null, 10);
    expect(during.status).toBe(409);
    expect((await problemOf(during)).type).toMatch(/wrong-phase$/);
    expect((await signedPost(budgetInternalRoutes.countRound, { roundId })).status).toBe(409);

    await projectPhase(roundId, 'tallying');
    const info = await (await signedPost(budgetInternalRoutes.countRound, { roundId })).json();
    expect(info).toEqual({ roundId, phase: 'tallying', rule: 'greedy', ballotKind: 'knapsack', minProjectScore: null, districts: [{ code: 'DA', budget: 1000 }, { code: 'XY', budget: 600 }] });

    const seen: { id: string; districtCode: string; projects: string[] }[] = [];
    let after: unknown = null;
    let pages = 0;
    do {
      const res = await page(roundId, 'ballots', after, 1);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: typeof seen; next: unknown };
      seen.push(...body.items);
      after = body.next;
      pages++;
    } while (after);
    expect(pages).toBe(4); // three full pages of one, then an empty last page
    expect(seen.map((s) => s.districtCode)).toEqual(['DA', 'DA', 'XY']);
    expect(new Set(seen.map((s) => s.id)).size).toBe(3);
    expect(seen.map((s) => s.projects).sort()).toEqual([[a, c], [b, c], [x]].sort());
    // Nothing about a voter travels with a ballot.
    expect(Object.keys(seen[0]!).sort()).toEqual(['districtCode', 'id', 'points', 'projects']);

    const projects = (await (await page(roundId, 'projects', null, 2000)).json()) as { items: { id: string; cost: number }[]; next: unknown };
    expect(projects).toEqual({ items: expect.arrayContaining([{ id: a, districtCode: 'DA', cost: 600 }]), next: null });
    expect(projects.items).toHaveLength(4);
  });

  it('validates its requests and answers only signed ones', async () => {
    const { roundId } = await closedRound();
    await projectPhase(roundId, 'tallying');
    const tooMany = await page(roundId, 'ballots', null, 5000);
    expect(tooMany.status).toBe(422);
    expect((await problemOf(tooMany)).errors!.map((e) => e.pointer)).toEqual(['/limit']);
    expect((await page('R-NOSUCH1', 'ballots', null, 10)).status).toBe(404);
    expect((await signedPost(budgetInternalRoutes.countPage, { roundId, of: 'ballots', after: null, limit: 10 }, 'wrong-secret')).status).toBe(401);
    // The edge no longer counts on request: the route that did is gone.
    expect((await signedPost('/internal/v1/budget-round-tallies', { roundId })).status).toBe(404);
  });
});

describe('storing a count', () => {
  it('stores the results once: a retried count changes nothing', async () => {
    const { roundId, b, c, x } = await closedRound();
    await projectPhase(roundId, 'tallying');
    const first = await countAsActivity(roundId, { pageSize: 2 });
    // Projects: 2 + 2 + an empty page; ballots: 2 + 1.
    expect(first).toEqual({ districts: 2, projects: 4, ballots: 3, pages: 5, parts: 1, stored: true });
    const stored = await resultRows(roundId);
    expect(stored.map((r) => [r.district_code, JSON.parse(r.selected), r.total_cost])).toEqual([['DA', [c, b], 900], ['XY', [x], 300]]);

    const again = await countAsActivity(roundId, { pageSize: 2 });
    expect(again.stored).toBe(false);
    expect(await resultRows(roundId)).toEqual(stored);
    const counts = await env.DB.prepare(`SELECT COUNT(*) AS n FROM budget_round_counts WHERE round_id = ?`).bind(roundId).first<{ n: number }>();
    expect(counts!.n).toBe(1);
  });

  it('assembles large results from parts and drops the parts once stored', async () => {
    const { roundId } = await closedRound();
    await projectPhase(roundId, 'tallying');
    const summary = await countAsActivity(roundId, { partChars: 300 });
    expect(summary.parts).toBeGreaterThan(3);
    expect(summary.stored).toBe(true);
    expect(await resultRows(roundId)).toHaveLength(2);
    const left = await env.DB.prepare(`SELECT COUNT(*) AS n FROM budget_result_parts WHERE round_id = ?`).bind(roundId).first<{ n: number }>();
    expect(left!.n).toBe(0);
  });

  it('keeps a partial count invisible and finishes it when an attempt sends every part', async () => {
    const { roundId } = await closedRound();
    await projectPhase(roundId, 'tallying');
    const text = asciiJson({ districts: [] });
    const countId = 'a'.repeat(64);
    const res = await signedPost(budgetInternalRoutes.results, { roundId, countId, part: 0, parts: 2, chunk: text.slice(0, 5) });
    expect(await res.json()).toEqual({ stored: false, complete: false });
    expect(await resultRows(roundId)).toEqual([]);
    // The same part again (a retry) is kept once; the last part completes the text, which is checked.
    await signedPost(budgetInternalRoutes.results, { roundId, countId, part: 0, parts: 2, chunk: text.slice(0, 5) });
    const last = await signedPost(budgetInternalRoutes.results, { roundId, countId, part: 1, parts: 2, chunk: text.slice(5) });
    expect(last.status).toBe(422);
    expect((await problemOf(last)).type).toMatch(/invalid-results$/);
    expect(await resultRows(roundId)).toEqual([]);
  });

  it('refuses results that do not fit the round with a 422, and writes nothing', async () => {
    const { roundId, a, b, c, x } = await closedRound();
    await projectPhase(roundId, 'tallying');
    const explanation = { rule: 'greedy' };
    const good = { districtCode: 'XY', rule: 'greedy', ballots: 1, selected: [x], totalCost: 300, explanation };
    const post = (districts: unknown[], chunk = asciiJson({ districts })) =>
      signedPost(budgetInternalRoutes.results, { roundId, countId: 'b'.repeat(64), part: 0, parts: 1, chunk });
    const cases: [unknown[], string[]][] = [
      [[{ ...good, districtCode: 'DA', selected: [a, b], totalCost: 1100 }, good], ['/chunk/districts/0/totalCost']],
      [[{ ...good, districtCode: 'DA', selected: [x], totalCost: 300 }, good], ['/chunk/districts/0/selected', '/chunk/districts/0/totalCost']],
      [[good], ['/chunk/districts']],
      [[{ ...good, districtCode: 'DA', rule: 'equalshares', selected: [c], totalCost: 400 }, good], ['/chunk/districts/0/rule']],
      [[{ ...good, ballots: -1 }], ['/chunk/districts/0/ballots']],
    ];
    for (const [districts, pointers] of cases) {
      const res = await post(districts);
      expect(res.status).toBe(422);
      const p = await problemOf(res);
      expect(p.type).toMatch(/invalid-results$/);
      expect(p.errors!.map((e) => e.pointer)).toEqual(pointers);
    }
    const notJson = await post([], '{"districts": [');
    expect((await problemOf(notJson)).type).toMatch(/invalid-results$/);
    const notAscii = await post([], '{"districts":["大安"]}');
    expect(notAscii.status).toBe(422);
    expect(await resultRows(roundId)).toEqual([]);
    expect((await env.DB.prepare(`SELECT COUNT(*) AS n FROM budget_round_counts WHERE round_id = ?`).bind(roundId).first<{ n: number }>())!.n).toBe(0);
  });

  it('refuses results outside the tallying phase and a different count after one is stored', async () => {
    const { roundId } = await closedRound();
    const early = await signedPost(budgetInternalRoutes.results, { roundId, countId: 'c'.repeat(64), part: 0, parts: 1, chunk: '{}' });
    expect(early.status).toBe(409);
    expect((await problemOf(early)).type).toMatch(/wrong-phase$/);
    await projectPhase(roundId, 'tallying');
    await countAsActivity(roundId);
    const other = await signedPost(budgetInternalRoutes.results, { roundId, countId: 'c'.repeat(64), part: 0, parts: 1, chunk: '{}' });
    expect(other.status).toBe(409);
    expect((await problemOf(other)).type).toMatch(/results-already-stored$/);
  });
});
