import path from 'node:path';
import { defineConfig } from 'vite';

/** The UI is built into the Worker's static assets (wrangler.toml [assets] directory). */
export default defineConfig({
  root: import.meta.dirname,
  publicDir: false,
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
