/** Response shapes of the petition API (see worker/petitions/schemas.ts). */
import type { z } from 'zod';
import type { AccountabilitySchema, PetitionDetailSchema, PetitionSummarySchema } from '../../../worker/petitions/schemas';

export type PetitionSummary = z.infer<typeof PetitionSummarySchema>;
export type PetitionDetail = z.infer<typeof PetitionDetailSchema>;
export type PetitionAccountability = z.infer<typeof AccountabilitySchema>;
