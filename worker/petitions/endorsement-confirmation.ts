/**
 * E-mail confirmation of endorsements (when the settings ask for it). The e-mailed link opens
 * `/petitions/confirm#<token>`: the token sits in the fragment, which browsers never send, and
 * only the page's button POSTs it here. A GET of the link changes nothing, so mail scanners
 * that follow links cannot confirm (or use up) anyone's endorsement. Only a SHA-256 is stored.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Locale } from '../platform/auth/users';
import { newToken, sha256Hex } from '../platform/crypto';
import type { AppContext } from '../platform/env';
import { emailStatement } from '../platform/notifications/db';
import { deliverEmailsSoon } from '../platform/notifications/email';
import { jsonBody, jsonResponse, problems } from '../platform/openapi';
import { fail } from '../platform/problem';
import { createRouter } from '../platform/validation';
import { confirmEndorsement, insertConfirmationStatement } from './db';
import { signalIfReached } from './endorsements';
import { ConfirmEndorsementRequestSchema, ConfirmEndorsementResultSchema } from './schemas';

const confirmations = createRouter();

const texts: Record<Locale, { subject: (title: string) => string; body: (title: string, link: string, until: string) => string }> = {
  'zh-TW': {
    subject: (title) => `請確認您對「${title}」的附議`,
    body: (title, link, until) =>
      `您附議了提案「${title}」。請開啟下列連結，並在頁面上按「確認附議」，附議才會計入（${until} 前有效）：\n\n${link}\n\n如果不是您本人附議，請忽略這封信，附議到期後自動失效。`,
  },
  en: {
    subject: (title) => `Please confirm your endorsement of "${title}"`,
    body: (title, link, until) =>
      `You endorsed the petition "${title}". Open this link and press "Confirm endorsement" on the page; only then does your endorsement count (valid until ${until}):\n\n${link}\n\nIf you did not endorse it, ignore this e-mail: the endorsement lapses by itself.`,
  },
};

/** The expiry as people read it: Taipei time, minutes. */
function taipeiMinute(iso: string): string {
  return `${new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)`;
}

/** Stores a new single-use token for a pending endorsement and queues its e-mail, in one batch. */
export async function sendConfirmation(
  c: AppContext,
  e: { petitionId: string; title: string; user: { id: string; locale: Locale }; at: string; expiresAt: string },
): Promise<void> {
  const token = newToken();
  const tokenHash = await sha256Hex(token);
  const link = `${c.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/petitions/confirm#${token}`;
  const t = texts[e.user.locale];
  await c.env.DB.batch([
    insertConfirmationStatement(c.env.DB, { tokenHash, petitionId: e.petitionId, userId: e.user.id, at: e.at, expiresAt: e.expiresAt }),
    emailStatement(c.env.DB, {
      userId: e.user.id,
      dedupeKey: `petition-confirm:${tokenHash}`,
      subject: t.subject(e.title),
      body: t.body(e.title, link, taipeiMinute(e.expiresAt)),
      at: e.at,
    }),
  ]);
  c.executionCtx.waitUntil(deliverEmailsSoon(c.env));
}

confirmations.openapi(
  createRoute({
    method: 'post',
    path: '/endorsement-confirmations',
    tags: ['Petitions'],
    summary: 'Confirm an endorsement with the token from its e-mail (POST only: opening the link confirms nothing).',
    request: jsonBody(ConfirmEndorsementRequestSchema),
    responses: {
      200: jsonResponse(ConfirmEndorsementResultSchema, 'Confirmed: the endorsement counts (or waits for staff when a burst flagged it).'),
      ...problems(400, 409, 422),
    },
  }),
  async (c) => {
    const at = new Date().toISOString();
    const r = await confirmEndorsement(c.env.DB, await sha256Hex(c.req.valid('json').token), at);
    // The page links back to the petition whatever the outcome.
    const about = { petitionId: r.petitionId, petitionTitle: r.title };
    switch (r.kind) {
      case 'confirmed':
        signalIfReached(c, r.petitionId, r.valid, r.threshold, r.reachedBefore);
        return c.json({ petitionId: r.petitionId, title: r.title, state: r.state, endorsements: r.valid, threshold: r.threshold }, 200);
      case 'already-confirmed':
        fail(409, 'already-confirmed', 'This endorsement has been confirmed already.', about);
      case 'expired':
        fail(409, 'confirmation-expired', 'This link has expired; endorse the petition again to get a new one.', about);
      case 'petition-closed':
        fail(409, 'confirmation-closed', 'The petition stopped collecting endorsements before this one was confirmed.', about);
      case 'withdrawn':
      case 'unknown':
        fail(409, 'confirmation-invalid', 'This link is unknown, or its endorsement was withdrawn.', about);
    }
  },
);

export default confirmations;
