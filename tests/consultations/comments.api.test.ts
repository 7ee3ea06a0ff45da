import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { call, login, problemOf, seedDemo } from '../support/api-helpers';
import { type CommentView, OFFICER, citizens, closeNow, comment, commentOk, openConsultation, verifyCitizens } from './api-support';

beforeEach(async () => {
  await seedDemo();
  await verifyCitizens();
});

describe('commenting', () => {
  it('on the whole draft, one article, a selected passage, with alternative wording shown as a diff', async () => {
    const c = await openConsultation(await login(OFFICER));
    const [alice] = await citizens();
    const general = await commentOk(alice!, c.id, { body: '整體方向支持，惟施行日期宜明確。' });
    expect(general).toMatchObject({ article: null, anchor: null, passage: null });

    const onArticle = await commentOk(alice!, c.id, { article: '3-1', body: '審議會應納入身心障礙團體代表。' });
    expect(onArticle).toMatchObject({ article: '3-1', anchor: 'a3-1' });

    const art3 = c.table.find((r) => r.number === '3')!;
    const quote = '附設於公園內之共融式遊戲場';
    const onPassage = await commentOk(alice!, c.id, { article: '3', passage: { quote }, body: '共融式遊戲場之定義應另以辦法定之。' });
    expect(onPassage.passage).toEqual({ start: art3.amended.indexOf(quote), end: art3.amended.indexOf(quote) + quote.length, text: quote });
    expect(onPassage.anchor).toBe('a3/p1/s2/i2');
    expect((onPassage as CommentView & { articleLabel: string }).articleLabel).toBe('第三條第一項第二款第二目');

    const proposed = art3.amended.replace('經市政府公告之綠地及廣場', '經市政府公告之綠地、廣場及河濱公園');
    const alt = await commentOk(alice!, c.id, { article: '3', proposedText: proposed, body: '建議納入河濱公園。' });
    expect(alt.proposedChanges!.filter((s) => s.op === 'insert').map((s) => s.text).join('')).toContain('河濱公園');
    expect(alt.proposedChanges!.filter((s) => s.op !== 'insert').map((s) => s.text).join('')).toBe(art3.amended);
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    const c = await openConsultation(await login(OFFICER));
    const [alice] = await citizens();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ article: '99', body: '第九十九條不存在。' }, 422, 'article-not-in-draft'],
      [{ body: '   ' }, 422, 'validation'],
      [{ body: 'x'.repeat(5001) }, 422, 'validation'],
      [{ article: '3', passage: { quote: '不存在的文字' }, body: '引用錯誤。' }, 422, 'passage-invalid'],
      [{ article: '3', passage: { start: 5, end: 5000 }, body: '範圍錯誤。' }, 422, 'passage-invalid'],
      [{ passage: { quote: '公園' }, body: '沒有條次。' }, 422, 'validation'],
      [{ body: 'ok', html: '<b>' }, 422, 'validation'],
    ];
    for (const [json, status, slug] of cases) {
      const res = await comment(alice!, c.id, json);
      expect(res.status, JSON.stringify(json).slice(0, 80)).toBe(status);
      expect((await problemOf(res)).type).toMatch(new RegExp(`${slug}$`));
    }
    const huge = await comment(alice!, c.id, { body: '長'.repeat(100 * 1024) });
    expect(huge.status).toBe(413);
    await problemOf(huge);
    const unknown = await comment(alice!, 'C20261130-AAAAAA', { body: '不存在的預告。' });
    expect(unknown.status).toBe(404);
    expect((await problemOf(unknown)).type).toMatch(/consultation-not-found$/);
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM consultation_comments WHERE consultation_id = ?').bind(c.id).first<{ n: number }>();
    expect(n?.n).toBe(0);
  });

  it('stores HTML and script as written and returns them as JSON text (rendered inert by the UI)', async () => {
    const c = await openConsultation(await login(OFFICER));
    const [alice] = await citizens();
    const body = '<script>alert(1)</script><img src=x onerror=alert(2)> 請修正第三條';
    const k = await commentOk(alice!, c.id, { body });
    expect(k.body).toBe(body);
    const res = await call(`/api/v1/consultations/${c.id}/comments`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as { items: CommentView[] }).items[0]!.body).toBe(body);
  });

  it('refuses comments once the stored close has passed (409), even from a page opened before', async () => {
    const c = await openConsultation(await login(OFFICER));
    const [alice] = await citizens();
    await commentOk(alice!, c.id, { body: '截止前的意見。' });
    await closeNow(c.id);
    const late = await comment(alice!, c.id, { body: '截止後的意見。' });
    expect(late.status).toBe(409);
    expect((await problemOf(late)).type).toMatch(/consultation-closed$/);
    const n = await env.DB.prepare('SELECT COUNT(*) AS n FROM consultation_comments WHERE consultation_id = ?').bind(c.id).first<{ n: number }>();
    expect(n?.n).toBe(1);
  });

  it('decides the race at the close by the receipt instant alone: accepted ones before it, refused ones after', async () => {
    const c = await openConsultation(await login(OFFICER), { seconds: 1 });
    const [alice] = await citizens();
    const closesAt = Date.parse(c.closesAt!);
    const outcomes: { sentAt: number; status: number; doneAt: number }[] = [];
    while (Date.now() < closesAt + 300) {
      const sentAt = Date.now();
      const res = await comment(alice!, c.id, { body: `競速留言 ${sentAt}` });
      outcomes.push({ sentAt, status: res.status, doneAt: Date.now() });
      if (res.status !== 201) expect((await problemOf(res)).type).toMatch(/consultation-closed$/);
    }
    expect(outcomes.some((o) => o.status === 201)).toBe(true);
    expect(outcomes.some((o) => o.status === 409)).toBe(true);
    // Everything sent after the close was refused; everything answered before it was accepted.
    for (const o of outcomes) {
      if (o.sentAt >= closesAt) expect(o.status).toBe(409);
      if (o.doneAt < closesAt) expect(o.status).toBe(201);
    }
    // Nothing stored carries a receipt at or after the close.
    const stored = await env.DB.prepare('SELECT submitted_at FROM consultation_comments WHERE consultation_id = ?').bind(c.id).all<{ submitted_at: string }>();
    expect(stored.results.length).toBe(outcomes.filter((o) => o.status === 201).length);
    expect(stored.results.every((r) => Date.parse(r.submitted_at) < closesAt)).toBe(true);
  });

  it('refuses comments before the opening', async () => {
    const officer = await login(OFFICER);
    const opensAt = new Date(Date.now() + 3_600_000).toISOString();
    const c = await openConsultation(officer, { seconds: 7200, body: { opensAt } });
    expect(c.state).toBe('scheduled');
    const [alice] = await citizens();
    const early = await comment(alice!, c.id, { body: '太早的意見。' });
    expect(early.status).toBe(409);
    expect((await problemOf(early)).type).toMatch(/consultation-not-open$/);
  });

  it('requires platform level email_verified by default (refused below it: 403 identity-level); "account" lets any citizen comment', async () => {
    // The confirmed-at timestamp is a fact only: the level decides.
    await env.DB.prepare(`UPDATE users SET identity_level = 'none' WHERE email = 'resident@demo.civic.tw'`).run();
    const officer = await login(OFFICER);
    const strict = await openConsultation(officer);
    const resident = await login('resident@demo.civic.tw');
    const refused = await comment(resident, strict.id, { body: 'Please reconsider article 7.' });
    expect(refused.status).toBe(403);
    expect(await problemOf(refused)).toMatchObject({ type: expect.stringMatching(/identity-level$/), required: 'email_verified' });
    const none = await env.DB.prepare(`SELECT COUNT(*) AS n FROM consultation_comments WHERE consultation_id = ?`).bind(strict.id).first<{ n: number }>();
    expect(none!.n).toBe(0);
    const open = await openConsultation(officer, { body: { identityLevel: 'account' } });
    await commentOk(resident, open.id, { body: 'Please reconsider article 7.' });
  });

  it('admits an account at the level or above (email_verified, verified_person)', async () => {
    await env.DB.prepare(`UPDATE users SET identity_level = 'email_verified' WHERE email = 'resident@demo.civic.tw'`).run();
    await env.DB.prepare(`UPDATE users SET identity_level = 'verified_person' WHERE email = 'citizen@demo.civic.tw'`).run();
    const strict = await openConsultation(await login(OFFICER));
    await commentOk(await login('resident@demo.civic.tw'), strict.id, { body: 'Please reconsider article 7, paragraph 2.' });
    await commentOk(await login('citizen@demo.civic.tw'), strict.id, { body: '第七條第二項請再斟酌。' });
  });
});

describe('replies and supports', () => {
  it('replies attach to a comment; supports count once per person', async () => {
    const c = await openConsultation(await login(OFFICER));
    const [alice, bob, carol] = await citizens();
    const k = await commentOk(alice!, c.id, { article: '7', body: '寵物排泄物規定應加重罰則。' });
    const reply = await call(`/api/v1/consultations/${c.id}/comments/${k.id}/replies`, { cookie: bob!, json: { body: '同意，但應先加強宣導。' } });
    expect(reply.status).toBe(201);
    expect(await reply.json()).toMatchObject({ parentId: k.id, article: '7' });
    for (const who of [bob!, carol!, bob!]) {
      expect((await call(`/api/v1/consultations/${c.id}/comments/${k.id}/support`, { cookie: who, json: {} })).status).toBe(200);
    }
    const list = ((await (await call(`/api/v1/consultations/${c.id}/comments`, { cookie: bob! })).json()) as { items: (CommentView & { supportedByMe: boolean })[] }).items;
    expect(list.find((i) => i.id === k.id)).toMatchObject({ supports: 2, supportedByMe: true });
  });
});

describe('reports and moderation', () => {
  it('3 distinct reporters hide a comment; a moderator restores or removes it with a reason, audited', async () => {
    const officer = await login(OFFICER);
    const c = await openConsultation(officer);
    const author = await login('citizen@demo.civic.tw');
    const k = await commentOk(author, c.id, { body: '不雅言論示範。' });
    const report = (who: string) => call(`/api/v1/consultations/${c.id}/comments/${k.id}/report`, { cookie: who, json: { reason: '人身攻擊' } });
    expect((await report(author)).status).toBe(409); // own comment
    const resident = await login('resident@demo.civic.tw');
    const helper = await login('helper@demo.civic.tw');
    await report(resident);
    await report(resident); // the same reporter counts once
    expect(((await (await report(helper)).json()) as CommentView).moderation).toBe('visible');
    await env.DB.prepare(
      `INSERT INTO users (id, email, password_hash, display_name, role, locale, created_at) SELECT 'u-third', 'third@demo.civic.tw', password_hash, '第三位', 'citizen', 'zh-TW', created_at FROM users WHERE id = 'u-citizen'`,
    ).run();
    const third = await login('third@demo.civic.tw');
    const hidden = (await (await report(third)).json()) as CommentView;
    expect(hidden.moderation).toBe('hidden');
    expect(hidden.body).toBe('');

    // The public sees no text; the author and the moderators do.
    const publicList = ((await (await call(`/api/v1/consultations/${c.id}/comments`)).json()) as { items: CommentView[] }).items;
    expect(publicList[0]).toMatchObject({ moderation: 'hidden', body: '' });
    const staffList = ((await (await call(`/api/v1/consultations/${c.id}/comments`, { cookie: officer })).json()) as { items: CommentView[] }).items;
    expect(staffList[0]!.body).toBe('不雅言論示範。');

    const moderate = (who: string, json: unknown) => call(`/api/v1/consultations/${c.id}/comments/${k.id}/moderation`, { cookie: who, json });
    expect((await moderate(author, { action: 'restore', reason: '無違規' })).status).toBe(403);
    expect((await moderate(await login('officer.dep@demo.civic.tw'), { action: 'restore', reason: '無違規' })).status).toBe(403);
    expect((await moderate(officer, { action: 'remove' })).status).toBe(422);
    const restored = await moderate(officer, { action: 'restore', reason: '經檢視未違反留言規範。' });
    expect(((await restored.json()) as CommentView).moderation).toBe('visible');
    expect((await moderate(officer, { action: 'restore', reason: '再次恢復。' })).status).toBe(409);
    // Earlier reporters are answered: only new reporters count again.
    expect(((await (await report(resident)).json()) as CommentView).moderation).toBe('visible');
    const removed = await moderate(officer, { action: 'remove', reason: '含人身攻擊，違反留言規範第三點。' });
    expect(((await removed.json()) as CommentView & { moderationReason: string }).moderationReason).toBe('含人身攻擊，違反留言規範第三點。');
    const audit = await env.DB.prepare(`SELECT action, detail FROM audit_log WHERE target = ? ORDER BY id`).bind(`consultation-comment:${k.id}`).all<{ action: string; detail: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(['consultation.comment.restore', 'consultation.comment.remove']);
    expect(JSON.parse(audit.results[1]!.detail)).toMatchObject({ reason: '含人身攻擊，違反留言規範第三點。' });
  });
});

describe('my comments', () => {
  it('lists the citizen’s own comments only', async () => {
    const c = await openConsultation(await login(OFFICER));
    const [alice, bob] = await citizens();
    await commentOk(alice!, c.id, { body: 'Alice 的意見。' });
    await commentOk(bob!, c.id, { body: 'Bob 的意見。' });
    const mine = (await (await call('/api/v1/consultations/my-comments', { cookie: alice! })).json()) as {
      items: (CommentView & { consultationTitle: string; consultationId: string; mine: boolean })[];
    };
    expect(mine.items.every((i) => i.mine)).toBe(true);
    expect(mine.items.filter((i) => i.consultationId === c.id).map((i) => i.body)).toEqual(['Alice 的意見。']);
    expect(mine.items[0]!.consultationTitle).toContain('公園');
  });
});
