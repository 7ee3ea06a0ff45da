import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { deleteCredential, insertCredential } from './credentials';
import { findUserByEmail, insertUser } from './users';
import { hashPassword, newToken, sha256Hex, verifyPassword } from '../crypto';
import { jsonBody, jsonResponse, problems } from '../openapi';
import { fail } from '../problem';
import { createRouter } from '../validation';
import { SESSION_COOKIE, requireRole } from './middleware';
import {
  ApiTokenRequestSchema,
  ApiTokenSchema,
  LoginRequestSchema,
  RegisterRequestSchema,
  UserSchema,
} from '../schemas';

const SESSION_DAYS = 14;
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
    request: jsonBody(LoginRequestSchema),
    responses: { 200: jsonResponse(z.object({ user: UserSchema }), 'Signed in.'), ...problems(400, 401, 422) },
  }),
  async (c) => {
    const { email, password } = c.req.valid('json');
    const found = await findUserByEmail(c.env.DB, email);
    const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
    if (!found || !ok) fail(401, 'bad-credentials', 'E-mail address or password is wrong.');
    const token = newToken();
    await insertCredential(c.env.DB, {
      tokenHash: await sha256Hex(token),
      userId: found.id,
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
    const { passwordHash: _omit, ...user } = found;
    return c.json({ user }, 200);
  },
);

auth.openapi(
  createRoute({
    method: 'post',
    path: '/logout',
    tags: ['Accounts'],
    summary: 'Sign out: ends the session behind the cookie.',
    responses: { 204: { description: 'Signed out.' } },
  }),
  async (c) => {
    const sid = getCookie(c, SESSION_COOKIE);
    if (sid) await deleteCredential(c.env.DB, await sha256Hex(sid));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  },
);

auth.openapi(
  createRoute({
    method: 'post',
    path: '/register',
    tags: ['Accounts'],
    summary: 'Create a citizen account.',
    request: jsonBody(RegisterRequestSchema),
    responses: { 201: jsonResponse(z.object({ user: UserSchema }), 'Account created.'), ...problems(400, 409, 422) },
  }),
  async (c) => {
    const body = c.req.valid('json');
    const user = {
      id: crypto.randomUUID(),
      email: body.email,
      displayName: body.displayName,
      role: 'citizen' as const,
      agencyId: null,
      locale: body.locale,
      helper: false,
      oversees: false,
    };
    const created = await insertUser(c.env.DB, {
      ...user,
      passwordHash: await hashPassword(body.password),
      createdAt: new Date().toISOString(),
    });
    if (!created) fail(409, 'email-taken', 'An account with this e-mail address exists already.');
    return c.json({ user }, 201);
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
    return c.json({ token, label, expiresAt }, 201);
  },
);

export default auth;
