/** The real Pabulib files shared next to the repository (read-only). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Beside the repository; a git worktree under <repo>/../wt/<name> finds them one level further up.
export const samplesDir =
  ['../shared/data/pabulib', '../../shared/data/pabulib'].map((p) => path.resolve(repoRoot, p)).find((p) => existsSync(p)) ??
  path.resolve(repoRoot, '../shared/data/pabulib');

export const SAMPLE_FILES = [
  'Netherlands_Assen_2024.pb',
  'Poland_Czestochowa_2020_Grabowka.pb',
  'Poland_Krakow_2024_Lagiewniki-Borek_Falecki.pb',
  'Poland_Lodz_2022_Nad_Nerem.pb',
  'Poland_Warszawa_2019_Piaski.pb',
] as const;

export function samplePath(name: string): string {
  return path.join(samplesDir, name);
}

export function readSample(name: string): string {
  return readFileSync(samplePath(name), 'utf8');
}
