/**
 * `./civic start`: the whole product with demo data on this machine. Ctrl-C stops everything.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DATA_DIR, BIN, ROOT } from './lib/paths.mjs';
import { run } from './lib/proc.mjs';
import { seedDemoPetitions } from './lib/demo-petitions.mjs';
import { DEV_PORTS, startStack } from './lib/stack.mjs';

const echo = process.argv.includes('--verbose');

console.log('Building the web UI ...');
await run(path.join(BIN, 'vite'), ['build', '--config', 'web-components/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT });

const stack = await startStack({
  ports: DEV_PORTS,
  dataDir: path.join(DATA_DIR, 'dev'),
  internalSecret: process.env.INTERNAL_SECRET ?? randomBytes(24).toString('hex'),
  demoCases: true,
  echo,
});

console.log(`
Civic engine is running.

  App (UI + API)     ${stack.edgeUrl}/
  API docs           ${stack.edgeUrl}/api/v1/docs   (OpenAPI: ${stack.edgeUrl}/api/v1/openapi.json)
  Health             ${stack.edgeUrl}/api/v1/health
  Temporal Web UI    ${stack.temporalUiUrl}/
  Temporal HTTP API  ${stack.temporalHttpUrl}   gRPC ${stack.temporalAddress}
  Data               ${path.relative(ROOT, path.join(DATA_DIR, 'dev'))}/ (git-ignored; delete it to start afresh)
  Budgeting demo     ${stack.edgeUrl}/budgets/R-2027DAXY (voting) and ${stack.edgeUrl}/budgets/R-2026DONE (counted, in implementation)

Demo accounts (password for all: civic-demo-2026)
  citizen     citizen@demo.civic.tw         (陳小明, zh-TW)
  citizen     resident@demo.civic.tw        (Alex Lin, en)
  officer     officer.dot@demo.civic.tw     Department of Transportation 交通局
  officer     officer.dep@demo.civic.tw     Department of Environmental Protection 環保局
  officer     officer.pwd@demo.civic.tw     Public Works Department 工務局 (its demo consultation)
  officer     officer.1999@demo.civic.tw    central dispatch desk 1999 派案中心
  supervisor  supervisor.dot@demo.civic.tw  交通局
  oversight   oversight@demo.civic.tw       研考會 (receives breach escalations)
  helper      helper@demo.civic.tw          community helper 資訊代理人 (files for others)
  manager     manager@demo.civic.tw
  admin       admin@demo.civic.tw

Press Ctrl-C to stop.${echo ? '' : ' (Run with --verbose to see the services\' logs.)'}
`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the worker, wrangler and Temporal ...`);
  await stack.stop();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));

// Demo petitions go through the API and their workflows (tens of seconds): in the background.
void seedDemoPetitions(stack.edgeUrl).then(
  (ids) => console.log(`Demo petitions ready (${Object.values(ids).join(', ')}): one open with endorsements, one awaiting the Department of Transportation's response, one responded.`),
  (err) => console.error(`Demo petitions were not created: ${err instanceof Error ? err.message : err}`),
);
process.on('SIGTERM', () => void shutdown('SIGTERM'));

// If a service dies, say so and bring the rest down rather than limp on.
for (const s of stack.services()) {
  void s.exitPromise.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`\n${s.name} exited (${code ?? signal}). Last output:\n${s.lines.slice(-30).join('\n')}`);
    void shutdown('service exit');
  });
}
