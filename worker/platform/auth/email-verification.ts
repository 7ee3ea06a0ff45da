/**
 * E-mail address verification (identity level `email_verified`). The e-mailed link opens a page
 * whose button POSTs the token: the link itself (a GET) never confirms anything, so mail
 * scanners that follow links cannot use it up.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditStatement } from '../audit';
import { newToken, sha256Hex } from '../crypto';
import { emailStatement } from '../notifications/db';
import { jsonBody, jsonResponse, problems } from '../openapi';
import { fail } from '../problem';
import { createRouter } from '../validation';
import { requireRole } from './middleware';

const verification = createRouter();
const VALID_HOURS = 24;

const texts = {
  'zh-TW': { subject: '請確認您的電子郵件地址', body: (link: string) => `請開啟下列連結，並在頁面上按「確認」完成電子郵件驗證（24 小時內有效）：\n\n${link}` },
  en: { subject: 'Please confirm your e-mail address', body: (link: string) => `Open this link and press "Confirm" on the page to verify your address (valid for 24 hours):\n\n${link}` },
};

verification.openapi(
  createRoute({
    middleware: [requireRole()] as const,
    method: 'post',
    path: '/email-verification',
    tags: ['Accounts'],
    summary: 'Send a verification link to the signed-in account’s e-mail address.',
    responses: { 202: jsonResponse(z.object({ sent: z.boolean() }), 'Sent (or already verified).'), ...problems(401) },
  }),
  async (c) => {
    const user = c.get('user')!;
    if (user.identityLevel !== 'none') return c.json({ sent: false }, 202);
    const token = newToken();
    const now = new Date();
    const link = `${c.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/verify-email#${token}`;
    const t = texts[user.locale];
    await c.env.DB.batch([
      c.env.DB.prepare('INSERT INTO email_verifications (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').bind(
        await sha256Hex(token),
        user.id,
        now.toISOString(),
        new Date(now.getTime() + VALID_HOURS * 3_600_000).toISOString(),
      ),
      emailStatement(c.env.DB, { userId: user.id, dedupeKey: `verify:${await sha256Hex(token)}`, subject: t.subject, body: t.body(link), at: now.toISOString() }),
    ]);
    return c.json({ sent: true }, 202);
  },
);

verification.openapi(
  createRoute({
    method: 'post',
    path: '/email-verification/confirm',
    tags: ['Accounts'],
    summary: 'Confirm an address with the token from the e-mail (POST only: opening the link does not confirm).',
    request: jsonBody(z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) })),
    responses: { 200: jsonResponse(z.object({ verified: z.boolean() }), 'Verified.'), ...problems(400, 409, 422) },
  }),
  async (c) => {
    const { token } = c.req.valid('json');
    const hash = await sha256Hex(token);
    const now = new Date().toISOString();
    const row = await c.env.DB.prepare('SELECT user_id FROM email_verifications WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?')
      .bind(hash, now)
      .first<{ user_id: string }>();
    if (!row) fail(409, 'verification-invalid', 'This link is unknown, used or expired; ask for a new one.');
    await c.env.DB.batch([
      c.env.DB.prepare('UPDATE email_verifications SET used_at = ? WHERE token_hash = ? AND used_at IS NULL').bind(now, hash),
      // The platform level (what every leg checks) rises to email_verified, never falls; the
      // timestamp records when the address was first confirmed (a fact, read by no rule).
      c.env.DB.prepare(`UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?1),
        identity_level = CASE WHEN identity_level = 'none' THEN 'email_verified' ELSE identity_level END WHERE id = ?2`).bind(now, row.user_id),
      auditStatement(c.env.DB, { actorId: row.user_id, action: 'account.email_verified', target: `user:${row.user_id}`, at: now }),
    ]);
    return c.json({ verified: true }, 200);
  },
);

export default verification;
