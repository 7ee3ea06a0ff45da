/**
 * E-mail delivery from the outbox table: through Cloudflare's `send_email` binding in
 * production, or captured into the development mailbox (/dev/mailbox) when
 * EMAIL_DELIVERY = "capture". Retries with back-off; a row is sent at most once.
 */
import type { Bindings } from '../env';
import { mimeMessage } from './mime';

interface DueEmail {
  id: number;
  subject: string;
  body: string;
  attempts: number;
  to_address: string;
}

const MAX_ATTEMPTS = 10;

export async function deliverEmails(env: Bindings, opts: { limit?: number } = {}): Promise<{ sent: number; failed: number }> {
  const db = env.DB;
  const now = new Date();
  const { results } = await db
    .prepare(
      `SELECT e.id, e.subject, e.body, e.attempts, u.email AS to_address
       FROM email_outbox e JOIN users u ON u.id = e.user_id
       WHERE e.state = 'pending' AND e.next_attempt_at <= ? ORDER BY e.id LIMIT ?`,
    )
    .bind(now.toISOString(), opts.limit ?? 50)
    .all<DueEmail>();
  let sent = 0;
  let failed = 0;
  for (const mail of results) {
    // Claim the row first so that two concurrent drains cannot both send it.
    const claim = await db
      .prepare(`UPDATE email_outbox SET next_attempt_at = ? WHERE id = ? AND state = 'pending' AND next_attempt_at <= ?`)
      .bind(new Date(now.getTime() + 120_000).toISOString(), mail.id, now.toISOString())
      .run();
    if (claim.meta.changes !== 1) continue;
    try {
      if (env.EMAIL_DELIVERY === 'capture') {
        await db
          .prepare(
            `INSERT INTO dev_mailbox (email_id, to_address, subject, body, captured_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (email_id) DO NOTHING`,
          )
          .bind(mail.id, mail.to_address, mail.subject, mail.body, new Date().toISOString())
          .run();
      } else {
        const { EmailMessage } = await import('cloudflare:email');
        const raw = mimeMessage({ from: env.EMAIL_FROM, to: mail.to_address, subject: mail.subject, body: mail.body, id: mail.id });
        await env.EMAIL.send(new EmailMessage(env.EMAIL_FROM, mail.to_address, raw));
      }
      await db.prepare(`UPDATE email_outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?`).bind(new Date().toISOString(), mail.id).run();
      sent++;
    } catch (e) {
      const attempts = mail.attempts + 1;
      await db
        .prepare(`UPDATE email_outbox SET attempts = ?, last_error = ?, next_attempt_at = ?, state = ? WHERE id = ?`)
        .bind(
          attempts,
          (e as Error).message.slice(0, 500),
          new Date(now.getTime() + Math.min(60_000 * 2 ** attempts, 3_600_000)).toISOString(),
          attempts >= MAX_ATTEMPTS ? 'dead' : 'pending',
          mail.id,
        )
        .run();
      failed++;
    }
  }
  return { sent, failed };
}
