import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf, seedDemo } from '../support/api-helpers';
import { type CommentView, type Detail, OFFICER, citizens, closeNow, commentOk, openConsultation, signedConsultationEvent, verifyCitizens } from './api-support';

beforeEach(async () => {
  await seedDemo();
  await verifyCitizens();
});

interface Progress {
  total: number;
  answered: number;
  unanswered: number;
  perArticle: { article: string | null; label: string | null; total: number; answered: number }[];
  suggestedGroups: string[][];
  canPublish: boolean;
  missingDisposition: string[];
  pendingModeration: string[];
}

const REASON = '本府參酌各界意見後，認為本項建議可行，已修正草案文字。';

async function setup() {
  const officer = await login(OFFICER);
  const c = await openConsultation(officer);
  const [alice, bob, carol] = await citizens();
  const k1 = await commentOk(alice!, c.id, { article: '7', body: '應禁止在公園內吸菸。' });
  const k2 = await commentOk(bob!, c.id, { article: '7', body: '應禁止在公園內吸菸！' });
  const k3 = await commentOk(carol!, c.id, { article: '3', body: '綠地範圍應包含河濱。' });
  const k4 = await commentOk(alice!, c.id, { body: '整體支持本次修正。' });
  const reply = await call(`/api/v1/consultations/${c.id}/comments/${k4.id}/replies`, { cookie: bob!, json: { body: '我也支持。' } });
  expect(reply.status).toBe(201);
  return { officer, c, citizens: [alice!, bob!, carol!], k: [k1, k2, k3, k4] };
}

const dispose = (cookie: string, id: string, json: unknown) => call(`/api/v1/consultations/${id}/dispositions`, { cookie, json });

describe('dispositions', () => {
  it('are given only after the close, by the issuing agency', async () => {
    const { officer, c, k } = await setup();
    const early = await dispose(officer, c.id, { outcome: 'adopted', reason: REASON, commentIds: [k[0]!.id] });
    expect(early.status).toBe(409);
    expect((await problemOf(early)).type).toMatch(/consultation-not-closed$/);
    await closeNow(c.id);
    const dep = await login('officer.dep@demo.civic.tw');
    expect((await dispose(dep, c.id, { outcome: 'adopted', reason: REASON, commentIds: [k[0]!.id] })).status).toBe(403);
  });

  it('a disposition for every comment: progress n of m per article, grouped answers, completeness before the report', async () => {
    const { officer, c, k } = await setup();
    await closeNow(c.id);
    let p = (await (await call(`/api/v1/consultations/${c.id}/progress`, { cookie: officer })).json()) as Progress;
    expect(p).toMatchObject({ total: 4, answered: 0, canPublish: false });
    expect(p.perArticle).toEqual([
      { article: '3', label: '第三條', total: 1, answered: 0 },
      { article: '7', label: '第七條', total: 2, answered: 0 },
      { article: null, label: null, total: 1, answered: 0 },
    ]);
    expect(p.suggestedGroups).toEqual([[k[0]!.id, k[1]!.id]]);

    // Bad dispositions: short reason, unknown outcome, reply, unknown comment.
    expect((await dispose(officer, c.id, { outcome: 'adopted', reason: '好', commentIds: [k[0]!.id] })).status).toBe(422);
    expect((await dispose(officer, c.id, { outcome: 'maybe', reason: REASON, commentIds: [k[0]!.id] })).status).toBe(422);
    expect((await dispose(officer, c.id, { outcome: 'adopted', reason: REASON, commentIds: ['KAAAAAAAAAAAA'] })).status).toBe(422);

    const report = await call(`/api/v1/consultations/${c.id}/report`, { cookie: officer, json: {} });
    expect(report.status).toBe(409);
    const incomplete = (await problemOf(report)) as { type: string; missingDisposition?: string[] };
    expect(incomplete.type).toMatch(/report-incomplete$/);
    expect(incomplete.missingDisposition?.sort()).toEqual(k.map((x) => x.id).sort());

    // One answer for the two identical comments.
    const grouped = await dispose(officer, c.id, { outcome: 'partly_adopted', reason: '吸菸管制另依菸害防制法辦理，本條增列菸蒂丟棄之禁止。', commentIds: [k[0]!.id, k[1]!.id] });
    expect(grouped.status).toBe(201);
    p = (await grouped.json()) as Progress;
    expect(p).toMatchObject({ total: 4, answered: 2, unanswered: 2 });
    expect(p.perArticle.find((a) => a.article === '7')).toMatchObject({ total: 2, answered: 2 });
    const twice = await dispose(officer, c.id, { outcome: 'adopted', reason: REASON, commentIds: [k[1]!.id] });
    expect(twice.status).toBe(409);
    expect((await problemOf(twice)).type).toMatch(/already-answered$/);

    expect((await dispose(officer, c.id, { outcome: 'not_adopted', reason: '河濱公園屬水利法管理範圍，非本自治條例所能規範。', commentIds: [k[2]!.id] })).status).toBe(201);
    p = (await (await dispose(officer, c.id, { outcome: 'out_of_scope', reason: '感謝支持，本意見無須修正草案內容。', commentIds: [k[3]!.id] })).json()) as Progress;
    expect(p).toMatchObject({ total: 4, answered: 4, canPublish: true, missingDisposition: [] });

    // Citizens do not see answers before the report is published.
    const [alice] = await citizens();
    const before = (await (await call('/api/v1/consultations/my-comments', { cookie: alice! })).json()) as { items: (CommentView & { consultationId: string })[] };
    expect(before.items.filter((i) => i.consultationId === c.id).every((i) => i.disposition === null)).toBe(true);

    const published = await call(`/api/v1/consultations/${c.id}/report`, { cookie: officer, json: {} });
    expect(published.status, await published.clone().text()).toBe(201);
    const r = (await published.json()) as { onTime: boolean; report: { articles: { number: string; comments: { id: string; answer: { outcome: string; groupSize: number } | null }[] }[]; generalComments: unknown[] } };
    expect(r.onTime).toBe(true);
    const art7 = r.report.articles.find((a) => a.number === '7')!;
    expect(art7.comments.map((x) => [x.answer?.outcome, x.answer?.groupSize])).toEqual([
      ['partly_adopted', 2],
      ['partly_adopted', 2],
    ]);
    expect(r.report.generalComments).toHaveLength(1);
    expect(JSON.stringify(r)).not.toMatch(/陳小明|Alex Lin|@demo/);

    // Now the citizen sees the answer on each of their comments; dispositions are final.
    const after = (await (await call('/api/v1/consultations/my-comments', { cookie: alice! })).json()) as { items: (CommentView & { consultationId: string })[] };
    const mine = after.items.filter((i) => i.consultationId === c.id);
    expect(mine.map((i) => i.disposition?.outcome).sort()).toEqual(['out_of_scope', 'partly_adopted']);
    expect((await call(`/api/v1/consultations/${c.id}/report`)).status).toBe(200);
    expect((await call(`/api/v1/consultations/${c.id}/report`, { cookie: officer, json: {} })).status).toBe(409);
    const detail = (await (await call(`/api/v1/consultations/${c.id}`)).json()) as Detail;
    expect(detail.state).toBe('reported');

    // Followers and commenters are notified, with a link to the consultation.
    const n = await env.DB.prepare(`SELECT user_id, link FROM notifications WHERE kind = 'consultation_report_published' AND link = ?`).bind(`/consultations/${c.id}`).all<{ user_id: string }>();
    expect(new Set(n.results.map((x) => x.user_id))).toEqual(new Set(['u-citizen', 'u-citizen-en', 'u-helper']));
    const inbox = (await (await call('/api/v1/notifications', { cookie: alice! })).json()) as { items: { title: string; link: string | null }[] };
    expect(inbox.items.find((i) => i.link === `/consultations/${c.id}`)?.title).toBe('法規預告「臺北市公園管理自治條例部分條文修正草案」已公布意見處理情形');
  });

  it('a comment hidden pending moderation blocks the report; a removed one needs no answer', async () => {
    const { officer, c, k } = await setup();
    await closeNow(c.id);
    await env.DB.prepare(`UPDATE consultation_comments SET moderation = 'hidden' WHERE id = ?`).bind(k[3]!.id).run();
    await dispose(officer, c.id, { outcome: 'adopted', reason: REASON, commentIds: [k[0]!.id, k[1]!.id, k[2]!.id] });
    const blocked = await call(`/api/v1/consultations/${c.id}/report`, { cookie: officer, json: {} });
    expect(blocked.status).toBe(409);
    expect(((await problemOf(blocked)) as { pendingModeration?: string[] }).pendingModeration).toEqual([k[3]!.id]);
    const removed = await call(`/api/v1/consultations/${c.id}/comments/${k[3]!.id}/moderation`, { cookie: officer, json: { action: 'remove', reason: '廣告內容，違反留言規範。' } });
    expect(removed.status).toBe(200);
    expect((await call(`/api/v1/consultations/${c.id}/report`, { cookie: officer, json: {} })).status).toBe(201);
  });

  it('publishes a final text against the draft; a malformed final text is refused with its line', async () => {
    const { officer, c, k } = await setup();
    await closeNow(c.id);
    await dispose(officer, c.id, { outcome: 'adopted', reason: REASON, commentIds: k.map((x) => x.id) });
    const bad = await call(`/api/v1/consultations/${c.id}/report`, { cookie: officer, json: { finalText: '第一條\n一、沒有前導句\n' } });
    expect(bad.status).toBe(422);
    expect((await problemOf(bad)).type).toMatch(/draft-invalid$/);
    const source = (await env.DB.prepare('SELECT draft_source FROM consultations WHERE id = ?').bind(c.id).first<{ draft_source: string }>())!.draft_source;
    const finalText = source.replace('未經許可擺設攤販或兜售物品。', '未經許可擺設攤販、兜售物品或從事街頭藝人表演。');
    const ok = await call(`/api/v1/consultations/${c.id}/report`, { cookie: officer, json: { finalText } });
    expect(ok.status).toBe(201);
    const r = (await ok.json()) as { report: { articles: { number: string; changedAfterConsultation: boolean; changes: { op: string; text: string }[] }[] } };
    const art7 = r.report.articles.find((a) => a.number === '7')!;
    expect(art7.changedAfterConsultation).toBe(true);
    expect(art7.changes.filter((s) => s.op === 'insert').map((s) => s.text).join('')).toContain('街頭藝人');
    expect(r.report.articles.filter((a) => a.changedAfterConsultation).map((a) => a.number)).toEqual(['7']);
  });

  it('withdrawing an answer reopens the comment until the report is published', async () => {
    const { officer, c, k } = await setup();
    await closeNow(c.id);
    const p = (await (await dispose(officer, c.id, { outcome: 'adopted', reason: REASON, commentIds: [k[0]!.id] })).json()) as Progress;
    expect(p.answered).toBe(1);
    const ds = await env.DB.prepare('SELECT id FROM consultation_dispositions WHERE consultation_id = ?').bind(c.id).first<{ id: string }>();
    const withdrawn = await call(`/api/v1/consultations/${c.id}/dispositions/${ds!.id}`, { cookie: officer, method: 'DELETE', headers: { origin: 'http://example.com' } });
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as Progress).answered).toBe(0);
  });
});

describe('workflow projections, figures and open data', () => {
  it('applies each event once, flags overdue publicly, and ignores warnings once the report is out', async () => {
    const { officer, c, k } = await setup();
    const due = new Date(Date.now() - 500).toISOString();
    const ev = { consultationId: c.id, seq: 1, type: 'closed' as const, state: 'closed' as const, occurredAt: new Date().toISOString(), responseDueAt: due, responseState: 'on_track' as const, notify: ['followers' as const, 'agency_officers' as const] };
    const first = await signedConsultationEvent(ev);
    expect(await first.json()).toMatchObject({ applied: true, reportPublished: false });
    expect(await (await signedConsultationEvent(ev)).json()).toMatchObject({ applied: false });
    const officerNotes = await env.DB.prepare(`SELECT COUNT(*) AS n FROM notifications WHERE kind = 'consultation_closed' AND link = ?`).bind(`/consultations/${c.id}`).first<{ n: number }>();
    expect(officerNotes?.n).toBe(1); // the DOT officer (followers: none yet)
    await signedConsultationEvent({ ...ev, seq: 2, type: 'response_overdue', responseState: 'breached', notify: ['supervisors', 'oversight'] });
    await closeNow(c.id);
    const summary = (await (await call(`/api/v1/consultations/${c.id}`)).json()) as Detail;
    expect(summary.overdue).toBe(true);

    const figures = (await (await call('/api/v1/consultation-figures')).json()) as { items: { agencyId: string; awaitingDisposition: number; overdueReports: number }[] };
    const dot = figures.items.find((f) => f.agencyId === 'TPE-DOT')!;
    expect(dot.overdueReports).toBeGreaterThanOrEqual(1);
    expect(dot.awaitingDisposition).toBeGreaterThanOrEqual(1);

    await dispose(officer, c.id, { outcome: 'adopted', reason: REASON, commentIds: k.map((x) => x.id) });
    expect((await call(`/api/v1/consultations/${c.id}/report`, { cookie: officer, json: {} })).status).toBe(201);
    const late = (await (await call(`/api/v1/consultations/${c.id}/report`)).json()) as { onTime: boolean };
    expect(late.onTime).toBe(false);
    const warn = await signedConsultationEvent({ ...ev, seq: 3, type: 'response_warning', level: 75, notify: ['agency_officers'] });
    expect(await warn.json()).toMatchObject({ reportPublished: true, notified: 0 });
    expect(((await (await call(`/api/v1/consultations/${c.id}`)).json()) as Detail).overdue).toBe(false);
  });

  it('refuses unsigned or malformed projections', async () => {
    const { c } = await setup();
    const unsigned = await call('/internal/v1/consultation-events', { json: { consultationId: c.id, seq: 1, type: 'closed', state: 'closed', occurredAt: new Date().toISOString() } });
    expect(unsigned.status).toBe(401);
    const bad = await signedConsultationEvent({ consultationId: c.id, seq: 0, type: 'closed', state: 'closed', occurredAt: 'yesterday' });
    expect(bad.status).toBe(422);
  });

  it('open data carries comments and dispositions without personal data, as JSON and CSV', async () => {
    const { officer, c, k } = await setup();
    await closeNow(c.id);
    await dispose(officer, c.id, { outcome: 'adopted', reason: REASON, commentIds: k.map((x) => x.id) });
    await call(`/api/v1/consultations/${c.id}/report`, { cookie: officer, json: {} });
    const json = (await (await call('/api/v1/open-data/consultation-comments')).json()) as { items: Record<string, unknown>[] };
    const ours = json.items.filter((i) => i.consultationId === c.id);
    expect(ours).toHaveLength(5);
    expect(Object.keys(ours[0]!).sort()).toEqual(['anchor', 'article', 'body', 'consultationId', 'dispositionId', 'id', 'moderation', 'replyTo', 'submittedAt', 'supports']);
    expect(JSON.stringify(json)).not.toMatch(/u-citizen|@demo|陳小明/);
    const csv = await call('/api/v1/open-data/consultation-dispositions?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')[0]!.replace(/^\uFEFF/, '')).toBe('id,consultationId,outcome,reason,decidedAt,commentIds');
    expect(text).toContain(c.id);
    const list = (await (await call('/api/v1/open-data/consultations?format=json')).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toContain(c.id);
    expect((await call('/api/v1/open-data/consultations?format=xml')).status).toBe(422);
  });
});
