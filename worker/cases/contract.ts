/**
 * What the case leg offers other legs (the dashboard reads cases, Open311 files them). Other legs
 * import this file and the leg's API shapes (`schemas.ts`) only, never its internals: the lint
 * rule `civic/module-boundaries` enforces it.
 */
export { findCase, type CaseRecord } from './db';
export { intakeCase } from './intake';
export { CaseIdParamSchema } from './schemas';
