import { ApplicationFailure } from '@temporalio/activity';
import { type EdgeClientDeps, type PostSigned, createEdgeClient, edgeFailure } from '../shared/edge-client';
import { type CaseProjectionBatch, type CaseProjectionEvent, internalRoutes } from './contract';

export interface ActivityDeps extends EdgeClientDeps {
  /** Projection requests one worker keeps in flight; calls beyond wait and go together in the next one. */
  projectionRequestsInFlight?: number;
}

/** The edge refuses bodies over 64 KB; a request stays well below it. */
const MAX_REQUEST_BYTES = 48 * 1024;
/** Most events the edge takes in one request (worker/cases/internal-routes.ts). */
const MAX_REQUEST_EVENTS = 50;

const sizeOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * Splits a case's pending events, in order, into requests the edge accepts. An event alone over
 * the limit (a reply near 10,000 characters carries its snapshot too) still goes on its own.
 */
export function chunkEvents(events: CaseProjectionEvent[], maxBytes = MAX_REQUEST_BYTES): CaseProjectionEvent[][] {
  const chunks: CaseProjectionEvent[][] = [];
  let current: CaseProjectionEvent[] = [];
  let size = 0;
  for (const ev of events) {
    const bytes = sizeOf(ev) + 1;
    if (current.length && (size + bytes > maxBytes || current.length >= MAX_REQUEST_EVENTS)) {
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

interface Waiting {
  batch: CaseProjectionBatch;
  bytes: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for projections (issue 11): while `inFlight` requests are out, the batches of the
 * activities that come meanwhile wait and then go together, as one request and one D1 batch on
 * the edge. At low load a batch goes at once and alone; under a burst of deadlines the requests
 * grow instead of queueing up behind each other. Each case gets its own answer.
 */
function createProjectionSender(postSigned: PostSigned, inFlight: number) {
  const path = internalRoutes.caseEvents;
  const queue: Waiting[] = [];
  let busy = 0;

  async function sendAlone(w: Waiting): Promise<void> {
    try {
      await postSigned(path, w.batch);
      w.resolve();
    } catch (e) {
      w.reject(e);
    }
  }

  async function sendTogether(group: Waiting[]): Promise<void> {
    if (group.length === 1) return sendAlone(group[0]!);
    let answer: { results?: { caseId: string; status: number }[] };
    try {
      answer = (await postSigned(path, { cases: group.map((w) => w.batch) })) as typeof answer;
    } catch (e) {
      // A refused request (one malformed case) is retried case by case, so only that case stays stuck.
      if (e instanceof ApplicationFailure && e.type === 'EdgeRefused' && !e.message.includes('HTTP 401')) {
        await Promise.all(group.map(sendAlone));
      } else {
        for (const w of group) w.reject(e);
      }
      return;
    }
    const status = new Map((answer.results ?? []).map((r) => [r.caseId, r.status]));
    for (const w of group) {
      const s = status.get(w.batch.caseId);
      if (s === 200) w.resolve();
      else w.reject(edgeFailure(path, s ?? 502, s === 404 ? '{"type":"case-not-found"}' : ''));
    }
  }

  function pump(): void {
    while (busy < inFlight && queue.length) {
      const group: Waiting[] = [];
      let events = 0;
      let bytes = 0;
      while (queue.length) {
        const next = queue[0]!;
        if (group.length && (events + next.batch.events.length > MAX_REQUEST_EVENTS || bytes + next.bytes > MAX_REQUEST_BYTES)) break;
        group.push(queue.shift()!);
        events += next.batch.events.length;
        bytes += next.bytes;
      }
      busy++;
      void sendTogether(group).finally(() => {
        busy--;
        pump();
      });
    }
  }

  return (batch: CaseProjectionBatch) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ batch, bytes: sizeOf(batch), resolve, reject });
      pump();
    });
}

/** Activities are the workflow's only I/O: they write projections back to the edge over signed HTTP. */
export function createActivities(deps: ActivityDeps) {
  const postSigned = createEdgeClient(deps);
  const send = createProjectionSender(postSigned, deps.projectionRequestsInFlight ?? 4);
  return {
    /** Idempotent on the edge by (caseId, seq), so Temporal's retries are safe. Used by cases started before issue 11. */
    async projectCaseEvent(event: CaseProjectionEvent): Promise<void> {
      await postSigned(internalRoutes.caseEvents, event);
    },
    /**
     * Several events of one case, oldest first, in as few requests as fit, each possibly shared
     * with other cases' events (one D1 batch each). A retry resends chunks the edge already
     * applied; it ignores seqs it has.
     */
    async projectCaseEvents(batch: CaseProjectionBatch): Promise<void> {
      for (const events of chunkEvents(batch.events)) await send({ caseId: batch.caseId, events });
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
