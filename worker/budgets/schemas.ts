/**
 * Request and response shapes of the participatory budgeting API (plain zod with `.meta()` for
 * OpenAPI; the UI imports the same schemas).
 */
import { z } from 'zod';
import { TALLY_RULES } from '../../domain/tally/rules';
import { roundPhases, timedPhases } from '../../workflows/budget-round/contract';
import type { FieldError } from '../platform/problem';
import { trimmed } from '../platform/schemas';

export const RoundPhaseSchema = z.enum(roundPhases);
export const TimedPhaseSchema = z.enum(timedPhases);
export const TallyRuleSchema = z.enum(TALLY_RULES);

export const RoundIdSchema = z.string().regex(/^R-[0-9A-Z]{6,12}$/, 'Not a round id.').meta({ example: 'R-7KQ2MX' });
export const ProjectIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'Not a project id.');
export const DistrictCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'Not a district code.');
/** Amounts in whole currency units (NT$). */
export const AmountSchema = z.int().min(0).max(1e15);
const count = z.int().min(0).max(1000);

export const BallotSettingsSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('approval'), minProjects: count.optional(), maxProjects: count.min(1).optional() }),
    z.strictObject({ kind: z.literal('knapsack'), minProjects: count.optional(), maxProjects: count.min(1).optional() }),
    z.strictObject({
      kind: z.literal('cumulative'),
      maxSumPoints: z.int().min(1).max(1000),
      minSumPoints: z.int().min(0).max(1000).optional(),
      maxPointsPerProject: z.int().min(1).max(1000).optional(),
      minProjects: count.optional(),
      maxProjects: count.min(1).optional(),
    }),
    z.strictObject({ kind: z.literal('ordinal'), maxRank: z.int().min(1).max(100), minRank: z.int().min(1).max(100).optional() }),
    z.strictObject({ kind: z.literal('choose-one') }),
  ])
  .meta({ id: 'BudgetBallotSettings', description: 'Knapsack ballots use each district\'s own budget.' });
export type RoundBallotSettings = z.infer<typeof BallotSettingsSchema>;

const instant = z.iso.datetime({ offset: true });

export const ScheduleSchema = z
  .strictObject({ proposals: instant, review: instant, voting: instant, results: instant })
  .meta({ id: 'BudgetRoundSchedule', description: 'When each timed phase ends (ISO instants, each after the one before).' });

export const DistrictsSchema = z
  .array(z.strictObject({ code: DistrictCodeSchema, name: trimmed(1, 100), budget: AmountSchema }))
  .min(1)
  .max(50);

export const EligibilitySchema = z.strictObject({
  minAge: z.int().min(0).max(120).default(0),
  identityLevel: z.enum(['basic', 'verified']).default('basic').meta({
    description: "The platform identity level a voter's account needs: basic = any account (none), verified = a verified person (verified_person).",
  }),
  districtRule: z.enum(['residence', 'any']).default('residence'),
});

export const CreateRoundRequestSchema = z
  .strictObject({
    title: trimmed(3, 200),
    description: trimmed(0, 5000).default(''),
    rule: TallyRuleSchema,
    minProjectScore: z.int().min(0).optional(),
    ballot: BallotSettingsSchema,
    schedule: ScheduleSchema,
    districts: DistrictsSchema,
    eligibility: EligibilitySchema.default({ minAge: 0, identityLevel: 'basic', districtRule: 'residence' }),
  })
  .meta({ id: 'CreateBudgetRoundRequest' });
export type CreateRoundRequest = z.infer<typeof CreateRoundRequestSchema>;

/**
 * Editing a round before voting opens. Phase dates are not here: they live in the round's
 * workflow and move only by an extension with a public reason (`POST …/extend`).
 */
export const UpdateRoundRequestSchema = z
  .strictObject({
    title: trimmed(3, 200).optional(),
    description: trimmed(0, 5000).optional(),
    rule: TallyRuleSchema.optional(),
    minProjectScore: z.int().min(0).nullable().optional(),
    ballot: BallotSettingsSchema.optional(),
    districts: DistrictsSchema.optional().meta({ description: 'The whole list: districts left out are removed (only those without projects).' }),
    eligibility: EligibilitySchema.optional(),
  })
  .meta({ id: 'UpdateBudgetRoundRequest', description: 'Only in the proposals and review phases; the fields given replace the old ones.' });
export type UpdateRoundRequest = z.infer<typeof UpdateRoundRequestSchema>;

export const ProposeProjectRequestSchema = z
  .strictObject({
    districtCode: DistrictCodeSchema,
    title: trimmed(3, 200),
    description: trimmed(0, 5000).default(''),
    estimatedCost: AmountSchema.optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
  })
  .meta({ id: 'ProposeBudgetProjectRequest' });

export const ReviewProjectRequestSchema = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('accept'), cost: AmountSchema, reason: trimmed(0, 2000).default('') }),
    z.strictObject({ decision: z.literal('reject'), reason: trimmed(3, 2000) }),
  ])
  .meta({ id: 'ReviewBudgetProjectRequest', description: 'Feasibility review: accept with a cost, or reject with a reason.' });

export const BallotRequestSchema = z
  .strictObject({
    districtCode: DistrictCodeSchema.optional().meta({ description: 'Defaults to the district of residence.' }),
    projects: z.array(ProjectIdSchema).max(200),
    points: z.array(z.number()).max(200).optional(),
    replaces: z
      .string()
      .regex(/^[A-Za-z0-9_-]{20,64}$/)
      .optional()
      .meta({ description: 'The receipt code of your earlier ballot, to replace it before the close.' }),
  })
  .meta({ id: 'BudgetBallotRequest' });
export type BallotRequest = z.infer<typeof BallotRequestSchema>;

export const PaperBallotRequestSchema = z
  .strictObject({
    voterEmail: z.email().max(200).meta({ description: 'The voter checked in at the counter.' }),
    districtCode: DistrictCodeSchema.optional(),
    projects: z.array(ProjectIdSchema).max(200),
    points: z.array(z.number()).max(200).optional(),
  })
  .meta({ id: 'BudgetPaperBallotRequest' });

export const CheckInRequestSchema = z
  .strictObject({ voterEmail: z.email().max(200).meta({ description: 'The e-mail address of the resident at the counter.' }) })
  .meta({ id: 'BudgetCheckInRequest' });

export const ExtendPhaseRequestSchema = z
  .strictObject({ phase: TimedPhaseSchema, until: instant, reason: trimmed(3, 500) })
  .meta({ id: 'ExtendBudgetPhaseRequest' });

export const ProjectUpdateRequestSchema = z
  .strictObject({
    status: z.enum(['planned', 'in_progress', 'completed', 'cancelled']),
    note: trimmed(1, 2000),
    photos: z
      .array(z.strictObject({ url: z.url().max(500), caption: trimmed(0, 200).default(''), takenOn: z.iso.date().optional() }))
      .max(20)
      .default([]),
  })
  .meta({ id: 'BudgetProjectUpdateRequest' });

export const ProjectStateSchema = z.enum(['proposed', 'accepted', 'rejected']);

export const ReviewQueueQuerySchema = z.strictObject({
  state: ProjectStateSchema.default('proposed'),
  district: DistrictCodeSchema.optional(),
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,20}~[A-Za-z0-9_.-]{1,40}$/, 'Not a cursor.')
    .optional()
    .meta({ description: 'The `next` cursor of the previous page.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const RoundParamSchema = z.object({ id: RoundIdSchema });
export const ProjectParamSchema = z.object({ id: RoundIdSchema, projectId: ProjectIdSchema });
export const DistrictParamSchema = z.object({ id: RoundIdSchema, code: DistrictCodeSchema });

const ProjectSchema = z.object({
  id: z.string(),
  districtCode: z.string(),
  title: z.string(),
  description: z.string(),
  estimatedCost: z.number().nullable(),
  cost: z.number().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  state: ProjectStateSchema,
  reviewReason: z.string().nullable(),
  updates: z.array(
    z.object({ status: z.string(), note: z.string(), photos: z.array(z.object({ url: z.string(), caption: z.string(), takenOn: z.string().optional() })), createdAt: z.string() }),
  ),
});
export type BudgetProject = z.infer<typeof ProjectSchema>;

export const RoundSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  phase: RoundPhaseSchema,
  rule: TallyRuleSchema,
  source: z.enum(['live', 'pabulib']),
  schedule: ScheduleSchema,
});

export const RoundDetailSchema = RoundSummarySchema.extend({
  description: z.string(),
  currency: z.string(),
  ballot: BallotSettingsSchema,
  eligibility: z.object({ minAge: z.number(), identityLevel: z.string(), districtRule: z.string() }),
  districts: z.array(z.object({ code: z.string(), name: z.string(), budget: z.number() })),
  projects: z.array(ProjectSchema),
  events: z.array(z.object({ seq: z.number(), type: z.string(), phase: z.string(), occurredAt: z.string(), reason: z.string().nullable() })),
}).meta({ id: 'BudgetRoundDetail' });
export type RoundDetail = z.infer<typeof RoundDetailSchema>;

export const RoundListSchema = z
  .object({
    items: z.array(RoundSummarySchema),
    next: z.string().nullable().meta({ description: 'Cursor of the next page (`after`), or null on the last page.' }),
  })
  .meta({ id: 'BudgetRoundList' });

export const RoundListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  after: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z~R-[0-9A-Z]{6,12}$/, 'Not a cursor.')
    .optional()
    .meta({ description: 'The `next` cursor of the previous page.' }),
});

export const ReceiptSchema = z
  .object({ receipt: z.string(), replaced: z.boolean(), districtCode: z.string() })
  .meta({ id: 'BudgetBallotReceipt', description: 'Keep the receipt code: it is the only way to replace your ballot.' });

export const TurnoutSchema = z
  .object({ phase: RoundPhaseSchema, districts: z.array(z.object({ code: z.string(), name: z.string(), voters: z.number() })), total: z.number() })
  .meta({ id: 'BudgetTurnout' });

export const VoterStatusSchema = z
  .object({
    eligible: z.boolean(),
    reasons: z.array(z.enum(['no-profile', 'identity-level', 'too-young'])),
    districtCode: z.string().nullable(),
    hasVoted: z.boolean(),
  })
  .meta({ id: 'BudgetVoterStatus' });

export const RoundSummaryResultsSchema = z
  .object({
    districts: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        budget: z.number(),
        spent: z.number(),
        ballots: z.number(),
        voters: z.number(),
        funded: z.number(),
        notFunded: z.number(),
      }),
    ),
    totals: z.object({ budget: z.number(), spent: z.number(), ballots: z.number(), voters: z.number(), funded: z.number(), notFunded: z.number() }),
  })
  .meta({ id: 'BudgetRoundResultsSummary', description: 'The whole round at a glance, per district and in total: budget, spent, funded and unfunded projects, ballots counted and turnout (voters).' });
export type RoundResultsSummary = z.infer<typeof RoundSummaryResultsSchema>;

export const ResultsSchema = z
  .object({
    rule: TallyRuleSchema,
    districts: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        budget: z.number(),
        ballots: z.number(),
        selected: z.array(z.string()),
        totalCost: z.number(),
        explanation: z.unknown(),
      }),
    ),
    summary: RoundSummaryResultsSchema,
  })
  .meta({ id: 'BudgetResults', description: 'Explanations carry exact numbers as strings (integers, or decimals to 2 places).' });

export const ReviewQueueSchema = z
  .object({
    items: z.array(ProjectSchema.omit({ updates: true })),
    counts: z.object({ proposed: z.number(), accepted: z.number(), rejected: z.number() }),
    next: z.string().nullable().meta({ description: 'Cursor of the next page (`after`), or null on the last page.' }),
  })
  .meta({ id: 'BudgetReviewQueue' });
export type ReviewQueue = z.infer<typeof ReviewQueueSchema>;

export const CheckInSchema = VoterStatusSchema.extend({ voterName: z.string() }).meta({
  id: 'BudgetCheckIn',
  description: 'Whether the resident at the counter may vote, in which district, and whether they have already voted.',
});

export const FollowSchema = z.object({ following: z.boolean() }).meta({ id: 'BudgetRoundFollow' });


// ---- Checks of one setting against another (a schema alone cannot say them), as coded field
// errors: the API runs them when a round is created or edited, the round form before sending. ----

const err = (pointer: string, code: string, detail: string, extra: { min?: number; max?: number } = {}): FieldError => ({ pointer, in: 'body', code, ...extra, detail });

/** Each phase ends after the one before; the proposals phase ends in the future. */
export function scheduleProblems(s: Record<'proposals' | 'review' | 'voting' | 'results', string>, now = Date.now()): FieldError[] {
  const order = ['proposals', 'review', 'voting', 'results'] as const;
  const out: FieldError[] = [];
  for (let i = 1; i < order.length; i++) {
    const [a, b] = [order[i - 1]!, order[i]!];
    if (Date.parse(s[b]) <= Date.parse(s[a])) out.push(err(`/schedule/${b}`, 'range_reversed', `The ${b} phase must end after the ${a} phase.`));
  }
  if (Date.parse(s.proposals) <= now) out.push(err('/schedule/proposals', 'too_small', 'The proposals phase must end in the future.'));
  return out;
}

/** District codes are unique within a round. */
export function districtProblems(districts: readonly { code: string }[]): FieldError[] {
  const codes = districts.map((d) => d.code);
  return codes.flatMap((code, i) => (codes.indexOf(code) !== i ? [err(`/districts/${i}/code`, 'duplicate', 'District codes must be unique.')] : []));
}

/** Lower limits of a ballot not above its upper limits. */
export function ballotProblems(b: RoundBallotSettings): FieldError[] {
  const out: FieldError[] = [];
  const pair = (lo: number | undefined, hi: number | undefined, hiName: string) => {
    if (lo !== undefined && hi !== undefined && lo > hi) out.push(err(`/ballot/${hiName}`, 'too_small', `Must be at least ${lo}.`, { min: lo }));
  };
  switch (b.kind) {
    case 'approval':
    case 'knapsack':
      pair(b.minProjects, b.maxProjects, 'maxProjects');
      break;
    case 'cumulative':
      pair(b.minProjects, b.maxProjects, 'maxProjects');
      pair(b.minSumPoints, b.maxSumPoints, 'maxSumPoints');
      if (b.maxPointsPerProject !== undefined && b.maxPointsPerProject > b.maxSumPoints) {
        out.push(err('/ballot/maxPointsPerProject', 'too_big', `Must be at most ${b.maxSumPoints}.`, { max: b.maxSumPoints }));
      }
      break;
    case 'ordinal':
      pair(b.minRank, b.maxRank, 'maxRank');
      break;
    case 'choose-one':
      break;
  }
  return out;
}
