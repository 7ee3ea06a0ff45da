/** What the sign-in, claim, registration and password-reset routes share. */
import { setCookie } from 'hono/cookie';
import type { AppContext } from '../env';
import { newToken, sha256Hex } from '../crypto';
import { emailStatement } from '../notifications/db';
import { ProblemError, problem } from '../problem';
import { EMAIL_CLAIM_HOURS, claimStatement } from './claims';
import { insertCredential } from './credentials';
import { SESSION_COOKIE } from './middleware';

const SESSION_DAYS = 14;
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

export function tooManyAttempts(seconds: number): never {
  throw new ProblemError(problem(429, 'rate-limited', `Too many attempts; try again in ${seconds} seconds.`), { 'retry-after': String(seconds) });
}

/** Issues the session cookie (HttpOnly, SameSite=Lax) for a person who has just proved who they are. */
export async function startSession(c: AppContext, userId: string): Promise<void> {
  const token = newToken();
  await insertCredential(c.env.DB, {
    tokenHash: await sha256Hex(token),
    userId,
    kind: 'session',
    label: null,
    createdAt: new Date().toISOString(),
    expiresAt: days(SESSION_DAYS),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  });
}

/**
 * The claim link for an account filed for at a counter (registration, claim and reset requests):
 * the claim and its e-mail, to run in one batch.
 */
export async function claimLinkStatements(c: AppContext, userId: string, locale: 'zh-TW' | 'en'): Promise<D1PreparedStatement[]> {
  const token = newToken();
  const now = new Date();
  // In the fragment, which browsers never send to a server (nor in Referer), like the other account links.
  const link = `${c.env.PUBLIC_BASE_URL}/claim#${token}`;
  const en = locale === 'en';
  return [
    claimStatement(c.env.DB, { secret: await sha256Hex(token), userId, channel: 'email', issuedBy: null, now, expiresAt: new Date(now.getTime() + EMAIL_CLAIM_HOURS * 3_600_000) }),
    emailStatement(c.env.DB, {
      userId,
      dedupeKey: `claim:${await sha256Hex(token)}`,
      subject: en ? 'Set the password of your account' : '請設定您帳號的密碼',
      body: en
        ? `A case was filed for you at a counter, with an account in your name. Set its password within ${EMAIL_CLAIM_HOURS} hours:\n${link}\n\nIf you did not ask for this, ignore this e-mail.`
        : `臨櫃人員曾以您的名義代為陳情，並建立了您的帳號。請在 ${EMAIL_CLAIM_HOURS} 小時內設定密碼：\n${link}\n\n如果不是您本人申請，請忽略這封信。`,
      at: now.toISOString(),
    }),
  ];
}

/** Queues the claim link for an account filed for at a counter. */
export async function sendClaimLink(c: AppContext, userId: string, locale: 'zh-TW' | 'en'): Promise<void> {
  await c.env.DB.batch(await claimLinkStatements(c, userId, locale));
}
