/**
 * The secret ballot, proved on the schema as migrated and on everything staff can read through
 * the API: no column, key or response links a ballot to the voter who cast it.
 */
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login } from '../support/api-helpers';
import { countAsActivity, projectPhase, seedBudgets, votingRound } from '../support/api-budgets';

beforeEach(seedBudgets);

async function columns(table: string): Promise<string[]> {
  const { results } = await env.DB.prepare(`SELECT name FROM pragma_table_info(?)`).bind(table).all<{ name: string }>();
  return results.map((r) => r.name);
}

async function foreignTables(table: string): Promise<string[]> {
  const { results } = await env.DB.prepare(`SELECT "table" AS t FROM pragma_foreign_key_list(?)`).bind(table).all<{ t: string }>();
  return results.map((r) => r.t);
}

describe('the schema', () => {
  it('keeps the ballot box free of voters, times and insertion order', async () => {
    expect(await columns('budget_ballots')).toEqual(['id', 'round_id', 'district_code', 'channel', 'projects', 'points', 'receipt_hash']);
    expect(await foreignTables('budget_ballots')).toEqual(['budget_rounds']);
    // WITHOUT ROWID: rows are stored by their random id, not in the order they arrived.
    const sql = await env.DB.prepare(`SELECT sql FROM sqlite_master WHERE name = 'budget_ballots'`).first<{ sql: string }>();
    expect(sql!.sql).toMatch(/WITHOUT ROWID\s*$/);
  });

  it('keeps the has-voted list free of ballots, and no other table or view refers to both', async () => {
    expect(await columns('budget_voters')).toEqual(['round_id', 'voter_id', 'district_code', 'channel', 'voter_tag', 'voted_on']);
    expect(await foreignTables('budget_voters')).not.toContain('budget_ballots');
    const { results } = await env.DB.prepare(`SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT IN ('budget_ballots', 'budget_voters')`).all<{ name: string; sql: string }>();
    const both = results.filter((r) => /budget_ballots/.test(r.sql) && /budget_voters|users/.test(r.sql));
    expect(both).toEqual([]);
    for (const t of ['budget_ballots', 'budget_voters']) {
      const triggers = await env.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?`).bind(t).all();
      expect(triggers.results).toEqual([]);
    }
  });
});

describe('what staff can read', () => {
  it('never pairs a voter with a ballot: receipts, hashes and voter ids stay apart', async () => {
    const { roundId, projectIds } = await votingRound([{ district: 'DA', cost: 100 }, { district: 'DA', cost: 200 }, { district: 'XY', cost: 50 }]);
    const receipts: string[] = [];
    for (const [email, projects] of [['citizen@demo.civic.tw', [projectIds[0]]], ['helper@demo.civic.tw', [projectIds[1]]], ['resident@demo.civic.tw', [projectIds[2]]]] as const) {
      const res = await call(`/api/v1/budget-rounds/${roundId}/ballots`, { cookie: await login(email), json: { projects } });
      receipts.push(((await res.json()) as { receipt: string }).receipt);
    }
    const officer = await login('officer.dot@demo.civic.tw');
    receipts.push(
      ((await (await call(`/api/v1/budget-rounds/${roundId}/paper-ballots`, { cookie: officer, json: { voterEmail: 'citizen@demo.civic.tw', projects: [] } })).json()) as { receipt?: string }).receipt ?? '',
    );
    await projectPhase(roundId, 'tallying');
    await countAsActivity(roundId);
    await projectPhase(roundId, 'results');

    const hashes = (await env.DB.prepare(`SELECT receipt_hash FROM budget_ballots WHERE round_id = ?`).bind(roundId).all<{ receipt_hash: string }>()).results.map((r) => r.receipt_hash);
    const tags = (await env.DB.prepare(`SELECT voter_tag FROM budget_voters WHERE round_id = ?`).bind(roundId).all<{ voter_tag: string }>()).results.map((r) => r.voter_tag);
    // The two one-way values of a receipt differ, so equal values cannot be matched up.
    expect(hashes.filter((h) => tags.includes(h))).toEqual([]);

    const manager = await login('manager@demo.civic.tw');
    const admin = await login('admin@demo.civic.tw');
    const voterIds = ['u-citizen', 'u-helper', 'u-citizen-en'];
    const secrets = [...voterIds, ...hashes, ...tags, ...receipts.filter(Boolean)];
    const staffReads = [
      `/api/v1/budget-rounds`,
      `/api/v1/budget-rounds/${roundId}`,
      `/api/v1/budget-rounds/${roundId}/turnout`,
      `/api/v1/budget-rounds/${roundId}/results`,
      `/api/v1/budget-rounds/${roundId}/districts/DA/export.pb`,
      `/api/v1/budget-rounds/${roundId}/districts/XY/export.pb`,
    ];
    for (const cookie of [officer, manager, admin]) {
      for (const path of staffReads) {
        const res = await call(path, { cookie });
        expect(res.status, path).toBe(200);
        const text = await res.text();
        for (const s of secrets) expect(text.includes(s), `${path} reveals ${s}`).toBe(false);
      }
    }
    // The API document has no budget route whose answer carries a voter.
    const doc = (await (await call('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    const budgetPaths = Object.entries(doc.paths).filter(([p]) => p.startsWith('/budget-rounds'));
    expect(budgetPaths.length).toBeGreaterThan(5);
    for (const [p, spec] of budgetPaths) expect(JSON.stringify(spec), p).not.toMatch(/voterId|voter_id|receipt_hash|voterTag/);
  });
});
