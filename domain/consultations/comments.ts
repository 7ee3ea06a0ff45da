/** A public comment on a draft, as the domain functions see it. */
import type { ModerationStatus } from './moderation';

export interface ConsultationComment {
  readonly id: string;
  /** Normalized article number (`"12-1"`), or `null` for a comment on the draft as a whole. */
  readonly article: string | null;
  /** The anchor targeted (`a12-1/p2`), when narrower than the article. */
  readonly anchor?: string;
  readonly body: string;
  /** Server receipt instant (epoch ms). */
  readonly submittedAt?: number;
  /** From {@link moderationState}; default `visible`. */
  readonly moderation?: ModerationStatus;
}

export function moderationOf(comment: ConsultationComment): ModerationStatus {
  return comment.moderation ?? 'visible';
}
