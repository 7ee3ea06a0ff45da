import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { type CredentialKind, findUserByCredential } from './credentials';
import type { Role } from './users';
import type { AppContext, AppEnv } from '../env';
import { sha256Hex } from '../crypto';
import { fail } from '../problem';

export const SESSION_COOKIE = 'civic_session';

/**
 * Resolves the caller from the session cookie or a bearer token; never rejects by itself.
 * For the requests `defer` picks, the lookup is left to the handler: it gets the credential's
 * hash (`deferredCredential`) and resolves it inside its own D1 batch, one round trip instead of
 * two on a hot path (endorsing). The credential is checked exactly as strictly there.
 */
export const authenticate = (opts: { defer?: (c: AppContext) => boolean } = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('user', null);
    c.set('credential', null);
    const header = c.req.header('authorization');
    const now = new Date().toISOString();
    const defer = opts.defer?.(c) ?? false;
    if (header !== undefined) {
      const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header);
      if (!m) fail(401, 'bad-credentials', 'The Authorization header must be "Bearer <token>".');
      if (defer) {
        c.set('credential', { tokenHash: await sha256Hex(m[1]!), kind: 'api_token' });
        return next();
      }
      const user = await findUserByCredential(c.env.DB, await sha256Hex(m[1]!), 'api_token', now);
      if (!user) fail(401, 'bad-credentials', 'The API token is unknown or expired.');
      c.set('user', user);
    } else {
      const sid = getCookie(c, SESSION_COOKIE);
      if (sid && /^[A-Za-z0-9_-]{20,100}$/.test(sid)) {
        const tokenHash = await sha256Hex(sid);
        if (defer) c.set('credential', { tokenHash, kind: 'session' });
        else c.set('user', await findUserByCredential(c.env.DB, tokenHash, 'session', now));
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

/**
 * The caller's credential on a deferred route (see `authenticate`), or a 401 exactly like
 * `requireRole` gives when nobody is signed in. Join `credentialUserSql` to resolve it in SQL.
 */
export function deferredCredential(c: AppContext): { tokenHash: string; kind: CredentialKind } {
  const cred = c.get('credential');
  if (!cred) fail(401, 'unauthenticated', 'Sign in first.');
  return cred;
}

/** On a deferred route: refuses a request without any credential before its input is read. */
export const requireCredential = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    deferredCredential(c);
    await next();
  });

/**
 * The refusal when a deferred credential resolved to nobody: the same codes as the eager lookup
 * (an unknown or expired API token is `bad-credentials`, a stale session cookie is not signed in).
 */
export function failUnknownCredential(kind: CredentialKind): never {
  if (kind === 'api_token') fail(401, 'bad-credentials', 'The API token is unknown or expired.');
  fail(401, 'unauthenticated', 'Sign in first.');
}

/**
 * Resolves a deferred credential inside a statement: `FROM credentials c JOIN users u ON ...`
 * with three bound parameters (token hash, kind, now), in this order.
 */
export const CREDENTIAL_USER_JOIN = `credentials c JOIN users u ON u.id = c.user_id AND c.token_hash = ? AND c.kind = ? AND c.expires_at > ?`;
