import { applyD1Migrations, type D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// TEST_MIGRATIONS is a test-only binding from tests/support/vitest.api.config.ts.
const testEnv = env as typeof env & { TEST_MIGRATIONS: D1Migration[] };

// Setup files run outside per-test storage; applying is idempotent.
await applyD1Migrations(testEnv.DB, testEnv.TEST_MIGRATIONS);
