import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { ORIGIN, call, problemOf, seedDemo } from '../support/api-helpers';
import { citizens } from './api-helpers';

beforeEach(seedDemo);

describe('e-mail address verification', () => {
  it('sends a link that confirms only through a POST from its page, once', async () => {
    const [c] = await citizens(1, 'none');
    const sent = await call('/api/v1/auth/email-verification', { cookie: c!.cookie, method: 'POST', headers: { origin: ORIGIN } });
    expect(sent.status).toBe(202);
    const mail = await env.DB.prepare('SELECT body FROM email_outbox WHERE user_id = ? ORDER BY created_at DESC').bind(c!.id).first<{ body: string }>();
    const token = /\/verify-email#([A-Za-z0-9_-]+)/.exec(mail!.body)?.[1];
    expect(token).toBeTruthy();
    // Following the link (a GET, as a mail scanner would) confirms nothing.
    const scanned = await call(`/api/v1/auth/email-verification/confirm?token=${token}`);
    expect(scanned.status).toBe(404);
    const level = () => env.DB.prepare('SELECT identity_level AS l FROM users WHERE id = ?').bind(c!.id).first<{ l: string }>();
    expect((await level())?.l).toBe('none');
    expect((await call('/api/v1/auth/email-verification/confirm', { json: { token } })).status).toBe(200);
    expect((await level())?.l).toBe('email_verified');
    const again = await call('/api/v1/auth/email-verification/confirm', { json: { token } });
    expect(again.status).toBe(409);
    expect((await problemOf(again)).type).toContain('verification-invalid');
    expect((await call('/api/v1/auth/email-verification/confirm', { json: { token: 'short' } })).status).toBe(422);
  });

  it('needs a session to ask for a link', async () => {
    expect((await call('/api/v1/auth/email-verification', { method: 'POST', headers: { origin: ORIGIN } })).status).toBe(401);
  });
});
