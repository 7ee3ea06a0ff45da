/**
 * Counting a round off the Worker: read the round's accepted projects and its ballot box from the
 * edge page by page, run domain/tally per district here (a Node process has no CPU limit), and
 * post the results back in as few signed calls as the edge's body limit allows.
 *
 * Idempotent: the reads change nothing, the count is deterministic, and the results carry the
 * SHA-256 of their own text as `countId`, so a retried attempt sends the very same parts and the
 * edge stores the round's results once. No Temporal import here: the activity injects the
 * heartbeat, and the API tests drive the same code against workerd.
 */
import type { BallotKind } from '../../domain/tally/ballot-validation';
import type { TallyRule } from '../../domain/tally/rules';
import { type CountBallot, type CountProject, type DistrictResult, countDistrict } from '../../domain/budgets/round-count';
import {
  type CountCursor,
  type CountPage,
  type CountPageRequest,
  type CountResultsAnswer,
  type CountResultsPart,
  type CountRoundInfo,
  type CountSummary,
  budgetInternalRoutes,
  countPageLimit,
} from './contract';

export type Post = (path: string, payload: unknown) => Promise<unknown>;

export interface CountOptions {
  /** Rows per page (≤ countPageLimit). */
  pageSize?: number;
  /** Characters of results text per part; each part's body stays under the edge's 64 KB limit. */
  partChars?: number;
  /** Called after every page and before each district's tally, so a stuck attempt is noticed. */
  heartbeat?: (progress: { pages: number; ballots: number }) => void;
}

/** JSON escapes a quote or backslash with one more character: 24,000 ASCII characters stay below 48 KB. */
export const DEFAULT_PART_CHARS = 24_000;
export const DEFAULT_PAGE_SIZE = 1_000;

export async function countRound(post: Post, roundId: string, options: CountOptions = {}): Promise<CountSummary> {
  const pageSize = Math.min(options.pageSize ?? DEFAULT_PAGE_SIZE, countPageLimit);
  const beat = options.heartbeat ?? (() => undefined);
  const round = (await post(budgetInternalRoutes.countRound, { roundId })) as CountRoundInfo;
  let pages = 0;
  let ballotCount = 0;

  async function readAll<T extends { districtCode: string }>(of: CountPageRequest['of'], add: (item: T) => void): Promise<void> {
    let after: CountCursor | null = null;
    do {
      const page = (await post(budgetInternalRoutes.countPage, { roundId, of, after, limit: pageSize } satisfies CountPageRequest)) as CountPage;
      for (const item of page.items) add(item as unknown as T);
      pages++;
      beat({ pages, ballots: ballotCount });
      after = page.next;
    } while (after);
  }

  const projects = new Map<string, CountProject[]>(round.districts.map((d) => [d.code, []]));
  const ballots = new Map<string, CountBallot[]>(round.districts.map((d) => [d.code, []]));
  let projectCount = 0;
  await readAll<{ id: string; districtCode: string; cost: number }>('projects', (p) => {
    projectCount++;
    projects.get(p.districtCode)?.push({ id: p.id, cost: p.cost });
  });
  await readAll<{ districtCode: string; projects: string[]; points: number[] | null }>('ballots', (b) => {
    ballotCount++;
    ballots.get(b.districtCode)?.push({ projects: b.projects, points: b.points });
  });

  const settings = { rule: round.rule as TallyRule, ballotKind: round.ballotKind as BallotKind, minProjectScore: round.minProjectScore };
  const districts: DistrictResult[] = [];
  for (const d of round.districts) {
    beat({ pages, ballots: ballotCount });
    districts.push(countDistrict(settings, d, projects.get(d.code)!, ballots.get(d.code)!));
  }

  const text = asciiJson({ districts });
  const countId = await sha256Hex(text);
  const partChars = options.partChars ?? DEFAULT_PART_CHARS;
  const parts = Math.max(1, Math.ceil(text.length / partChars));
  let stored = false;
  let complete = false;
  for (let part = 0; part < parts && !complete; part++) {
    const body: CountResultsPart = { roundId, countId, part, parts, chunk: text.slice(part * partChars, (part + 1) * partChars) };
    const answer = (await post(budgetInternalRoutes.results, body)) as CountResultsAnswer;
    stored ||= answer.stored;
    // Stored earlier (a retry, or another attempt got there first): the rest is not needed.
    complete = answer.complete;
  }
  if (!complete) throw new Error(`The edge did not complete the results of round ${roundId} after ${parts} parts.`);
  return { districts: districts.length, projects: projectCount, ballots: ballotCount, pages, parts, stored };
}

/** JSON with every non-ASCII character escaped (\uXXXX), so slicing it never splits a character. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
