import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI exactly as `npm run -s deadline -- ...` would (tsx on the current Node). */
function run(...args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, 'scripts/deadline.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.concurrent('scripts/deadline.ts', { timeout: 60_000 }, () => {
  it('prints only the due date', async () => {
    expect(await run('--received', '2026-01-30', '--period', '1mo')).toEqual({
      code: 0,
      stdout: '2026-03-02\n',
      stderr: '',
    });
  });

  it('accepts --name=value and working-day periods', async () => {
    expect(await run('--received=2026-02-13', '--period=3wd')).toEqual({ code: 0, stdout: '2026-02-25\n', stderr: '' });
    expect((await run('--received', '2025-01-29', '--period', '10d')).stdout).toBe('2025-02-08\n');
  });

  it('applies repeated --closure options', async () => {
    const r = await run('--received', '2026-07-07', '--period', '3wd', '--closure', '2026-07-09', '--closure', '2026-07-10');
    expect(r).toEqual({ code: 0, stdout: '2026-07-14\n', stderr: '' });
  });

  it('warns on stderr (stdout unchanged) when leaving the covered years', async () => {
    const r = await run('--received', '2027-12-21', '--period', '10d');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2028-01-03\n');
    expect(r.stderr).toMatch(/not fully covered by the official calendar/);
  });

  it.each([
    [['--received', '2026-02-30', '--period', '3wd'], /Invalid date "2026-02-30"/],
    [['--received', '2026-02-03', '--period', '3x'], /Invalid period "3x"/],
    [['--received', '2026-02-03', '--period', '0d'], /between 1 and 3650/],
    [['--received', '2026-02-03', '--period', '3wd', '--closure', 'tomorrow'], /Invalid date "tomorrow"/],
    [['--period', '3wd'], /missing --received/],
    [['--received', '2026-02-03'], /missing --period/],
    [['--received', '2026-02-03', '--period'], /argument missing/],
    [['--received', '2026-02-03', '--period', '3wd', '--bogus'], /Unknown option '--bogus'/],
    [['--received', '2026-02-03', '--period', '3wd', 'extra'], /Unexpected argument 'extra'/],
    [['--received', '2026-02-03', '--received', '2026-02-04', '--period', '3wd'], /more than once/],
    [[], /missing --received/],
  ])('exits 2 with a message for %j', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage: deadline --received YYYY-MM-DD --period/);
  });
});
