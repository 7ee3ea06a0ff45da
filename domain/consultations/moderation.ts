/**
 * Community moderation of comments: a comment reported by at least `threshold` distinct people
 * (default 3) is hidden pending a moderator's decision; the moderator restores or removes it.
 *
 * The state is replayed from the reports and decisions (events in time order; at the same instant
 * reports come first, so a decision is taken with them in view; otherwise input order):
 *   - A report counts once per reporter. Reports by the comment's author are ignored.
 *   - visible → hidden when the distinct reporters counted reach the threshold.
 *   - restore → visible. The reporters counted so far have been answered and never count again;
 *     only new reporters after the restore count towards hiding it again.
 *   - remove → removed (final unless a later restore, e.g. on appeal). Reports while removed are
 *     answered by the removal.
 * A restore when the comment is visible changes nothing ({@link checkModeratorDecision} refuses it).
 */

export const DEFAULT_REPORT_THRESHOLD = 3;

export type ModerationStatus = 'visible' | 'hidden' | 'removed';

export interface CommentReport {
  readonly reporterId: string;
  readonly atMs: number;
}

export type ModeratorAction = 'restore' | 'remove';

export interface ModeratorDecision {
  readonly action: ModeratorAction;
  readonly moderatorId: string;
  readonly atMs: number;
  /** Required for a removal (shown to the author). */
  readonly reason?: string;
}

export interface ModerationInput {
  readonly reports: readonly CommentReport[];
  readonly decisions?: readonly ModeratorDecision[];
  /** Distinct reporters that hide a comment; an integer >= 1, default 3. */
  readonly threshold?: number;
  /** The comment's author: their own reports do not count. */
  readonly authorId?: string;
}

export interface ModerationState {
  readonly status: ModerationStatus;
  /** Distinct reporters counting towards the threshold now (not yet answered by a decision). */
  readonly pendingReporters: number;
  /** When the comment was last hidden by reports, `null` if it is not hidden. */
  readonly hiddenAtMs: number | null;
  /** The last decision that changed the status, if any. */
  readonly lastDecision: ModeratorDecision | null;
}

function checkThreshold(threshold: number): void {
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`Report threshold must be an integer >= 1, got ${threshold}.`);
  }
}

type Event = { readonly kind: 0; readonly report: CommentReport; readonly order: number } | { readonly kind: 1; readonly decision: ModeratorDecision; readonly order: number };

function atOf(e: Event): number {
  return e.kind === 0 ? e.report.atMs : e.decision.atMs;
}

/** Replays reports and decisions into the current moderation state. */
export function moderationState(input: ModerationInput): ModerationState {
  const threshold = input.threshold ?? DEFAULT_REPORT_THRESHOLD;
  checkThreshold(threshold);
  const events: Event[] = [
    ...input.reports.map((report, order): Event => ({ kind: 0, report, order })),
    ...(input.decisions ?? []).map((decision, order): Event => ({ kind: 1, decision, order })),
  ];
  events.sort((x, y) => atOf(x) - atOf(y) || x.kind - y.kind || x.order - y.order);

  let status: ModerationStatus = 'visible';
  let hiddenAtMs: number | null = null;
  let lastDecision: ModeratorDecision | null = null;
  const pending = new Set<string>();
  const answered = new Set<string>();
  for (const e of events) {
    if (e.kind === 0) {
      const { reporterId, atMs } = e.report;
      if (reporterId === input.authorId || answered.has(reporterId) || pending.has(reporterId)) continue;
      if (status === 'removed') {
        answered.add(reporterId);
        continue;
      }
      pending.add(reporterId);
      if (status === 'visible' && pending.size >= threshold) {
        status = 'hidden';
        hiddenAtMs = atMs;
      }
      continue;
    }
    const { decision } = e;
    if (decision.action === 'restore' && status === 'visible') continue;
    if (decision.action === 'remove' && status === 'removed') continue;
    for (const r of pending) answered.add(r);
    pending.clear();
    status = decision.action === 'restore' ? 'visible' : 'removed';
    hiddenAtMs = null;
    lastDecision = decision;
  }
  return { status, pendingReporters: pending.size, hiddenAtMs, lastDecision };
}

export type ModeratorDecisionErrorCode = 'nothing_to_restore' | 'already_removed' | 'reason_required';

/** Whether a moderator may take `decision` on a comment in `state`; `null` when allowed. */
export function checkModeratorDecision(
  state: Pick<ModerationState, 'status'>,
  decision: Pick<ModeratorDecision, 'action' | 'reason'>,
): ModeratorDecisionErrorCode | null {
  if (decision.action === 'restore') return state.status === 'visible' ? 'nothing_to_restore' : null;
  if (state.status === 'removed') return 'already_removed';
  return (decision.reason ?? '').trim() === '' ? 'reason_required' : null;
}
