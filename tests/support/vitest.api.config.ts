import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '../..');

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: path.join(root, 'wrangler.toml') },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(path.join(root, 'migrations')),
          INTERNAL_SECRET: 'test-internal-secret',
          // Nothing listens here: API tests see Temporal as down unless a test says otherwise.
          TEMPORAL_HTTP_URL: process.env.TEMPORAL_HTTP_URL ?? 'http://127.0.0.1:9',
          EMAIL_DELIVERY: 'capture',
        },
      },
    }),
  ],
  test: {
    name: 'api',
    root,
    include: ['tests/**/*.api.test.ts'],
    setupFiles: ['tests/support/api-setup.ts'],
  },
}));
