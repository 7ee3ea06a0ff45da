/**
 * The edge's side of counting off the Worker: what the count activity may read (the round's
 * settings, its accepted projects and its ballot box, page by page, once voting has closed) and
 * how its results are checked and stored once per round.
 */
import { z } from 'zod';
import type { CountResultsAnswer, CountResultsPart, CountRoundInfo } from '../../workflows/budget-round/contract';
import { type FieldError, fail } from '../platform/problem';
import { type RoundRecord, type ResultRecord, addResultPart, findRoundCount, listDistricts, pageAcceptedProjects, readResultText, storeRoundCount } from './db';
import { requirePhase } from './rounds';
import { DistrictCodeSchema, ProjectIdSchema, TallyRuleSchema } from './schemas';

/** The box is read only after voting: during voting a read would be a partial tally. */
export const countable = ['tallying', 'results', 'implementation'] as const;

export async function countRoundInfo(db: D1Database, round: RoundRecord): Promise<CountRoundInfo> {
  requirePhase(round, countable, 'Counting');
  const districts = await listDistricts(db, round.id);
  return {
    roundId: round.id,
    phase: round.phase,
    rule: round.rule,
    ballotKind: round.ballot.kind,
    minProjectScore: round.minProjectScore,
    districts: districts.map((d) => ({ code: d.code, budget: d.budget })),
  };
}

const StoredResultSchema = z.strictObject({
  districtCode: DistrictCodeSchema,
  rule: TallyRuleSchema,
  ballots: z.int().min(0),
  selected: z.array(ProjectIdSchema),
  totalCost: z.int().min(0),
  explanation: z.record(z.string(), z.unknown()),
});
const ResultsTextSchema = z.strictObject({ districts: z.array(StoredResultSchema).min(1).max(50) });

/**
 * Stores a part of a count's results. The results of a round are stored once: a part of the
 * count already stored is answered `{stored: false, complete: true}`; a different count for a
 * round already counted is refused (409), which would mean the count is not deterministic.
 */
export async function receiveResults(db: D1Database, round: RoundRecord, p: CountResultsPart, now = new Date()): Promise<CountResultsAnswer> {
  const done = await findRoundCount(db, round.id);
  if (done) {
    if (done.countId !== p.countId) fail(409, 'results-already-stored', `Round ${round.id} was counted with other results (${done.countId}).`);
    return { stored: false, complete: true };
  }
  requirePhase(round, ['tallying'], 'Storing results');
  if (p.part >= p.parts) fail(422, 'validation', 'The request body is not valid.', { errors: [{ pointer: '/part', in: 'body', code: 'too_big', detail: 'part must be below parts.' }] });
  const at = now.toISOString();
  let text = p.chunk;
  if (p.parts > 1) {
    const received = await addResultPart(db, { roundId: round.id, countId: p.countId, part: p.part, parts: p.parts, chunk: p.chunk, at });
    if (received < p.parts) return { stored: false, complete: false };
    text = await readResultText(db, round.id, p.countId, p.parts);
  }
  const results = await checkResults(db, round, text);
  const stored = await storeRoundCount(db, { roundId: round.id, countId: p.countId, parts: p.parts, at }, results);
  return { stored, complete: true };
}

/** The assembled text must be the round's results: its rule, each district once, funded projects of that district within its budget. */
async function checkResults(db: D1Database, round: RoundRecord, text: string): Promise<ResultRecord[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail(422, 'invalid-results', 'The results are not JSON.');
  }
  const parsed = ResultsTextSchema.safeParse(json);
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((i) => ({ pointer: `/chunk/${i.path.join('/')}`, in: 'body', code: 'invalid', detail: i.message }));
    fail(422, 'invalid-results', 'The results do not have the expected shape.', { errors });
  }
  const [districts, accepted] = await Promise.all([listDistricts(db, round.id), pageAcceptedProjects(db, round.id, null, 100_000)]);
  const projects = new Map(accepted.map((p) => [`${p.districtCode}/${p.id}`, p]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  parsed.data.districts.forEach((r, i) => {
    const at = (field: string) => `/chunk/districts/${i}/${field}`;
    const district = districts.find((d) => d.code === r.districtCode);
    if (!district || seen.has(r.districtCode)) errors.push({ pointer: at('districtCode'), in: 'body', code: 'invalid', detail: `Not a district of the round, or twice: ${r.districtCode}.` });
    seen.add(r.districtCode);
    if (r.rule !== round.rule) errors.push({ pointer: at('rule'), in: 'body', code: 'invalid', detail: `The round is counted with ${round.rule}.` });
    let cost = 0;
    for (const id of r.selected) {
      const project = projects.get(`${r.districtCode}/${id}`);
      if (!project) errors.push({ pointer: at('selected'), in: 'body', code: 'invalid', detail: `${id} is not an accepted project of district ${r.districtCode}.` });
      else cost += project.cost;
    }
    if (cost !== r.totalCost) errors.push({ pointer: at('totalCost'), in: 'body', code: 'invalid', detail: `The funded projects cost ${cost}, not ${r.totalCost}.` });
    if (district && r.totalCost > district.budget) errors.push({ pointer: at('totalCost'), in: 'body', code: 'too_big', detail: `Over the district's budget ${district.budget}.` });
  });
  for (const d of districts) if (!seen.has(d.code)) errors.push({ pointer: '/chunk/districts', in: 'body', code: 'invalid', detail: `District ${d.code} has no result.` });
  if (errors.length) fail(422, 'invalid-results', 'The results do not fit the round.', { errors });
  return parsed.data.districts;
}
