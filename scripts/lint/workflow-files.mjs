/**
 * Every file that runs in Temporal's workflow sandbox: the workflow bundle's entry and
 * everything it imports at run time, transitively, by relative path (`import type` is erased
 * from the bundle, so it does not count: activities are typed by workflows but run outside). ESLint forbids Node built-ins and I/O in these files,
 * so the list must follow the code rather than name files by hand.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const IMPORT_RE = /(?:^|[\s;])((?:import|export)\s[^'"`]*?)from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolve(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Repository-relative paths (forward slashes) of the files reachable from `entries`. */
export function workflowSandboxFiles(entries = ['workflows/index.ts'], root = ROOT) {
  const seen = new Set();
  const stack = entries.map((e) => path.join(root, e));
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      if (m[1] && /^(?:import|export)\s+type\s/.test(m[1])) continue;
      const spec = m[2] ?? m[3];
      if (!spec?.startsWith('.')) continue;
      const target = resolve(file, spec);
      if (target) stack.push(target);
    }
  }
  return [...seen].map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
}
