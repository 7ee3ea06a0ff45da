/**
 * Records → API shapes, and who may do what. Comment bodies hidden or removed by moderation are
 * blanked for everyone but their author and the people who moderate them.
 */
import { anchorLabel, articleLabelOf, comparisonTable, diffText, findArticle, type Draft } from '../../domain/consultations';
import type { SessionUser } from '../platform/auth/users';
import { type CommentRecord, type ConsultationRecord, effectiveState, isOverdue } from './db';
import type { CommentView, ConsultationDetail, ConsultationSummary } from './schemas';

/** Staff of the issuing agency (officers and supervisors). */
export function isAgencyStaff(user: SessionUser | null, c: Pick<ConsultationRecord, 'agencyId'>): boolean {
  return user !== null && (user.role === 'officer' || user.role === 'supervisor') && user.agencyId === c.agencyId;
}

/** Moderators of a consultation's comments: its agency's staff, managers and admins. */
export function isModerator(user: SessionUser | null, c: Pick<ConsultationRecord, 'agencyId'>): boolean {
  return user !== null && (isAgencyStaff(user, c) || user.role === 'manager' || user.role === 'admin');
}

export function toSummary(c: ConsultationRecord, nowIso: string): ConsultationSummary {
  return {
    id: c.id,
    agencyId: c.agencyId,
    agencyNameZh: c.agencyNameZh,
    agencyNameEn: c.agencyNameEn,
    title: c.title,
    state: effectiveState(c, nowIso),
    draftKind: c.draftKind,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    urgencyReason: c.urgencyReason,
    responseDueAt: c.responseDueAt,
    responseState: c.responseState,
    overdue: isOverdue(c, nowIso),
    reportPublishedAt: c.reportPublishedAt,
    comments: c.comments,
  };
}

export function comparisonRows(draft: Draft): ConsultationDetail['table'] {
  const table = comparisonTable(draft);
  return table.rows.map((row) => {
    const article = findArticle(draft, row.number)!;
    return {
      number: row.number,
      label: row.label,
      anchor: row.anchor,
      ...(row.title !== undefined ? { title: row.title } : {}),
      status: row.status,
      amended: row.amended,
      current: row.current,
      ...(row.currentNumber !== undefined ? { currentNumber: row.currentNumber } : {}),
      ...(row.explanation !== undefined ? { explanation: row.explanation } : {}),
      changes: row.changes.map((s) => ({ op: s.op, text: s.text })),
      ...(row.chapter ? { chapter: { label: row.chapter.label, title: row.chapter.title } } : {}),
      paragraphs: article.paragraphs.map((p) => ({ anchor: p.anchor, start: p.start, end: p.end })),
    };
  });
}

export function toDetail(c: ConsultationRecord, nowIso: string, following: boolean): ConsultationDetail {
  return {
    ...toSummary(c, nowIso),
    legalBasis: c.legalBasis,
    summary: c.summary,
    contact: c.contact,
    attachments: c.attachments,
    identityLevel: c.identityLevel,
    commentPeriod: c.commentPeriod,
    responsePeriod: c.responsePeriod,
    draftTitle: c.draft.title ?? null,
    generalExplanation: c.draft.generalExplanation ?? null,
    table: comparisonRows(c.draft),
    following,
    workflowStarted: c.workflowStartedAt !== null,
  };
}

/**
 * `staff`: the viewer moderates this consultation (sees hidden bodies and unpublished answers).
 * Dispositions are public once the report is published.
 */
export function toCommentView(
  k: CommentRecord,
  draft: Draft,
  viewer: SessionUser | null,
  opts: { staff: boolean; reportPublished: boolean },
): CommentView {
  const moderator = opts.staff;
  const mine = viewer !== null && viewer.id === k.authorId;
  const readable = k.moderation === 'visible' || mine || moderator;
  const article = k.article !== null ? findArticle(draft, k.article) : undefined;
  return {
    id: k.id,
    consultationId: k.consultationId,
    parentId: k.parentId,
    article: k.article,
    // The citation of what the comment targets: 第三條, or 第三條第一項第二款第二目 for a passage.
    articleLabel: k.anchor !== null ? anchorLabel(k.anchor) : k.article !== null ? articleLabelOf(k.article) : null,
    anchor: k.anchor,
    passage: k.passage,
    proposedText: readable ? k.proposedText : null,
    proposedChanges:
      readable && k.proposedText !== null && article
        ? diffText(article.text, k.proposedText).map((s) => ({ op: s.op, text: s.text }))
        : null,
    body: readable ? k.body : '',
    authorName: viewer !== null && readable ? k.authorName : null,
    mine,
    submittedAt: k.submittedAt,
    moderation: k.moderation,
    moderationReason: k.moderation === 'removed' ? k.moderationReason : null,
    supports: k.supports,
    supportedByMe: k.supportedByViewer,
    disposition:
      (opts.reportPublished || opts.staff) && k.dispositionId !== null && k.outcome !== null
        ? { id: k.dispositionId, outcome: k.outcome, reason: k.dispositionReason ?? '', groupSize: k.groupSize, decidedAt: k.dispositionAt! }
        : null,
  };
}
