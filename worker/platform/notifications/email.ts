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
/** Longer than sending a claimed batch can take; a drain that dies gives its rows back after it. */
const LEASE_MS = 120_000;

/**
 * Every projected event that notifies someone starts a delivery, so many run at once under
 * load: each claims its rows in one statement (the lease is the pushed-back next_attempt_at),
 * so concurrent deliveries take disjoint rows and one with nothing due costs one query, and
 * the results are written in one batch.
 */
export async function deliverEmails(env: Bindings, opts: { limit?: number } = {}): Promise<{ sent: number; failed: number }> {
  const db = env.DB;
  const now = new Date();
  const { results: claimed } = await db
    .prepare(
      `UPDATE email_outbox SET next_attempt_at = ?1
       WHERE id IN (SELECT id FROM email_outbox WHERE state = 'pending' AND next_attempt_at <= ?2 ORDER BY id LIMIT ?3)
       RETURNING id`,
    )
    .bind(new Date(now.getTime() + LEASE_MS).toISOString(), now.toISOString(), opts.limit ?? 50)
    .all<{ id: number }>();
  if (claimed.length === 0) return { sent: 0, failed: 0 };
  const { results } = await db
    .prepare(
      `SELECT e.id, e.subject, e.body, e.attempts, u.email AS to_address
       FROM email_outbox e JOIN users u ON u.id = e.user_id
       WHERE e.id IN (SELECT value FROM json_each(?)) ORDER BY e.id`,
    )
    .bind(JSON.stringify(claimed.map((c) => c.id)))
    .all<DueEmail>();

  const writes: D1PreparedStatement[] = [];
  let sent = 0;
  let failed = 0;
  for (const mail of results) {
    const at = new Date().toISOString();
    try {
      if (env.EMAIL_DELIVERY === 'capture') {
        writes.push(
          db
            .prepare(
              `INSERT INTO dev_mailbox (email_id, to_address, subject, body, captured_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (email_id) DO NOTHING`,
            )
            .bind(mail.id, mail.to_address, mail.subject, mail.body, at),
        );
      } else {
        const { EmailMessage } = await import('cloudflare:email');
        const raw = mimeMessage({ from: env.EMAIL_FROM, to: mail.to_address, subject: mail.subject, body: mail.body, id: mail.id });
        await env.EMAIL.send(new EmailMessage(env.EMAIL_FROM, mail.to_address, raw));
      }
      writes.push(db.prepare(`UPDATE email_outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?`).bind(at, mail.id));
      sent++;
    } catch (e) {
      const attempts = mail.attempts + 1;
      writes.push(
        db
          .prepare(`UPDATE email_outbox SET attempts = ?, last_error = ?, next_attempt_at = ?, state = ? WHERE id = ?`)
          .bind(
            attempts,
            (e as Error).message.slice(0, 500),
            new Date(now.getTime() + Math.min(60_000 * 2 ** attempts, 3_600_000)).toISOString(),
            attempts >= MAX_ATTEMPTS ? 'dead' : 'pending',
            mail.id,
          ),
      );
      failed++;
    }
  }
  if (writes.length) await db.batch(writes);
  return { sent, failed };
}

let deliveringSince = 0;
let again = false;

/**
 * After a projection that queued e-mails: deliver soon, with at most one delivery loop running
 * per isolate, so a burst of projections costs a few delivery rounds instead of one per event.
 * A request that finds a loop running only asks it for another round (it does not wait on
 * another request's work). A loop is bounded in rounds, and one older than 20 s is presumed
 * cancelled; whatever is left goes with the next projection or the cron run.
 */
export async function deliverEmailsSoon(env: Bindings): Promise<void> {
  if (deliveringSince && Date.now() - deliveringSince < 20_000) {
    again = true;
    return;
  }
  deliveringSince = Date.now();
  try {
    for (let round = 0; round < 5; round++) {
      again = false;
      await deliverEmails(env, { limit: 100 });
      if (!again) break;
    }
  } catch {
    // The cron run retries whatever is left.
  } finally {
    deliveringSince = 0;
  }
}
