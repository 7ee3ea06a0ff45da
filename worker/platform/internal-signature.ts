import { createMiddleware } from 'hono/factory';
import { internalSignatureHeader, internalTimestampHeader } from '../../workflows/shared/edge-api';
import { verifyBody } from '../../workflows/shared/signature';
import type { AppEnv } from './env';
import { fail } from './problem';

/** Only the Temporal worker process, holding INTERNAL_SECRET, may call internal routes. */
export const requireInternalSignature = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const body = await c.req.text();
    const ok = await verifyBody(
      c.env.INTERNAL_SECRET,
      body,
      c.req.header(internalTimestampHeader),
      c.req.header(internalSignatureHeader),
      Math.floor(Date.now() / 1000),
    );
    if (!ok) fail(401, 'bad-signature', 'Missing, stale or wrong request signature.');
    await next();
  });
