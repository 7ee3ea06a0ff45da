import { createEdgeClient, type EdgeClientDeps } from '../shared/edge-client';
import { type CaseProjectionBatch, type CaseProjectionEvent, internalRoutes } from './contract';

export type ActivityDeps = EdgeClientDeps;

/** The edge refuses bodies over 64 KB; a chunk stays well below it. */
const MAX_CHUNK_BYTES = 48 * 1024;

/**
 * Splits a case's pending events, in order, into requests the edge accepts. An event alone over
 * the limit (a reply near 10,000 characters carries its snapshot too) still goes on its own.
 */
export function chunkEvents(events: CaseProjectionEvent[], maxBytes = MAX_CHUNK_BYTES): CaseProjectionEvent[][] {
  const encoder = new TextEncoder();
  const chunks: CaseProjectionEvent[][] = [];
  let current: CaseProjectionEvent[] = [];
  let size = 0;
  for (const ev of events) {
    const bytes = encoder.encode(JSON.stringify(ev)).length + 1;
    if (current.length && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(ev);
    size += bytes;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Activities are the workflow's only I/O: they write projections back to the edge over signed HTTP. */
export function createActivities(deps: ActivityDeps) {
  const postSigned = createEdgeClient(deps);
  return {
    /** Idempotent on the edge by (caseId, seq), so Temporal's retries are safe. Used by cases started before issue 11. */
    async projectCaseEvent(event: CaseProjectionEvent): Promise<void> {
      await postSigned(internalRoutes.caseEvents, event);
    },
    /**
     * Several events of one case, oldest first, in as few signed requests as fit (one D1 batch
     * each). A retry resends chunks the edge already applied; it ignores seqs it has.
     */
    async projectCaseEvents(batch: CaseProjectionBatch): Promise<void> {
      for (const events of chunkEvents(batch.events)) {
        await postSigned(internalRoutes.caseEvents, { caseId: batch.caseId, events } satisfies CaseProjectionBatch);
      }
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
