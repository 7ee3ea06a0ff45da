import path from 'node:path';
import { defineConfig } from 'vite';

/** The UI is built into the Worker's static assets (wrangler.toml [assets] directory). */
export default defineConfig({
  root: import.meta.dirname,
  // Copied as is: favicon and the _headers file (security headers, immutable assets).
  publicDir: path.resolve(import.meta.dirname, 'public'),
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
