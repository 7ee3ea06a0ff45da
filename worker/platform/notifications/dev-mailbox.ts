import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../env';
import { authenticate, requireRole } from '../auth/middleware';
import { fail } from '../problem';

/**
 * Local development only: the e-mails the product would have sent, captured when
 * EMAIL_DELIVERY = "capture". Production (send_email) answers 404 here.
 */
const devMailbox = new Hono<AppEnv>();

// Off entirely unless e-mails are captured; then for admins only (the mails carry personal data).
devMailbox.use('*', async (c, next) => {
  if (c.env.EMAIL_DELIVERY !== 'capture') fail(404, 'not-found', 'The development mailbox is off.');
  await next();
});
devMailbox.use('*', authenticate());
devMailbox.use('*', requireRole('admin'));

interface MailRow {
  id: number;
  to_address: string;
  subject: string;
  body: string;
  captured_at: string;
}

async function recent(db: D1Database): Promise<MailRow[]> {
  const { results } = await db
    .prepare('SELECT id, to_address, subject, body, captured_at FROM dev_mailbox ORDER BY id DESC LIMIT 200')
    .all<MailRow>();
  return results;
}

devMailbox.get('/mailbox.json', async (c) => c.json({ items: await recent(c.env.DB) }));

devMailbox.get('/mailbox', async (c) => {
  const mails = await recent(c.env.DB);
  return c.html(html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Development mailbox</title>
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
          article { border: 1px solid #bbb; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
          pre { white-space: pre-wrap; font: inherit; margin: .5rem 0 0; }
          .meta { color: #444; font-size: .9rem; }
        </style>
      </head>
      <body>
        <main>
          <h1>Development mailbox</h1>
          <p>E-mails captured instead of sent (EMAIL_DELIVERY=capture), newest first. JSON: <a href="/dev/mailbox.json">/dev/mailbox.json</a></p>
          ${mails.length === 0 ? html`<p>No e-mails yet.</p>` : ''}
          ${mails.map(
            (m) => html`<article>
              <h2>${m.subject}</h2>
              <p class="meta">To ${m.to_address} · ${m.captured_at}</p>
              <pre>${m.body}</pre>
            </article>`,
          )}
        </main>
      </body>
    </html>`);
});

export default devMailbox;
