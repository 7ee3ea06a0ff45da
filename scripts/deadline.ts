/**
 * Computes one legal deadline (行政程序法 Art. 48 + official office calendar).
 *
 *   npx tsx scripts/deadline.ts --received YYYY-MM-DD --period P [--closure YYYY-MM-DD ...]
 *   npm run -s deadline -- --received 2026-02-13 --period 3wd
 *
 * stdout: only the due date (YYYY-MM-DD) and a newline.
 * stderr: diagnostics; a warning when the computation leaves the official calendar's coverage.
 * Exit codes: 0 ok, 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import {
  InvalidPeriodError,
  InvalidPlainDateError,
  addDays,
  computeDeadline,
  parsePeriod,
  parsePlainDate,
  twOfficialCalendar,
} from '../domain/index';

const USAGE =
  'Usage: deadline --received YYYY-MM-DD --period <N>d|<N>wd|<N>mo [--closure YYYY-MM-DD ...]\n' +
  '  --received  day the case was received (not counted; the period starts the next day)\n' +
  "  --period    e.g. '30d' calendar days, '3wd' working days, '2mo' months\n" +
  '  --closure   ad-hoc full-day office closure (typhoon day); repeatable\n';

function usageError(message: string): never {
  process.stderr.write(`deadline: ${message}\n${USAGE}`);
  process.exit(2);
}

function main(argv: string[]): void {
  let values;
  let tokens;
  try {
    ({ values, tokens } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      tokens: true,
      options: {
        received: { type: 'string' },
        period: { type: 'string' },
        closure: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    usageError(e instanceof Error ? e.message : String(e));
  }
  for (const name of ['received', 'period']) {
    if (tokens.filter((t) => t.kind === 'option' && t.name === name).length > 1) {
      usageError(`--${name} given more than once`);
    }
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.received === undefined) usageError('missing --received');
  if (values.period === undefined) usageError('missing --period');

  try {
    const received = parsePlainDate(values.received);
    const period = parsePeriod(values.period);
    const closures = (values.closure ?? []).map((c) => parsePlainDate(c));
    const calendar = twOfficialCalendar(closures);
    const due = computeDeadline(calendar, received, period);
    const coverage = calendar.coverage;
    if (coverage && !(calendar.covers(addDays(received, 1)) && calendar.covers(due))) {
      process.stderr.write(
        `deadline: warning: ${addDays(received, 1)}..${due} is not fully covered by the official calendar ` +
          `(${coverage.first}..${coverage.last}); Saturday/Sunday rule used outside it.\n`,
      );
    }
    process.stdout.write(`${due}\n`);
  } catch (e) {
    if (e instanceof InvalidPlainDateError || e instanceof InvalidPeriodError) usageError(e.message);
    throw e;
  }
}

main(process.argv.slice(2));
