import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [tsxCli, 'scripts/deadline.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/deadline.ts', { timeout: 60_000 }, () => {
  it('prints only the due date', () => {
    expect(run('--received', '2026-01-30', '--period', '1mo')).toEqual({
      code: 0,
      stdout: '2026-03-02\n',
      stderr: '',
    });
    expect(run('--received', '2026-02-13', '--period', '3wd').stdout).toBe('2026-02-25\n');
    expect(run('--received=2025-01-29', '--period=10d').stdout).toBe('2025-02-08\n');
  });

  it('applies repeated --closure options', () => {
    const r = run('--received', '2026-07-07', '--period', '3wd', '--closure', '2026-07-09', '--closure', '2026-07-10');
    expect(r).toEqual({ code: 0, stdout: '2026-07-14\n', stderr: '' });
  });

  it('warns on stderr (stdout unchanged) when leaving the covered years', () => {
    const r = run('--received', '2027-12-21', '--period', '10d');
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
  ])('exits 2 with a message for %j', (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Usage: deadline --received YYYY-MM-DD --period/);
  });
});
