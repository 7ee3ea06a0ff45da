import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie } from 'hono/cookie';
import { z } from 'zod';
import { deleteCredential, insertCredential, listApiTokens, revokeApiToken, tokenId } from './credentials';
import { sendClaimLink, startSession, tooManyAttempts } from './sign-in';
import {
  NETWORK_FAILURES,
  NETWORK_REGISTRATIONS,
  accountKey,
  clearAttempts,
  countAttempt,
  networkKey,
  retryAfter,
} from './throttle';
import { findUserByEmail, findUserById, updateUserLocale } from './users';
import { claimableByEmail, completeClaimStatements, counterSecret, findClaim } from './claims';
import { auditStatement } from '../audit';
import { hashPassword, newToken, sha256Hex, verifyPassword } from '../crypto';
import { jsonBody, jsonResponse, problems } from '../openapi';
import { fail } from '../problem';
import { createRouter } from '../validation';
import { SESSION_COOKIE, requireRole } from './middleware';
import {
  AccountUpdateSchema,
  ClaimCompleteSchema,
  ClaimRequestSchema,
  ApiTokenIdParamSchema,
  ApiTokenListSchema,
  ApiTokenRequestSchema,
  ApiTokenSchema,
  LoginRequestSchema,
  UserSchema,
} from '../schemas';

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
// Verifying against a fixed hash when the account does not exist keeps response times alike.
const DUMMY_HASH = 'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const auth = createRouter();

auth.openapi(
  createRoute({
    method: 'post',
    path: '/login',
    tags: ['Accounts'],
    summary: 'Sign in with e-mail and password; sets an HttpOnly session cookie.',
    description:
      'Failed attempts are throttled per e-mail address (5 in 15 minutes) and per network (30 in 15 minutes): ' +
      'then 429 with Retry-After, alike for addresses with and without an account.',
    request: jsonBody(LoginRequestSchema),
    responses: { 200: jsonResponse(z.object({ user: UserSchema }), 'Signed in.'), ...problems(400, 401, 422, 429) },
  }),
  async (c) => {
    const { email, password } = c.req.valid('json');
    const account = await accountKey(email);
    const keys = [account, await networkKey(c.req.raw, 'login', NETWORK_FAILURES)];
    const wait = await retryAfter(c.env.DB, keys);
    if (wait !== null) tooManyAttempts(wait);
    const found = await findUserByEmail(c.env.DB, email);
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !ok) {
      await c.env.DB.batch(countAttempt(c.env.DB, keys));
      fail(401, 'bad-credentials', 'E-mail address or password is wrong.');
    }
    await clearAttempts(c.env.DB, account).run();
    await startSession(c, found.id);
    const { passwordHash: _omit, ...user } = found;
    return c.json({ user }, 200);
  },
);

auth.openapi(
  createRoute({
    method: 'post',
    path: '/logout',
    tags: ['Accounts'],
    summary: 'Sign out: ends the session behind the cookie, or revokes the bearer token used.',
    responses: { 204: { description: 'Signed out.' } },
  }),
  async (c) => {
    const sid = getCookie(c, SESSION_COOKIE);
    if (sid) await deleteCredential(c.env.DB, await sha256Hex(sid));
    const bearer = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) await deleteCredential(c.env.DB, await sha256Hex(bearer));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  },
);

auth.openapi(
  createRoute({
    middleware: [requireRole()] as const,
    method: 'get',
    path: '/me',
    tags: ['Accounts'],
    summary: 'The signed-in account.',
    responses: { 200: jsonResponse(z.object({ user: UserSchema }), 'The caller.'), ...problems(401) },
  }),
  (c) => c.json({ user: c.get('user')! }, 200),
);

auth.openapi(
  createRoute({
    middleware: [requireRole()] as const,
    method: 'patch',
    path: '/me',
    tags: ['Accounts'],
    summary: "Change the account's language (UI after sign-in, e-mails, notifications).",
    request: jsonBody(AccountUpdateSchema),
    responses: { 200: jsonResponse(z.object({ user: UserSchema }), 'Updated.'), ...problems(400, 401, 422) },
  }),
  async (c) => {
    const { locale } = c.req.valid('json');
    const user = c.get('user')!;
    await updateUserLocale(c.env.DB, user.id, locale);
    return c.json({ user: { ...user, locale } }, 200);
  },
);

auth.openapi(
  createRoute({
    middleware: [requireRole()] as const,
    method: 'post',
    path: '/tokens',
    tags: ['Accounts'],
    summary: 'Issue a bearer token for API clients; the token is shown only once.',
    request: jsonBody(ApiTokenRequestSchema),
    responses: { 201: jsonResponse(ApiTokenSchema, 'Token issued.'), ...problems(400, 401, 422) },
  }),
  async (c) => {
    const { label, expiresInDays } = c.req.valid('json');
    const token = newToken();
    const expiresAt = days(expiresInDays);
    await insertCredential(c.env.DB, {
      tokenHash: await sha256Hex(token),
      userId: c.get('user')!.id,
      kind: 'api_token',
      label,
      createdAt: new Date().toISOString(),
      expiresAt,
    });
    return c.json({ token, id: tokenId(await sha256Hex(token)), label, expiresAt }, 201);
  },
);

auth.openapi(
  createRoute({
    middleware: [requireRole()] as const,
    method: 'get',
    path: '/tokens',
    tags: ['Accounts'],
    summary: 'My API tokens (never the secrets), newest first.',
    responses: { 200: jsonResponse(ApiTokenListSchema, 'Tokens.'), ...problems(401) },
  }),
  async (c) => c.json({ items: await listApiTokens(c.env.DB, c.get('user')!.id, new Date().toISOString()) }, 200),
);

auth.openapi(
  createRoute({
    middleware: [requireRole()] as const,
    method: 'delete',
    path: '/tokens/{id}',
    tags: ['Accounts'],
    summary: 'Revoke one of my API tokens at once.',
    request: { params: ApiTokenIdParamSchema },
    responses: { 204: { description: 'Revoked.' }, ...problems(401, 404, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    if (!(await revokeApiToken(c.env.DB, c.get('user')!.id, id))) fail(404, 'token-not-found', 'You have no API token with this id.');
    return c.body(null, 204);
  },
);

auth.openapi(
  createRoute({
    method: 'post',
    path: '/claim',
    tags: ['Accounts'],
    summary: 'Ask for a link to claim an account filed for at a counter (it has no password yet).',
    description: 'Always 202, whether or not such an account exists: the answer reveals nothing. At most 10 per network and hour.',
    request: jsonBody(ClaimRequestSchema),
    responses: { 202: { description: 'If the address has a claimable account, a link was sent to it.' }, ...problems(400, 422, 429) },
  }),
  async (c) => {
    const { email } = c.req.valid('json');
    const network = await networkKey(c.req.raw, 'claim', NETWORK_REGISTRATIONS);
    const wait = await retryAfter(c.env.DB, [network]);
    if (wait !== null) tooManyAttempts(wait);
    await c.env.DB.batch(countAttempt(c.env.DB, [network]));
    const userId = await claimableByEmail(c.env.DB, email);
    if (userId) await sendClaimLink(c, userId, c.get('user')?.locale ?? 'zh-TW');
    return c.body(null, 202);
  },
);

auth.openapi(
  createRoute({
    method: 'post',
    path: '/claim/complete',
    tags: ['Accounts'],
    summary: 'Claim the account: the e-mailed link (or phone number and counter code) and a new password; signs in.',
    description: 'Failed attempts are throttled like sign-ins (per phone number or link, and per network).',
    request: jsonBody(ClaimCompleteSchema),
    responses: { 200: jsonResponse(z.object({ user: UserSchema }), 'Claimed and signed in.'), ...problems(400, 422, 429) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const secret = 'token' in body ? body.token : counterSecret(body.phone, body.code);
    // A link's own token is its key: one shared key for every link let five bad attempts from
    // anywhere block every citizen's claim for 15 minutes (guessing a 256-bit token is hopeless).
    const keys = [await accountKey('token' in body ? body.token : body.phone, undefined, 'token' in body ? 'claim-link' : 'account'), await networkKey(c.req.raw, 'login', NETWORK_FAILURES)];
    const wait = await retryAfter(c.env.DB, keys);
    if (wait !== null) tooManyAttempts(wait);
    const claim = await findClaim(c.env.DB, secret, new Date());
    if (!claim) {
      await c.env.DB.batch(countAttempt(c.env.DB, keys));
      fail(400, 'claim-invalid', 'The link or code is wrong, expired or used already.');
    }
    await c.env.DB.batch([
      ...completeClaimStatements(c.env.DB, claim.userId, await hashPassword(body.password)),
      auditStatement(c.env.DB, { actorId: claim.userId, action: 'account.claim', target: `user:${claim.userId}`, detail: { channel: 'token' in body ? 'email' : 'counter' }, at: new Date().toISOString() }),
    ]);
    await startSession(c, claim.userId);
    const user = await findUserById(c.env.DB, claim.userId);
    return c.json({ user: user! }, 200);
  },
);

export default auth;
