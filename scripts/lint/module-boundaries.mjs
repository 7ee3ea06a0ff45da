/**
 * ESLint rule `civic/module-boundaries`: one module per leg on a shared platform.
 *
 * Areas: worker/, workflows/, web-components/src/ and domain/. Inside an area, each folder is a
 * module: the platform (`worker/platform`, `workflows/shared`, `web-components/src/platform`) or
 * a leg (`cases`, `dashboard`, `petitions`, ...). Files at an area's root (`worker/index.ts`,
 * `workflows/worker.ts`, `web-components/src/routes.ts`) compose the legs and may import anything.
 *
 * - domain/ imports domain/ only (pure code, no platform, no legs);
 * - the platform imports the platform, domain/ and the dependency-free workflow contracts, never
 *   a leg;
 * - a leg imports its own folder, any platform, domain/, and of every other module only its
 *   exported surface: `contract.ts` or its API shapes `schemas.ts`.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

const PLATFORM = new Set(['worker/platform', 'workflows/shared', 'web/platform']);
const AREAS = [
  ['web-components/src/', 'web'],
  ['worker/', 'worker'],
  ['workflows/', 'workflows'],
  ['domain/', 'domain'],
];
const PUBLIC_FILES = new Set(['contract', 'schemas']);

/** Where a repository-relative file sits: area, module ('(root)' for composition roots) and file stem. */
export function locate(rel) {
  const norm = rel.split(path.sep).join('/');
  for (const [prefix, area] of AREAS) {
    if (!norm.startsWith(prefix)) continue;
    const rest = norm.slice(prefix.length).split('/');
    const stem = rest[rest.length - 1].replace(/\.(d\.)?[cm]?[jt]s$/, '');
    if (area === 'domain') return { area, module: 'domain', stem };
    return { area, module: rest.length > 1 ? `${area}/${rest[0]}` : `${area}/(root)`, stem };
  }
  return null;
}

/** Null when `from` may import `to`, else the reason it may not. */
export function boundaryViolation(from, to) {
  if (!from || !to) return null;
  if (from.module.endsWith('/(root)')) return null;
  if (from.area === 'domain') return to.area === 'domain' ? null : 'domain code imports domain code only';
  if (to.area === 'domain' || to.module === from.module || PLATFORM.has(to.module)) return null;
  if (to.module.endsWith('/(root)')) return `${from.module} must not import the composition root ${to.module}`;
  if (PLATFORM.has(from.module)) {
    if (to.area === 'workflows' && to.stem === 'contract') return null;
    return `the platform (${from.module}) must not depend on a leg (${to.module})`;
  }
  if (PUBLIC_FILES.has(to.stem)) return null;
  return `${from.module} may use ${to.module} only through its contract.ts or schemas.ts, not ${to.stem}`;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'A leg imports the platform, domain/ and other legs’ exported contracts only.' },
    schema: [],
    messages: { boundary: 'Module boundary: {{reason}}.' },
  },
  create(context) {
    const cwd = context.cwd;
    const fromRel = path.relative(cwd, context.filename);
    const from = locate(fromRel);
    if (!from) return {};
    function check(node) {
      const spec = node?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      let target = path.resolve(path.dirname(context.filename), spec.split('?')[0]);
      // A folder import means its index file.
      if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) target = path.join(target, 'index');
      target = path.relative(cwd, target);
      const reason = boundaryViolation(from, locate(target));
      if (reason) context.report({ node, messageId: 'boundary', data: { reason } });
    }
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => n.source && check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source),
    };
  },
};

export default { rules: { 'module-boundaries': rule } };
