/**
 * `npm run tally`: runs the tally CLI (scripts/tally.ts) from one prebuilt JavaScript bundle,
 * dist/tally/tally.mjs. Starting it through a TypeScript loader (tsx) cost about 0.45 s of
 * start-up and ran the engine about a third slower than the bundle (measured in BENCHMARKS.md),
 * and the auditors' command has a 2 s budget on 100,000 ballots.
 *
 * The bundle is rebuilt with esbuild whenever it is missing or any file it was built from (the
 * esbuild metafile's inputs, kept next to it) is newer, so an edited engine is never run stale.
 * `node scripts/run-tally.mjs --build` only (re)builds it (./civic does that after installing).
 *
 * package.json starts it with `--max-semi-space-size=32`: the equal shares runs allocate many
 * short-lived bigints and arrays, and a larger young generation took about 5 % off the CPU time
 * of the 100,000-ballot benchmark (fewer scavenges).
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist', 'tally');
const bundle = path.join(outDir, 'tally.mjs');
const inputsFile = path.join(outDir, 'inputs.json');

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

function isFresh() {
  const built = mtime(bundle);
  if (built < 0) return false;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  return Array.isArray(inputs) && inputs.length > 0 && inputs.every((f) => {
    const m = mtime(path.join(root, f));
    return m >= 0 && m <= built;
  });
}

async function build() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['scripts/tally.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    write: false,
    metafile: true,
    logLevel: 'warning',
    outfile: bundle,
  });
  mkdirSync(outDir, { recursive: true });
  // Write under a unique name, then rename: concurrent launches never see half a file.
  const tmp = `${bundle}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(Object.keys(result.metafile.inputs)));
  renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
  renameSync(tmp, bundle);
}

if (process.argv[2] === '--build') {
  await build();
} else {
  if (!isFresh()) await build();
  await import(pathToFileURL(bundle).href);
}
