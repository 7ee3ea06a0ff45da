import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { findUserByCredential } from './credentials';
import type { Role } from './users';
import type { AppEnv } from '../env';
import { sha256Hex } from '../crypto';
import { fail } from '../problem';

export const SESSION_COOKIE = 'civic_session';

/** Resolves the caller from the session cookie or a bearer token; never rejects by itself. */
export const authenticate = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('user', null);
    const header = c.req.header('authorization');
    const now = new Date().toISOString();
    if (header !== undefined) {
      const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header);
      if (!m) fail(401, 'bad-credentials', 'The Authorization header must be "Bearer <token>".');
      const user = await findUserByCredential(c.env.DB, await sha256Hex(m[1]!), 'api_token', now);
      if (!user) fail(401, 'bad-credentials', 'The API token is unknown or expired.');
      c.set('user', user);
    } else {
      const sid = getCookie(c, SESSION_COOKIE);
      if (sid && /^[A-Za-z0-9_-]{20,100}$/.test(sid)) {
        c.set('user', await findUserByCredential(c.env.DB, await sha256Hex(sid), 'session', now));
      }
    }
    await next();
  });

/** Allows only signed-in callers with one of the given roles. */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const user = c.get('user');
    if (!user) fail(401, 'unauthenticated', 'Sign in first.');
    if (roles.length && !roles.includes(user.role)) {
      fail(403, 'forbidden', `This needs one of the roles: ${roles.join(', ')}.`);
    }
    await next();
  });
