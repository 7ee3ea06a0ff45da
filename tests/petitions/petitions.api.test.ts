import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { ORIGIN, call, login, problemOf, seedDemo } from '../support/api-helpers';
import { citizens, detail, type Detail, opened, project, sampleText, snapshot, submitted } from './api-helpers';

beforeEach(seedDemo);

const ip = (i: number) => ({ 'cf-connecting-ip': `10.${(i >> 8) & 255}.${i & 255}.7` });
const endorse = (id: string, cookie: string, i: number, json: unknown = { follow: false }) =>
  call(`/api/v1/petitions/${id}/endorsement`, { cookie, json, headers: ip(i) });

describe('proposing', () => {
  it('saves a draft, submits it with an outbox row, and refuses a second submit', async () => {
    const { id, cookie } = await submitted();
    expect(id).toMatch(/^P-\d{8}-[0-9A-Z]{6}$/);
    const d = await detail(id, cookie);
    expect(d).toMatchObject({ state: 'in_review', workflowStarted: false, isProposer: true, threshold: 5000 });
    expect(d.timeline).toEqual([expect.objectContaining({ seq: 0, type: 'submitted' })]);
    const outbox = await env.DB.prepare(`SELECT state, payload FROM outbox WHERE kind = 'start_petition_workflow' AND aggregate_id = ?`).bind(id).first<{ state: string; payload: string }>();
    expect(outbox?.state).toBe('pending');
    expect(JSON.parse(outbox!.payload)).toMatchObject({ petitionId: id, rules: { threshold: 5000, reviewPeriod: '5wd', endorsementWindow: '60d', responsePeriod: '60d' } });

    const again = await call(`/api/v1/petitions/${id}/submit`, { cookie, method: 'POST', headers: { origin: ORIGIN } });
    expect(again.status).toBe(409);
    expect((await problemOf(again)).type).toContain('already-submitted');
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM outbox WHERE aggregate_id = ?').bind(id).first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it('two submits racing: one wins, the other is a 409, one outbox row', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const { id } = (await (await call('/api/v1/petitions', { cookie, json: sampleText })).json()) as Detail;
    const results = await Promise.all([1, 2, 3].map(() => call(`/api/v1/petitions/${id}/submit`, { cookie, method: 'POST', headers: { origin: ORIGIN } })));
    expect(results.map((r) => r.status).sort()).toEqual([202, 409, 409]);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM outbox WHERE aggregate_id = ?').bind(id).first<{ n: number }>())?.n).toBe(1);
  });

  it('drafts and petitions in review are seen only by the proposer and reviewers', async () => {
    const { id } = await submitted();
    expect((await call(`/api/v1/petitions/${id}`)).status).toBe(404);
    expect((await call(`/api/v1/petitions/${id}`, { cookie: await login('resident@demo.civic.tw') })).status).toBe(404);
    expect((await call(`/api/v1/petitions/${id}`, { cookie: await login('manager@demo.civic.tw') })).status).toBe(200);
    const list = (await (await call('/api/v1/petitions')).json()) as { items: { id: string }[] };
    expect(list.items.map((p) => p.id)).not.toContain(id);
    const queue = (await (await call('/api/v1/petitions/review-queue', { cookie: await login('manager@demo.civic.tw') })).json()) as { items: { id: string }[] };
    expect(queue.items.map((p) => p.id)).toContain(id);
  });

  it('only citizens propose; the review queue is for staff', async () => {
    expect((await call('/api/v1/petitions', { json: sampleText })).status).toBe(401);
    expect((await call('/api/v1/petitions', { cookie: await login('officer.dot@demo.civic.tw'), json: sampleText })).status).toBe(403);
    expect((await call('/api/v1/petitions/review-queue', { cookie: await login('citizen@demo.civic.tw') })).status).toBe(403);
  });
});

describe('bad input', () => {
  it('empty texts, unknown fields and wrong types are 422 with field errors', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const res = await call('/api/v1/petitions', { cookie, json: { title: '', summary: '   ', body: 42, extra: 1 } });
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors!.map((e) => e.pointer).sort()).toEqual(['/body', '/extra', '/summary', '/title']);
  });

  it('a 100 KB text is a 413 problem and nothing is written', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM petitions').first<{ n: number }>();
    const res = await call('/api/v1/petitions', { cookie, json: { ...sampleText, body: '長'.repeat(100 * 1024) } });
    expect(res.status).toBe(413);
    await problemOf(res);
    // 10,001 characters fit in the body limit but not the field limit: 422.
    const long = await call('/api/v1/petitions', { cookie, json: { ...sampleText, body: 'a'.repeat(10_001) } });
    expect(long.status).toBe(422);
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM petitions').first<{ n: number }>())?.n).toBe(before?.n);
  });

  it('HTML and script in every text field are stored as plain text, unchanged', async () => {
    const cookie = await login('citizen@demo.civic.tw');
    const evil = { title: '<script>alert(1)</script>標題', summary: '<img src=x onerror=alert(1)> 摘要摘要摘要', body: `<a href="javascript:alert(1)">x</a>${'內文'.repeat(20)}` };
    const res = await call('/api/v1/petitions', { cookie, json: evil });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject(evil);
  });

  it('malformed ids and unknown petitions', async () => {
    expect((await call('/api/v1/petitions/nope')).status).toBe(422);
    const unknown = await call('/api/v1/petitions/P-20260101-ZZZZZZ');
    expect(unknown.status).toBe(404);
    expect((await problemOf(unknown)).type).toContain('petition-not-found');
    const [c] = await citizens(1);
    const res = await endorse('P-20260101-ZZZZZZ', c!.cookie, 1);
    expect(res.status).toBe(404);
    expect((await endorse('P-20260101-ZZZZZZ', c!.cookie, 1, { follow: 'yes' })).status).toBe(422);
  });

  it('endorsing a petition in review, rejected or closed is refused, nothing written', async () => {
    const [c] = await citizens(1);
    const inReview = await submitted();
    expect((await endorse(inReview.id, c!.cookie, 1)).status).toBe(404);
    const closed = await opened();
    await project({ petitionId: closed.id, seq: 3, type: 'not_passed', body: { validCount: 0, threshold: 5000 }, snapshot: snapshot({ state: 'not_passed' }) });
    const res = await endorse(closed.id, c!.cookie, 1);
    expect(res.status).toBe(409);
    expect((await problemOf(res)).type).toContain('petition-not-open');
    const rejected = await submitted();
    await project({ petitionId: rejected.id, seq: 1, type: 'rejected', body: { ground: 'advertising', message: '商業廣告。' }, snapshot: snapshot({ state: 'rejected', rejectionGround: 'advertising' }) });
    expect((await endorse(rejected.id, c!.cookie, 1)).status).toBe(404);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM petition_endorsements WHERE user_id = ?').bind(c!.id).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it('a second endorsement and withdrawing nothing are 409s', async () => {
    const p = await opened();
    const [c] = await citizens(1);
    expect((await endorse(p.id, c!.cookie, 1)).status).toBe(201);
    const dup = await endorse(p.id, c!.cookie, 1);
    expect(dup.status).toBe(409);
    expect((await problemOf(dup)).type).toContain('already-endorsed');
    expect((await call(`/api/v1/petitions/${p.id}/endorsement`, { cookie: c!.cookie, method: 'DELETE', headers: { origin: ORIGIN } })).status).toBe(200);
    const none = await call(`/api/v1/petitions/${p.id}/endorsement`, { cookie: c!.cookie, method: 'DELETE', headers: { origin: ORIGIN } });
    expect(none.status).toBe(409);
    expect((await problemOf(none)).type).toContain('not-endorsed');
  });
});

describe('endorsing', () => {
  it('needs the identity level of the platform setting (default: verified person)', async () => {
    const p = await opened();
    const [none] = await citizens(1, 'none');
    const [email] = await citizens(1, 'email_verified');
    for (const c of [none!, email!]) {
      const res = await endorse(p.id, c.cookie, 2);
      expect(res.status).toBe(403);
      expect(await problemOf(res)).toMatchObject({ type: expect.stringMatching(/identity-level$/), required: 'verified_person' });
    }
    expect((await detail(p.id, email!.cookie)).viewer).toEqual({ endorsement: null, awaitingConfirmation: false, follows: false, canEndorse: false });
    const rows = await env.DB.prepare(`SELECT COUNT(*) AS n FROM petition_endorsements WHERE petition_id = ?`).bind(p.id).first<{ n: number }>();
    expect(rows!.n).toBe(0);
    // At the platform level the setting names, the same one-statement endorsement admits it.
    const [person] = await citizens(1, 'verified_person');
    expect((await endorse(p.id, person!.cookie, 3)).status).toBe(201);
    expect((await detail(p.id, person!.cookie)).viewer).toMatchObject({ endorsement: 'valid' });
  });

  it('counts exactly under many parallel endorsements with duplicates and withdrawals', { timeout: 60_000 }, async () => {
    const p = await opened({}, 1_000);
    const people = await citizens(60);
    // Every person endorses three times at once: exactly one succeeds.
    const results = await Promise.all(people.flatMap((c, i) => [0, 1, 2].map(() => endorse(p.id, c.cookie, i))));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    expect(statuses.filter((s) => s === 409)).toHaveLength(120);
    expect((await detail(p.id)).endorsements).toBe(60);
    // Twenty withdraw twice at once while twenty others try again.
    const more = await Promise.all([
      ...people.slice(0, 20).flatMap((c) => [0, 1].map(() => call(`/api/v1/petitions/${p.id}/endorsement`, { cookie: c.cookie, method: 'DELETE', headers: { origin: ORIGIN } }))),
      ...people.slice(20, 40).map((c, i) => endorse(p.id, c.cookie, i + 20)),
    ]);
    expect(more.filter((r) => r.status === 200)).toHaveLength(20);
    const d = await detail(p.id);
    expect(d.endorsements).toBe(40);
    const distinct = await env.DB.prepare(`SELECT COUNT(DISTINCT user_id) AS n FROM petition_endorsements WHERE petition_id = ? AND state = 'valid'`).bind(p.id).first<{ n: number }>();
    expect(distinct?.n).toBe(40);
    expect(d.daily.reduce((a, x) => a + x.count, 0)).toBe(40);
    // Identities are never public: the page has counts only.
    expect(JSON.stringify(d)).not.toContain(people[25]!.id);
  });

  it('signals the workflow once, the moment the threshold is reached', { timeout: 30_000 }, async () => {
    const p = await opened({}, 3);
    const people = await citizens(5);
    for (const [i, c] of people.slice(0, 2).entries()) expect((await endorse(p.id, c.cookie, i)).status).toBe(201);
    const signal = () => env.DB.prepare(`SELECT payload FROM outbox WHERE kind = 'signal_workflow' AND aggregate_id = ?`).bind(`petition-${p.id}:threshold`).all<{ payload: string }>();
    expect((await signal()).results).toHaveLength(0);
    const third = await endorse(p.id, people[2]!.cookie, 2);
    expect(await third.json()).toMatchObject({ state: 'valid', endorsements: 3, threshold: 3 });
    await expect.poll(async () => (await signal()).results.length).toBe(1);
    expect(JSON.parse((await signal()).results[0]!.payload)).toEqual({ workflowId: `petition-${p.id}`, signal: 'thresholdReached', input: [{ validCount: 3 }] });
    await Promise.all(people.slice(3).map((c, i) => endorse(p.id, c.cookie, i + 3)));
    expect((await signal()).results).toHaveLength(1);
  });

  it('holds a burst from one network as pending (not counted) until staff approve it', { timeout: 60_000 }, async () => {
    const p = await opened({}, 1_000);
    const people = await citizens(55);
    const sameNet = { 'cf-connecting-ip': '203.0.113.9' };
    for (const c of people) await call(`/api/v1/petitions/${p.id}/endorsement`, { cookie: c.cookie, json: {}, headers: sameNet });
    expect((await detail(p.id)).endorsements).toBe(50);
    const manager = await login('manager@demo.civic.tw');
    const report = (await (await call(`/api/v1/petitions/${p.id}/integrity`, { cookie: manager })).json()) as { counts: Record<string, number>; networks: { network: string; flagged: number }[] };
    expect(report.counts).toEqual({ pending: 5, valid: 50, invalidated: 0, flagged: 5 });
    expect(report.networks[0]).toMatchObject({ flagged: 5 });
    expect(report.networks[0]!.network).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(report)).not.toContain('203.0.113');
    const ok = await call(`/api/v1/petitions/${p.id}/pending/approve`, { cookie: manager, method: 'POST', headers: { origin: ORIGIN } });
    expect(await ok.json()).toEqual({ approved: 5, endorsements: 55 });
  });

  it('bulk invalidation: dry-run count, apply with reason and audit, undo', { timeout: 30_000 }, async () => {
    const p = await opened({}, 1_000);
    const old = await citizens(4, 'verified_person', '2025-01-01T00:00:00.000Z');
    const young = await citizens(6, 'verified_person', new Date().toISOString());
    for (const [i, c] of [...old, ...young].entries()) expect((await endorse(p.id, c.cookie, 100 + i)).status).toBe(201);
    const manager = await login('manager@demo.civic.tw');
    const criteria = { accountsCreatedAfter: '2026-06-01T00:00:00.000Z' };
    const url = `/api/v1/petitions/${p.id}/invalidations`;
    const dry = await call(url, { cookie: manager, json: { criteria, reason: '大量新註冊帳號集中附議。' } });
    expect(await dry.json()).toEqual({ dryRun: true, affected: 6, invalidationId: null, endorsements: 10 });
    const applied = (await (await call(url, { cookie: manager, json: { criteria, reason: '大量新註冊帳號集中附議。', dryRun: false } })).json()) as { affected: number; invalidationId: number; endorsements: number };
    expect(applied).toMatchObject({ dryRun: false, affected: 6, endorsements: 4 });
    const audit = await env.DB.prepare(`SELECT detail FROM audit_log WHERE action = 'petition.invalidate' AND target = ?`).bind(`petition:${p.id}`).first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toMatchObject({ affected: 6, reason: '大量新註冊帳號集中附議。' });
    expect((await detail(p.id, young[0]!.cookie)).viewer?.endorsement).toBe('invalidated');
    const undo = await call(`${url}/${applied.invalidationId}/undo`, { cookie: manager, method: 'POST', headers: { origin: ORIGIN } });
    expect(await undo.json()).toMatchObject({ affected: 6, endorsements: 10 });
    expect((await call(`${url}/${applied.invalidationId}/undo`, { cookie: manager, method: 'POST', headers: { origin: ORIGIN } })).status).toBe(409);
    expect((await call(url, { cookie: manager, json: { criteria: {}, reason: '沒有條件的作廢。' } })).status).toBe(422);
    expect((await call(url, { cookie: await login('citizen@demo.civic.tw'), json: { criteria, reason: '大量新註冊帳號。' } })).status).toBe(403);
  });
});

describe('finding petitions', () => {
  it('searches Chinese text by substring (trigram), short queries by LIKE, and suggests similar ones', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const bike = await opened({ title: `在民生社區增設自行車道${tag}` });
    const park = await opened({ title: `大安森林公園夜間照明改善${tag}`, summary: '公園夜間太暗，希望增設路燈與監視器以維護安全。', body: '大安森林公園晚上九點以後步道照明不足，運動的民眾與學生經常反映看不清路面，建議增設照明設備並加強巡邏。' });
    const search = async (q: string) =>
      ((await (await call(`/api/v1/petitions?q=${encodeURIComponent(q)}`)).json()) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await search('自行車道')).toContain(bike.id);
    expect(await search('自行車道')).not.toContain(park.id);
    expect(await search('夜間照明')).toContain(park.id);
    expect(await search('車道')).toContain(bike.id); // two characters: LIKE
    expect(await search('燈')).toContain(park.id); // one character
    expect(await search('捷運站')).not.toContain(bike.id);
    expect(await search('"引號')).toEqual(expect.any(Array));
    const noise = await opened({ title: `松山機場周邊夜間航班噪音管制${tag}`, summary: '松山機場夜間航班噪音影響周邊居民睡眠，希望加強管制。', body: '松山機場周邊的民生社區與大直地區，晚上十點以後仍有航班起降，噪音影響居民睡眠與健康，建議市府向中央反映並加強夜間航班噪音管制與補償。' });
    const similar = (await (await call(`/api/v1/petitions/similar?q=${encodeURIComponent(`機場夜間噪音管制${tag}`)}`)).json()) as { items: { id: string }[] };
    expect(similar.items[0]?.id).toBe(noise.id);
    expect((await call('/api/v1/petitions/similar?q=x')).status).toBe(422);
  });

  it('filters by outcome and lists overdue responses', async () => {
    const p = await opened();
    const past = new Date(Date.now() - 1000).toISOString();
    await project({
      petitionId: p.id,
      seq: 3,
      type: 'agency_assigned',
      body: { agencyId: 'TPE-DOT' },
      snapshot: snapshot({ state: 'awaiting_response', agencyId: 'TPE-DOT', passedAt: past, assignedAt: past, responseDueAt: past, originalResponseDueAt: past }),
    });
    const ids = async (filter: string) => ((await (await call(`/api/v1/petitions?filter=${filter}`)).json()) as { items: { id: string; responseOverdue: boolean }[] }).items;
    expect((await ids('overdue')).find((i) => i.id === p.id)).toMatchObject({ responseOverdue: true });
    expect((await ids('awaiting_response')).map((i) => i.id)).toContain(p.id);
    expect((await ids('open')).map((i) => i.id)).not.toContain(p.id);
    expect((await call('/api/v1/petitions?filter=everything')).status).toBe(422);
    const acc = (await (await call('/api/v1/petitions/accountability')).json()) as { agencies: { agencyId: string; overdue: number; onTimeRate: number | null }[] };
    expect(acc.agencies.find((a) => a.agencyId === 'TPE-DOT')).toMatchObject({ overdue: expect.any(Number), onTimeRate: 0 });
  });
});

describe('projections and notifications', () => {
  it('apply an event once and never move backwards; the proposer is notified with a link', async () => {
    const p = await opened();
    const ev = { petitionId: p.id, seq: 3, type: 'passed' as const, body: { validCount: 5000, threshold: 5000 }, notify: ['proposer' as const], snapshot: snapshot({ state: 'passed', passedAt: new Date().toISOString() }) };
    expect(await (await project(ev)).json()).toEqual({ applied: true, notified: 1 });
    expect(await (await project(ev)).json()).toMatchObject({ applied: false });
    expect(await (await project({ ...ev, seq: 2, snapshot: snapshot({ state: 'open' }) })).json()).toMatchObject({ applied: false });
    expect((await detail(p.id)).state).toBe('passed');
    const inbox = (await (await call('/api/v1/notifications', { cookie: p.cookie })).json()) as { items: { link: string; kind: string; subject?: string; title?: string }[] };
    const n = inbox.items.find((i) => i.link === `/petitions/${p.id}`);
    expect(n).toMatchObject({ kind: 'petition.passed' });
    expect(JSON.stringify(n)).toContain('附議成功');
    const mail = await env.DB.prepare(`SELECT subject, body FROM email_outbox WHERE dedupe_key = ?`).bind(`petition:${p.id}:3:u-citizen`).first<{ subject: string; body: string }>();
    expect(mail?.subject).toContain('附議成功');
    expect(mail?.body).toContain(`/petitions/${p.id}`);
  });

  it('refuses unsigned or malformed projections', async () => {
    const p = await opened();
    expect((await project({ petitionId: p.id, seq: 3, type: 'passed', snapshot: snapshot() }, 'wrong-secret')).status).toBe(401);
    expect((await project({ petitionId: p.id, seq: 0, type: 'passed', snapshot: snapshot() })).status).toBe(422);
  });
});

describe('open data and settings', () => {
  it('exports petitions as JSON and CSV without personal data', async () => {
    const p = await opened();
    const json = (await (await call('/api/v1/petitions/export.json')).json()) as { items: Record<string, unknown>[] };
    const item = json.items.find((i) => i.id === p.id)!;
    expect(item).toMatchObject({ title: sampleText.title, state: 'open', endorsements: 0 });
    expect(JSON.stringify(json)).not.toMatch(/u-citizen|citizen@demo|proposer/);
    const csv = await call('/api/v1/petitions/export.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('id,title,summary,state');
    expect(text).toContain(p.id);
  });

  it('admins change the rules for new petitions; bad settings are refused', async () => {
    const admin = await login('admin@demo.civic.tw');
    const good = { threshold: 3, reviewPeriod: '5s', endorsementWindow: '20s', responsePeriod: '10s', closeAfter: '5s', endorseLevel: 'email_verified' };
    const url = '/api/v1/petitions/settings';
    const before = await (await call(url)).json();
    expect((await call(url, { cookie: admin, method: 'PUT', json: { ...good, reviewPeriod: '5wd' } })).status).toBe(422);
    expect((await call(url, { cookie: admin, method: 'PUT', json: { ...good, threshold: 0 } })).status).toBe(422);
    expect((await call(url, { cookie: await login('manager@demo.civic.tw'), method: 'PUT', json: good })).status).toBe(403);
    expect((await call(url, { cookie: admin, method: 'PUT', json: good })).status).toBe(200);
    const { id } = await submitted();
    const payload = await env.DB.prepare(`SELECT payload FROM outbox WHERE aggregate_id = ?`).bind(id).first<{ payload: string }>();
    expect(JSON.parse(payload!.payload).rules).toMatchObject({ threshold: 3, reviewPeriod: '5s' });
    await call(url, { cookie: admin, method: 'PUT', json: before });
  });

  it('a quiet period suspends new petitions and signals open ones', async () => {
    const p = await opened();
    const admin = await login('admin@demo.civic.tw');
    const from = new Date(Date.now() - 1000).toISOString();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const res = await call('/api/v1/petitions/quiet-periods', { cookie: admin, json: { from, until, reason: '總統大選前暫停。' } });
    expect(res.status).toBe(201);
    const sig = await env.DB.prepare(`SELECT payload FROM outbox WHERE kind = 'signal_workflow' AND aggregate_id LIKE ?`).bind(`petition-${p.id}:quiet:%`).first<{ payload: string }>();
    expect(JSON.parse(sig!.payload)).toMatchObject({ signal: 'quietPeriods', input: [{ periods: [{ from, until }] }] });
    const cookie = await login('citizen@demo.civic.tw');
    const { id } = (await (await call('/api/v1/petitions', { cookie, json: sampleText })).json()) as Detail;
    const refused = await call(`/api/v1/petitions/${id}/submit`, { cookie, method: 'POST', headers: { origin: ORIGIN } });
    expect(refused.status).toBe(409);
    expect((await problemOf(refused)).type).toContain('quiet-period');
    await env.DB.prepare('DELETE FROM petition_quiet_periods').run();
    expect((await call('/api/v1/petitions/quiet-periods', { cookie: admin, json: { from: until, until: from, reason: '顛倒的期間。' } })).status).toBe(422);
  });

  it('admins set identity levels; the session then carries them', async () => {
    const admin = await login('admin@demo.civic.tw');
    const [c] = await citizens(1, 'none');
    expect((await call(`/api/v1/admin/users/${c!.id}/identity-level`, { cookie: admin, method: 'PUT', json: { level: 'verified_person' } })).status).toBe(200);
    expect((await call(`/api/v1/admin/users/nobody/identity-level`, { cookie: admin, method: 'PUT', json: { level: 'verified_person' } })).status).toBe(404);
    expect((await call(`/api/v1/admin/users/${c!.id}/identity-level`, { cookie: admin, method: 'PUT', json: { level: 'king' } })).status).toBe(422);
    const p = await opened();
    expect((await endorse(p.id, c!.cookie, 9)).status).toBe(201);
  });
});
