/**
 * What the consultation leg offers other legs (the dashboard reads its per-agency figures through
 * the public route; nothing else yet). Other legs import this file and `schemas.ts` only.
 */
export { effectiveState, isOverdue } from './db';
export type { ConsultationRecord } from './db';
