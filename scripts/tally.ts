/**
 * Tallies a Pabulib `.pb` file.
 *
 *   npm run -s tally -- FILE.pb [--rule RULE] [--explain] [--threads 1|2|auto]
 *
 * (npm runs it from a prebuilt bundle, scripts/run-tally.mjs; `npx tsx scripts/tally.ts` works too, on one thread.)
 * stdout: the funded project ids, one per line, in the order the rule selected them; with
 * --explain, then a blank line and a human-readable explanation.
 * RULE defaults to the file's META rule. Exit codes: 0 ok, 2 bad arguments, unknown rule,
 * unreadable or malformed file.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { isMainThread, workerData } from 'node:worker_threads';
import {
  PabulibParseError,
  TALLY_RULES,
  TallyInputError,
  electionFromPabulib,
  formatExplanation,
  isTallyRule,
  parsePabulib,
  tally,
  type PbFile,
} from '../domain/tally/index';
import { parallelAdd1Oracle, runBlockWorker, type BlockWorkerData } from './tally-parallel';

const USAGE =
  'Usage: tally FILE.pb [--rule RULE] [--explain]\n' +
  `  --rule     one of ${TALLY_RULES.join(', ')}\n` +
  "             (default: the file's META rule)\n" +
  '  --explain  print why each project was funded or not after the list\n' +
  '  --threads  1, 2 or auto (default): threads for the runs of equal shares with add1; auto\n' +
  '             takes a second one unless the machine is saturated (same result either way)\n';

function fail(message: string): never {
  process.stderr.write(`tally: ${message}\n`);
  process.exit(2);
}

function usageError(message: string): never {
  process.stderr.write(`tally: ${message}\n${USAGE}`);
  process.exit(2);
}

function main(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        rule: { type: 'string' },
        explain: { type: 'boolean' },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    usageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (positionals.length !== 1) usageError(positionals.length === 0 ? 'missing FILE.pb' : 'exactly one FILE.pb expected');
  const path = positionals[0] ?? '';
  if (values.rule !== undefined && !isTallyRule(values.rule)) usageError(`unknown rule "${values.rule}"`);
  const threadsArg = values.threads ?? 'auto';
  if (threadsArg !== '1' && threadsArg !== '2' && threadsArg !== 'auto') usageError('--threads must be 1, 2 or auto');
  // A second thread pays while the machine is not saturated (2 cores, load 1.7: 1.93 s against
  // 2.29 s) and costs when it is (load 11–19: slower than one thread; BENCHMARKS.md), so `auto`
  // takes it while the 1-minute load average is below the number of cores.
  // Run from source (tsx), a worker could not load this .ts module: one thread then.
  const bundled = !import.meta.url.endsWith('.ts');
  const threads = !bundled ? 1 : threadsArg === 'auto' ? (availableParallelism() >= 2 && (loadavg()[0] ?? 0) < availableParallelism() ? 2 : 1) : Number(threadsArg);

  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    fail(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let file: PbFile;
  try {
    file = parsePabulib(text);
  } catch (e) {
    if (e instanceof PabulibParseError) fail(`${path}: ${e.message}`);
    throw e;
  }
  const rule = values.rule ?? file.meta.rule;
  if (rule === undefined) usageError(`${path} has no META rule; pass --rule`);
  if (!isTallyRule(rule)) usageError(`${path}: unknown rule "${rule}" in META; pass --rule (one of ${TALLY_RULES.join(', ')})`);

  // Set when the add1 loop starts its second thread; stopped whatever happens.
  const parallel: { current?: ReturnType<typeof parallelAdd1Oracle> } = {};
  try {
    const result = tally(electionFromPabulib(file), rule, {
      explain: values.explain === true,
      ...(threads === 1
        ? {}
        : {
            add1Oracle: (prep, opts) => {
              parallel.current = parallelAdd1Oracle(new URL(import.meta.url), prep, opts);
              return parallel.current.oracle;
            },
          }),
    });
    let out = result.selected.map((id) => `${id}\n`).join('');
    if (result.explanation) out += `\n${formatExplanation(result.explanation)}`;
    process.stdout.write(out);
  } catch (e) {
    if (e instanceof TallyInputError) fail(`${path}: ${e.message}`);
    throw e;
  } finally {
    parallel.current?.close();
  }
}

// The same module is the entry of the add1 worker thread (see tally-parallel.ts).
const data = workerData as Partial<BlockWorkerData> | null;
if (!isMainThread && data?.role === 'add1-blocks') runBlockWorker(data as BlockWorkerData);
else main(process.argv.slice(2));
