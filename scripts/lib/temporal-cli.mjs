/**
 * Finds or builds the Temporal CLI (which carries the dev server). In order:
 * TEMPORAL_CLI override -> `temporal` on PATH -> cached build -> `go install ...@v1.5.1` into the
 * cache -> the Temporal SDK's own download (needs internet) -> a clear error.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR } from './paths.mjs';
import { run } from './proc.mjs';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const cacheBinDir = path.join(CACHE_DIR, `temporal-cli-${TEMPORAL_CLI_VERSION}`);

async function works(bin) {
  try {
    const out = await run(bin, ['--version']);
    return /temporal version/i.test(out);
  } catch {
    return false;
  }
}

async function onPath() {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'temporal');
    if (dir && existsSync(candidate) && (await works(candidate))) return candidate;
  }
  return null;
}

async function goInstall(log) {
  try {
    await run('go', ['version']);
  } catch {
    log('Go is not installed: cannot build the Temporal CLI from source.');
    return null;
  }
  mkdirSync(cacheBinDir, { recursive: true });
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (about 4 minutes on 2 cores; cached in ${cacheBinDir}) ...`);
  const started = Date.now();
  try {
    await run('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
      env: { GOBIN: cacheBinDir, GOFLAGS: '-buildvcs=false', CGO_ENABLED: '0' },
    });
  } catch (e) {
    log(`go install failed: ${e.message.split('\n').slice(0, 5).join(' ')}`);
    return null;
  }
  log(`Built the Temporal CLI in ${Math.round((Date.now() - started) / 1000)} s.`);
  const bin = path.join(cacheBinDir, 'temporal');
  return (await works(bin)) ? bin : null;
}

async function sdkDownload(log) {
  const downloadDir = path.join(CACHE_DIR, 'sdk-download');
  log('Trying the Temporal SDK download of the CLI (needs internet access) ...');
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir } },
    });
    await env.teardown();
  } catch (e) {
    log(`SDK download failed: ${e.message.split('\n')[0]}`);
    return null;
  }
  const found = findFile(downloadDir, 'temporal');
  return found && (await works(found)) ? found : null;
}

function findFile(dir, name) {
  if (!existsSync(dir)) return null;
  for (const entry of readdirSync(dir)) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) {
      const hit = findFile(p, name);
      if (hit) return hit;
    } else if (entry === name) return p;
  }
  return null;
}

export async function resolveTemporalCli(log = console.log) {
  const override = process.env.TEMPORAL_CLI;
  if (override) {
    if (await works(override)) return override;
    throw new Error(`TEMPORAL_CLI=${override} is not a working Temporal CLI.`);
  }
  const found =
    (await onPath()) ??
    ((await works(path.join(cacheBinDir, 'temporal'))) ? path.join(cacheBinDir, 'temporal') : null) ??
    (await goInstall(log)) ??
    (await sdkDownload(log));
  if (found) return found;
  throw new Error(
    'No Temporal CLI. Install Go (https://go.dev/dl/) so that `go install github.com/temporalio/cli/cmd/temporal@v1.5.1` ' +
      'can build it, or install the Temporal CLI yourself and set TEMPORAL_CLI=/path/to/temporal.',
  );
}
