/**
 * Registration and password reset without revealing which addresses have accounts: both answer
 * 202 with the same body whatever the address, and the e-mail decides what happens next.
 * - registering a new address mails a link whose page confirms (a POST: a GET, as mail scanners
 *   do, changes nothing), which activates the account, marks the address verified and signs in;
 * - registering an address with an account mails "someone tried to register with your address";
 * - registering (or resetting) an address filed for at a counter mails the claim link;
 * - a password reset mails a link whose page sets the new password, ends every session and API
 *   token of the account and signs in.
 * The password is hashed on every registration, so an answer takes as long whatever the address.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { auditStatement } from '../audit';
import { hashPassword, newToken, sha256Hex } from '../crypto';
import type { AppContext } from '../env';
import { emailStatement } from '../notifications/db';
import { deliverEmailsSoon } from '../notifications/email';
import { jsonBody, jsonResponse, problems } from '../openapi';
import { fail } from '../problem';
import {
  CheckMailboxSchema,
  LinkStateRequestSchema,
  LinkStateSchema,
  PasswordResetCompleteSchema,
  PasswordResetRequestSchema,
  RegisterConfirmSchema,
  RegisterRequestSchema,
  UserSchema,
} from '../schemas';
import { createRouter } from '../validation';
import { alreadyRegisteredMail, confirmRegistrationMail, passwordResetMail } from './account-emails';
import { type LinkState, findLink, insertLinkStatement, linkHours, pendingRegistrationStatements, useLinkStatement, usedBy } from './account-links';
import { claimLinkStatements, startSession, tooManyAttempts } from './sign-in';
import { ADDRESS_MAILS, NETWORK_FAILURES, NETWORK_REGISTRATIONS, type ThrottleKey, accountKey, countAttempt, networkKey, retryAfter } from './throttle';
import { findUserByEmail, findUserById } from './users';

const registration = createRouter();

/** Counts this request against its keys, or answers 429 when one of them is spent. */
async function throttle(c: AppContext, keys: ThrottleKey[]): Promise<void> {
  const wait = await retryAfter(c.env.DB, keys);
  if (wait !== null) tooManyAttempts(wait);
  await c.env.DB.batch(countAttempt(c.env.DB, keys));
}

/** Sends what was queued now rather than at the next cron run; the answer does not wait for it. */
function deliverSoon(c: AppContext): void {
  c.executionCtx.waitUntil(deliverEmailsSoon(c.env));
}

const base = (c: AppContext) => c.env.PUBLIC_BASE_URL.replace(/\/$/, '');

/** A password that signs in: not an account filed for at a counter ('none') or one not yet confirmed ('pending'). */
const usable = (passwordHash: string) => passwordHash !== 'none' && passwordHash !== 'pending';

/** Refuses a link that cannot be used, by its state; unknown tokens count as failures of the network. */
async function refuseLink(c: AppContext, state: Exclude<LinkState, 'valid'>, network: ThrottleKey): Promise<never> {
  if (state === 'expired') fail(410, 'link-expired', 'This link has expired; ask for a new one.');
  if (state === 'used') fail(409, 'link-used', 'This link has been used already.');
  await c.env.DB.batch(countAttempt(c.env.DB, [network]));
  fail(400, 'link-invalid', 'This link is not valid; check that it was copied whole.');
}

registration.openapi(
  createRoute({
    method: 'post',
    path: '/register',
    tags: ['Accounts'],
    summary: 'Register: e-mails a link to finish creating the account (the answer is the same for every address).',
    description:
      'Always 202 with the same body: a new address gets a link to confirm it and create the account; an address with an ' +
      'account gets a note that someone tried to register with it; an account filed for at a counter gets its claim link. ' +
      'At most 10 per network and hour, and 5 mails per address and hour (429 with Retry-After).',
    request: jsonBody(RegisterRequestSchema),
    responses: { 202: jsonResponse(CheckMailboxSchema, 'Check the mailbox of the address.'), ...problems(400, 422, 429) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const db = c.env.DB;
    await throttle(c, [await networkKey(c.req.raw, 'register', NETWORK_REGISTRATIONS), await accountKey(body.email, ADDRESS_MAILS, 'register')]);
    // Hashed whatever the address, so the time of the answer does not tell.
    const passwordHash = await hashPassword(body.password);
    const now = new Date();
    const found = await findUserByEmail(db, body.email);
    // Each kind of address costs one batch (one D1 round trip), so the answer's time does not tell them apart.
    let statements: D1PreparedStatement[];
    if (!found || found.passwordHash === 'pending') {
      const token = newToken();
      const hours = linkHours(c.env.ACCOUNT_LINK_HOURS);
      statements = pendingRegistrationStatements(db, {
        ...body,
        passwordHash,
        tokenHash: await sha256Hex(token),
        now,
        hours,
        mail: confirmRegistrationMail(body.locale, `${base(c)}/register/confirm#${token}`, hours),
      });
    } else if (found.passwordHash === 'none' && found.role === 'citizen') {
      statements = await claimLinkStatements(c, found.id, body.locale);
    } else {
      const mail = alreadyRegisteredMail(found.locale, base(c));
      statements = [emailStatement(db, { userId: found.id, dedupeKey: `register-exists:${newToken()}`, ...mail, at: now.toISOString() })];
    }
    await db.batch(statements);
    deliverSoon(c);
    return c.json({ checkMailbox: true as const }, 202);
  },
);

registration.openapi(
  createRoute({
    method: 'post',
    path: '/register/confirm',
    tags: ['Accounts'],
    summary: 'Finish a registration with the token from the e-mailed link: activates the account, verifies the address, signs in.',
    description:
      'Only this POST uses the link (opening it changes nothing). 400 link-invalid, 409 link-used, 410 link-expired; unknown ' +
      'tokens count as failed sign-ins of the network.',
    request: jsonBody(RegisterConfirmSchema),
    responses: { 200: jsonResponse(z.object({ user: UserSchema }), 'Account created; signed in.'), ...problems(400, 409, 410, 422, 429) },
  }),
  async (c) => {
    const { token } = c.req.valid('json');
    const db = c.env.DB;
    const network = await networkKey(c.req.raw, 'login', NETWORK_FAILURES);
    const wait = await retryAfter(db, [network]);
    if (wait !== null) tooManyAttempts(wait);
    const { state, link } = await findLink(db, token, 'register', new Date());
    if (state !== 'valid' || !link) return refuseLink(c, state === 'valid' ? 'invalid' : state, network);
    const now = new Date().toISOString();
    const useId = newToken();
    const [used, activated] = await db.batch([
      useLinkStatement(db, link.tokenHash, useId, now),
      db
        .prepare(
          `UPDATE users SET password_hash = ?3, display_name = ?4, locale = ?5, created_at = ?6, email_verified_at = COALESCE(email_verified_at, ?6),
             identity_level = CASE WHEN identity_level = 'none' THEN 'email_verified' ELSE identity_level END
           WHERE id = ?7 AND password_hash = 'pending' AND ${usedBy('?1', '?2')}`,
        )
        .bind(link.tokenHash, useId, link.passwordHash, link.displayName, link.locale, now, link.userId),
      // The address's other registration links are spent with this one.
      db
        .prepare(`UPDATE account_links SET used_at = ?3 WHERE user_id = ?4 AND purpose = 'register' AND used_at IS NULL AND ${usedBy('?1', '?2')}`)
        .bind(link.tokenHash, useId, now, link.userId),
    ]);
    if (used!.meta.changes !== 1 || activated!.meta.changes !== 1) fail(409, 'link-used', 'This link has been used already.');
    await auditStatement(db, { actorId: link.userId, action: 'account.register', target: `user:${link.userId}`, at: now }).run();
    await startSession(c, link.userId);
    return c.json({ user: (await findUserById(db, link.userId))! }, 200);
  },
);

registration.openapi(
  createRoute({
    method: 'post',
    path: '/password-reset',
    tags: ['Accounts'],
    summary: 'Forgot password: e-mails a link to set a new one (the answer is the same for every address).',
    description:
      'Always 202 with the same body. An account with a password gets a reset link; an account filed for at a counter its ' +
      'claim link; any other address nothing. At most 10 per network and hour, 5 per address and hour (429 with Retry-After).',
    request: jsonBody(PasswordResetRequestSchema),
    responses: { 202: jsonResponse(CheckMailboxSchema, 'Check the mailbox of the address.'), ...problems(400, 422, 429) },
  }),
  async (c) => {
    const { email } = c.req.valid('json');
    const db = c.env.DB;
    await throttle(c, [await networkKey(c.req.raw, 'reset', NETWORK_REGISTRATIONS), await accountKey(email, ADDRESS_MAILS, 'reset')]);
    const found = await findUserByEmail(db, email);
    const now = new Date();
    // One batch (one D1 round trip) for every kind of address, an empty one included, so the time does not tell.
    let statements: D1PreparedStatement[] = [db.prepare('SELECT 1')];
    if (found && usable(found.passwordHash)) {
      const token = newToken();
      const tokenHash = await sha256Hex(token);
      const hours = linkHours(c.env.ACCOUNT_LINK_HOURS);
      const mail = passwordResetMail(found.locale, `${base(c)}/reset-password#${token}`, hours);
      statements = [
        insertLinkStatement(db, { tokenHash, purpose: 'reset', userId: found.id, now, hours }),
        emailStatement(db, { userId: found.id, dedupeKey: `reset:${tokenHash}`, ...mail, at: now.toISOString() }),
      ];
    } else if (found && found.passwordHash === 'none' && found.role === 'citizen') {
      statements = await claimLinkStatements(c, found.id, found.locale);
    }
    await db.batch(statements);
    deliverSoon(c);
    return c.json({ checkMailbox: true as const }, 202);
  },
);

registration.openapi(
  createRoute({
    method: 'post',
    path: '/password-reset/complete',
    tags: ['Accounts'],
    summary: 'Set a new password with the token from the e-mailed link; ends every session and API token of the account, then signs in.',
    description: '400 link-invalid, 409 link-used, 410 link-expired; unknown tokens count as failed sign-ins of the network.',
    request: jsonBody(PasswordResetCompleteSchema),
    responses: { 200: jsonResponse(z.object({ user: UserSchema }), 'Password set; signed in.'), ...problems(400, 409, 410, 422, 429) },
  }),
  async (c) => {
    const { token, password } = c.req.valid('json');
    const db = c.env.DB;
    const network = await networkKey(c.req.raw, 'login', NETWORK_FAILURES);
    const wait = await retryAfter(db, [network]);
    if (wait !== null) tooManyAttempts(wait);
    const { state, link } = await findLink(db, token, 'reset', new Date());
    if (state !== 'valid' || !link) return refuseLink(c, state === 'valid' ? 'invalid' : state, network);
    const passwordHash = await hashPassword(password);
    const now = new Date().toISOString();
    const useId = newToken();
    const user = await findUserById(db, link.userId);
    const lockout = await accountKey(user?.email ?? '');
    const [used] = await db.batch([
      useLinkStatement(db, link.tokenHash, useId, now),
      // Proving the mailbox is what e-mail verification asks for.
      db
        .prepare(
          `UPDATE users SET password_hash = ?3, email_verified_at = COALESCE(email_verified_at, ?4),
             identity_level = CASE WHEN identity_level = 'none' THEN 'email_verified' ELSE identity_level END
           WHERE id = ?5 AND ${usedBy('?1', '?2')}`,
        )
        .bind(link.tokenHash, useId, passwordHash, now, link.userId),
      // Whoever knew the old password is signed out everywhere, API clients included.
      db.prepare(`DELETE FROM credentials WHERE user_id = ?3 AND ${usedBy('?1', '?2')}`).bind(link.tokenHash, useId, link.userId),
      db
        .prepare(`UPDATE account_links SET used_at = ?3 WHERE user_id = ?4 AND purpose = 'reset' AND used_at IS NULL AND ${usedBy('?1', '?2')}`)
        .bind(link.tokenHash, useId, now, link.userId),
      // The owner has proved themselves: failed sign-ins of the address no longer lock it.
      db.prepare(`DELETE FROM auth_throttle WHERE key = ?3 AND ${usedBy('?1', '?2')}`).bind(link.tokenHash, useId, lockout.key),
    ]);
    if (used!.meta.changes !== 1) fail(409, 'link-used', 'This link has been used already.');
    await auditStatement(db, { actorId: link.userId, action: 'account.password_reset', target: `user:${link.userId}`, at: now }).run();
    await startSession(c, link.userId);
    return c.json({ user: user! }, 200);
  },
);

registration.openapi(
  createRoute({
    method: 'post',
    path: '/links/state',
    tags: ['Accounts'],
    summary: 'Whether an e-mailed link can still be used, so its page can say so before anything is typed; uses nothing up.',
    request: jsonBody(LinkStateRequestSchema),
    responses: { 200: jsonResponse(LinkStateSchema, 'The state of the link.'), ...problems(400, 422, 429) },
  }),
  async (c) => {
    const { token, purpose } = c.req.valid('json');
    const network = await networkKey(c.req.raw, 'login', NETWORK_FAILURES);
    const wait = await retryAfter(c.env.DB, [network]);
    if (wait !== null) tooManyAttempts(wait);
    const { state } = await findLink(c.env.DB, token, purpose, new Date());
    if (state === 'invalid') await c.env.DB.batch(countAttempt(c.env.DB, [network]));
    return c.json({ state }, 200);
  },
);

export default registration;
