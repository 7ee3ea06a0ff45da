/**
 * E-mail delivery under concurrency: every notifying projection starts a delivery, so many run
 * at once; each claims its rows in one statement and no mail is captured twice.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Bindings } from '../../worker/platform/env';
import { emailStatement } from '../../worker/platform/notifications/db';
import { deliverEmails, deliverEmailsSoon } from '../../worker/platform/notifications/email';
import { seedDemo } from '../support/api-helpers';

describe('e-mail delivery', () => {
  it('concurrent deliveries take disjoint rows: every mail is captured once', async () => {
    await seedDemo();
    const at = new Date(Date.now() - 1_000).toISOString();
    await env.DB.batch(
      Array.from({ length: 120 }, (_, i) =>
        emailStatement(env.DB, { userId: 'u-citizen', dedupeKey: `burst:${i}`, subject: `burst ${i}`, body: 'x', at }),
      ),
    );
    const runs = await Promise.all(Array.from({ length: 5 }, () => deliverEmails(env as Bindings, { limit: 30 })));
    const again = await Promise.all(Array.from({ length: 5 }, () => deliverEmails(env as Bindings, { limit: 30 })));
    const sent = [...runs, ...again].reduce((n, r) => n + r.sent, 0);
    expect(sent).toBe(120);
    const box = await env.DB.prepare(`SELECT COUNT(*) AS n, COUNT(DISTINCT subject) AS d FROM dev_mailbox WHERE subject LIKE 'burst %'`).first<{
      n: number;
      d: number;
    }>();
    expect(box).toEqual({ n: 120, d: 120 });
    const left = await env.DB.prepare(`SELECT COUNT(*) AS n FROM email_outbox WHERE dedupe_key LIKE 'burst:%' AND state <> 'sent'`).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it('deliveries asked for during a running one are folded into it, and nothing is left behind', async () => {
    await seedDemo();
    const at = new Date(Date.now() - 1_000).toISOString();
    const queue = (from: number, n: number) =>
      env.DB.batch(
        Array.from({ length: n }, (_, i) =>
          emailStatement(env.DB, { userId: 'u-citizen', dedupeKey: `soon:${from + i}`, subject: `soon ${from + i}`, body: 'x', at }),
        ),
      );
    await queue(0, 150);
    const first = deliverEmailsSoon(env as Bindings);
    // Projections that arrive meanwhile queue more mail and ask for a delivery: they return at once.
    await queue(150, 30);
    await Promise.all([deliverEmailsSoon(env as Bindings), deliverEmailsSoon(env as Bindings)]);
    await first;
    const left = await env.DB.prepare(`SELECT COUNT(*) AS n FROM email_outbox WHERE dedupe_key LIKE 'soon:%' AND state <> 'sent'`).first<{ n: number }>();
    expect(left?.n).toBe(0);
    const box = await env.DB.prepare(`SELECT COUNT(DISTINCT subject) AS d FROM dev_mailbox WHERE subject LIKE 'soon %'`).first<{ d: number }>();
    expect(box?.d).toBe(180);
  });
});
