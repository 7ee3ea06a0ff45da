import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prng } from './random-elections';
import { repoRoot, samplePath } from './samples';

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs what `npm run tally -- ...` runs (scripts/run-tally.mjs: the bundled CLI, rebuilt when a
 * source is newer) from the repository root, as a user would.
 */
function run(...args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/run-tally.mjs', ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const tmp = mkdtempSync(path.join(tmpdir(), 'tally-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.concurrent('scripts/tally.ts', { timeout: 120_000 }, () => {
  it('prints the funded ids in selection order, with the META rule by default', async () => {
    expect(await run(samplePath('Netherlands_Assen_2024.pb'))).toEqual({ code: 0, stdout: '3\n9\n2\n11\n13\n14\n5\n6\n12\n', stderr: '' });
  });

  it('accepts --rule (also as --rule=R)', async () => {
    expect((await run(samplePath('Netherlands_Assen_2024.pb'), '--rule', 'greedy')).stdout).toBe('3\n9\n8\n2\n11\n13\n14\n');
    expect((await run(samplePath('Poland_Warszawa_2019_Piaski.pb'), '--rule=greedy-no-skip')).stdout).toBe('2233\n2301\n2294\n2219\n2268\n');
  });

  it('explains after the list with --explain', async () => {
    const r = await run(samplePath('Poland_Lodz_2022_Nad_Nerem.pb'), '--explain');
    expect(r.code).toBe(0);
    const blank = r.stdout.indexOf('\n\n');
    const ids = r.stdout.slice(0, blank);
    const explanation = r.stdout.slice(blank + 2);
    expect(ids).toBe('G113NN\nG114NN\nG112NN');
    expect(explanation).toMatch(/^Rule: greedy-threshold/);
    expect(explanation).toMatch(/G094NN: cost 50000, votes 31, score 31 — not funded: score below the threshold 50/);
    expect(explanation).toMatch(/G047NN: .* not funded: does not fit the 11000 left/);
  });

  it('explains equal shares round by round', async () => {
    const r = await run(samplePath('Netherlands_Assen_2024.pb'), '--explain');
    expect(r.stdout).toMatch(/Round 1: fund 3 \(43 effective votes/);
    expect(r.stdout).toMatch(/43 voter\(s\) paid 167.44 each/);
    expect(r.stdout).toMatch(/add1 completion: endowment raised from 1190.48/);
  });

  it.each([
    [[], /missing FILE.pb/],
    [['a.pb', 'b.pb'], /exactly one FILE.pb/],
    [['--frobnicate', 'x.pb'], /Unknown option '--frobnicate'/],
    [[samplePath('Netherlands_Assen_2024.pb'), '--rule', 'borda'], /unknown rule "borda"/],
    [[path.join(tmp, 'missing.pb')], /cannot read/],
  ])('exits 2 with a message for bad arguments %j', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 naming the line of a malformed file', async () => {
    const file = path.join(tmp, 'broken.pb');
    writeFileSync(file, 'META\nkey;value\nbudget;10\nrule;greedy\nPROJECTS\nproject_id;cost\n1;ten\nVOTES\nvoter_id;vote\n');
    const r = await run(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tally: ${file}: line 7: cost of project 1 must be a non-negative number, got "ten"\n`);
  });

  it('exits 2 for a file whose META rule is unknown, unless --rule is given', async () => {
    const file = path.join(tmp, 'unknown-rule.pb');
    writeFileSync(file, 'META\nkey;value\nbudget;10\nrule;unknown\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv;1\n');
    const r = await run(file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule "unknown" in META; pass --rule/);
    expect(await run(file, '--rule', 'equalshares')).toEqual({ code: 0, stdout: '1\n', stderr: '' });
  });

  it('rebuilds its bundle when a source is newer than it', async () => {
    const source = path.join(repoRoot, 'domain/tally/rules.ts');
    const bundle = path.join(repoRoot, 'dist/tally/tally.mjs');
    expect((await run('--help')).code).toBe(0); // the bundle exists from here on
    const built = statSync(bundle).mtimeMs;
    const before = statSync(source);
    // Dated a minute ahead: newer than the bundle.
    utimesSync(source, before.atime, new Date(Date.now() + 60_000));
    try {
      expect((await run(samplePath('Netherlands_Assen_2024.pb'), '--rule', 'greedy')).stdout).toBe('3\n9\n8\n2\n11\n13\n14\n');
      expect(statSync(bundle).mtimeMs).toBeGreaterThan(built);
    } finally {
      utimesSync(source, before.atime, before.mtime);
    }
  });

  it('equal shares with add1 gives the same result on two threads as on one (many add1 steps)', async () => {
    // 4,000 voters over 40 projects with skewed popularity: dozens of add1 steps, several blocks.
    const rand = prng(77);
    const popularity = Array.from({ length: 40 }, () => rand() ** 2 + 0.05);
    const costs = popularity.map(() => 1000 * (5 + Math.floor(rand() * 200)));
    const lines = ['META', 'key;value', `budget;${Math.floor(costs.reduce((a, b) => a + b, 0) / 3)}`, 'vote_type;approval', 'rule;equalshares/add1', 'PROJECTS', 'project_id;cost'];
    costs.forEach((c, j) => lines.push(`${j + 1};${c}`));
    lines.push('VOTES', 'voter_id;vote');
    for (let v = 1; v <= 4000; v++) {
      const chosen = popularity.flatMap((p, j) => (rand() < p * 0.3 ? [j + 1] : []));
      lines.push(`${v};${(chosen.length ? chosen : [1 + (v % 40)]).join(',')}`);
    }
    const file = path.join(tmp, 'many-steps.pb');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const one = await run(file, '--threads', '1');
    expect(one.code).toBe(0);
    expect(one.stdout.split('\n').length).toBeGreaterThan(5);
    expect(await run(file)).toEqual(one);
    expect(await run(file, '--threads', '2')).toEqual(one);
    expect(await run(file, '--threads', 'auto')).toEqual(one);
    expect((await run(file, '--threads', '3')).stderr).toMatch(/--threads must be 1, 2 or auto/);
  });
});
