/** Response shapes of the case API (see worker/cases/schemas.ts). */
import type { z } from 'zod';
import type { CaseDetailSchema, CaseSummarySchema } from '../../../worker/cases/schemas';

export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export type CaseDetail = z.infer<typeof CaseDetailSchema>;
export type CaseEvent = CaseDetail['timeline'][number];
