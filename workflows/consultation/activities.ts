import { createEdgeClient, type EdgeClientDeps } from '../shared/edge-client';
import {
  type ConsultationProjectionEvent,
  type ConsultationProjectionResult,
  consultationInternalRoutes,
} from './contract';

export type ActivityDeps = EdgeClientDeps;

/** The consultation workflow's only I/O: projections written back to the edge over signed HTTP. */
export function createActivities(deps: ActivityDeps) {
  const postSigned = createEdgeClient(deps);
  return {
    /** Idempotent on the edge by (consultationId, seq), so Temporal's retries are safe. */
    async projectConsultationEvent(event: ConsultationProjectionEvent): Promise<ConsultationProjectionResult> {
      const res = (await postSigned(consultationInternalRoutes.events, event)) as Partial<ConsultationProjectionResult>;
      return { applied: res.applied === true, reportPublished: res.reportPublished === true };
    },
  };
}

export type ConsultationActivities = ReturnType<typeof createActivities>;
