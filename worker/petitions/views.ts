/** Who may see what of a petition, and its API shapes (summary, detail). */
import { meetsLevel } from '../platform/identity';
import { progressTowards } from '../../domain/petitions/threshold';
import type { SessionUser } from '../platform/auth/users';
import type { AppContext } from '../platform/env';
import { fail } from '../platform/problem';
import { type PetitionRecord, dailyCounts, findEndorsement, findPetition, getSettings, listPetitionEvents, publicStates } from './db';
import type { PetitionDetail, PetitionSummary } from './schemas';

export const isReviewer = (u: SessionUser | null) => u?.role === 'manager' || u?.role === 'admin';

/** Public once published; before that (and when rejected) only the proposer and reviewers. */
export function canSee(user: SessionUser | null, p: PetitionRecord): boolean {
  if (publicStates.includes(p.state)) return true;
  return user !== null && (user.id === p.proposerId || isReviewer(user));
}

export async function loadVisiblePetition(c: AppContext, id: string): Promise<PetitionRecord> {
  const p = await findPetition(c.env.DB, id);
  if (!p || !canSee(c.get('user'), p)) fail(404, 'petition-not-found', `No petition ${id} is visible to you.`);
  return p;
}

export function toSummary(p: PetitionRecord): PetitionSummary {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    state: p.state,
    agencyId: p.agencyId,
    publishedAt: p.publishedAt,
    windowEndsAt: p.windowEndsAt,
    threshold: p.threshold,
    // Always the live exact count of valid endorsers (the count that decided is `finalCount`).
    endorsements: p.endorsements,
    responseDueAt: p.responseDueAt,
    responseOverdue: p.responseOverdue,
    extended: p.extended,
    respondedAt: p.respondedAt,
    respondedOnTime: p.respondedOnTime,
  };
}

export async function petitionDetail(c: AppContext, p: PetitionRecord): Promise<PetitionDetail> {
  const user = c.get('user');
  const [timeline, daily, mine, settings] = await Promise.all([
    listPetitionEvents(c.env.DB, p.id),
    dailyCounts(c.env.DB, p.id),
    user ? findEndorsement(c.env.DB, p.id, user.id) : Promise.resolve(null),
    user ? getSettings(c.env.DB) : Promise.resolve(null),
  ]);
  const summary = toSummary(p);
  return {
    ...summary,
    body: p.body,
    submittedAt: p.submittedAt,
    reviewDueAt: p.reviewDueAt,
    reviewOverdue: p.reviewOverdue,
    passedAt: p.passedAt,
    endedAt: p.endedAt,
    finalCount: p.finalCount,
    originalResponseDueAt: p.originalResponseDueAt,
    extensionReason: p.extensionReason,
    response: p.response,
    meeting: p.meeting,
    rejectionGround: p.rejectionGround,
    rejectionMessage: user && (user.id === p.proposerId || isReviewer(user)) ? p.rejectionMessage : null,
    duplicateOf: p.duplicateOf,
    closedAt: p.closedAt,
    workflowStarted: p.workflowStartedAt !== null,
    isProposer: user?.id === p.proposerId,
    progressPercent: progressTowards(summary.endorsements, p.threshold).percent,
    daily,
    viewer: user
      ? {
          endorsement: mine?.state ?? null,
          awaitingConfirmation: mine?.state === 'pending' && mine.confirmBy !== null,
          follows: mine?.follow ?? false,
          // Below the level, the settings may still let them endorse pending an e-mailed confirmation.
          canEndorse:
            user.role === 'citizen' &&
            p.state === 'open' &&
            (meetsLevel(user.identityLevel, p.endorseLevel) || (settings !== null && settings.emailConfirmation !== 'off')),
        }
      : null,
    timeline,
  };
}
