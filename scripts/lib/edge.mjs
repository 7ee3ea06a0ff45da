/**
 * The edge (the Cloudflare Worker) on this machine: a local D1 migrated and seeded, served by
 * `wrangler dev`. Used by the whole stack (scripts/lib/stack.mjs) and by the benchmark.
 */
import path from 'node:path';
import { BIN, ROOT } from './paths.mjs';
import { run, startService, waitFor } from './proc.mjs';

const wrangler = path.join(BIN, 'wrangler');

/** Applies the migrations to the local D1 under `persistTo`, then runs each SQL file in order. */
export async function prepareLocalD1(persistTo, sqlFiles) {
  const local = ['civic', '--local', '--persist-to', persistTo];
  // CI=true: wrangler applies migrations without asking for confirmation.
  await run(wrangler, ['d1', 'migrations', 'apply', ...local], { cwd: ROOT, env: { CI: 'true' } });
  for (const file of sqlFiles) await run(wrangler, ['d1', 'execute', ...local, '--file', file], { cwd: ROOT });
}

/**
 * Starts `wrangler dev` on 127.0.0.1:`port` (inspector on `inspectorPort`, default port + 1000) with the given vars and
 * waits until it answers (stopping it again if it never does).
 * @param {{port: number, inspectorPort?: number, persistTo: string, vars: Record<string, string>, testScheduled?: boolean, echo?: boolean}} o
 */
export async function startEdge(o) {
  const edge = startService(
    'wrangler',
    wrangler,
    [
      'dev',
      '--ip', '127.0.0.1',
      '--port', String(o.port),
      '--persist-to', o.persistTo,
      '--inspector-port', String(o.inspectorPort ?? o.port + 1000),
      ...(o.testScheduled ? ['--test-scheduled'] : []),
      '--show-interactive-dev-session=false',
      '--log-level', 'warn',
      ...Object.entries(o.vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
    ],
    { cwd: ROOT, echo: o.echo },
  );
  const url = `http://127.0.0.1:${o.port}`;
  try {
    await waitFor('wrangler dev', async () => (await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(5000) })).status > 0, {
      service: edge,
      timeoutMs: 90_000,
    });
  } catch (e) {
    await edge.stop();
    throw e;
  }
  return edge;
}
