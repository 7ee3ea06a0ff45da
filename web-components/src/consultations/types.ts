/** Response shapes of the consultation API (see worker/consultations/schemas.ts). */
import type { z } from 'zod';
import type {
  CommentSchema,
  ConsultationDetailSchema,
  ConsultationSummarySchema,
  MyCommentSchema,
  ProgressSchema,
  ReportSchema,
} from '../../../worker/consultations/schemas';

export type ConsultationSummary = z.infer<typeof ConsultationSummarySchema>;
export type ConsultationDetail = z.infer<typeof ConsultationDetailSchema>;
export type ComparisonRow = ConsultationDetail['table'][number];
export type CommentView = z.infer<typeof CommentSchema>;
export type MyComment = z.infer<typeof MyCommentSchema>;
export type Progress = z.infer<typeof ProgressSchema>;
export type ReportView = z.infer<typeof ReportSchema>;
export interface DiffSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}
