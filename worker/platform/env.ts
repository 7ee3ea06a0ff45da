import type { Context } from 'hono';
import type { CredentialKind } from './auth/credentials';
import type { SessionUser } from './auth/users';

/**
 * `Env` comes from `wrangler types` (worker/worker-configuration.d.ts). Secrets are not in
 * wrangler.toml, so they are added here: set them with `wrangler secret put` in production
 * and through .dev.vars / --var locally.
 */
export interface Bindings extends Env {
  /** Shared HMAC secret between this Worker and the Temporal worker process. */
  INTERNAL_SECRET: string;
  /** Temporal Cloud API key; absent for a self-hosted or local server without auth. */
  TEMPORAL_API_KEY?: string;
}

export interface Variables {
  user: SessionUser | null;
  /** Set instead of `user` on routes that resolve the caller in their own batch (auth middleware). */
  credential: { tokenHash: string; kind: CredentialKind } | null;
  requestId: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}

export type AppContext = Context<AppEnv>;
