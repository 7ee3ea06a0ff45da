/**
 * Consultations on draft regulations (法規預告 / 眾開講): draft import, anchors and passages,
 * the 條文對照表 diff, comment period rules, dispositions, moderation and the summary report.
 * Pure and deterministic (no I/O, no clock, no Node built-ins).
 */
export { fail, ok } from './result';
export type { Result } from './result';

export {
  CHINESE_NUMERAL_MAX,
  formatChineseNumeral,
  parseArabicNumeral,
  parseChineseNumeral,
  parseNumeral,
} from './chinese-numerals';

export {
  articleLabel,
  articleLabelOf,
  compareArticleNumbers,
  formatArticleNumber,
  parseArticleLabel,
  parseArticleNumber,
} from './article-number';
export type { ArticleNumber } from './article-number';

export type {
  ArticleStatus,
  Draft,
  DraftArticle,
  DraftChapter,
  DraftHeading,
  DraftItem,
  DraftKind,
  DraftParagraph,
  DraftSubparagraph,
  TextRange,
} from './draft';

export { draftImportErrorCodes } from './draft-import-errors';
export type { DraftImportError, DraftImportErrorCode } from './draft-import-errors';
export { BLOCK_MARKER_NAMES } from './draft-lines';
export { parseDraft } from './draft-import';
export type { ParseDraftOptions } from './draft-import';

export {
  anchorLabel,
  articleAnchor,
  articleAnchors,
  findArticle,
  formatAnchor,
  innermostAnchor,
  parseAnchor,
  resolveAnchor,
} from './anchors';
export type { AnchorTarget, ParsedAnchor } from './anchors';

export { passageErrorCodes, selectPassage } from './passage';
export type { Passage, PassageError, PassageErrorCode, PassageSelection } from './passage';

export { diffNewText, diffOldText, diffStats, diffText, renderDiffInline, tokenizeForDiff } from './text-diff';
export type { DiffOp, DiffSegment, DiffStats } from './text-diff';

export { comparisonTable } from './comparison-table';
export type { ComparisonRow, ComparisonTable } from './comparison-table';

export { proposeArticleText, proposePassageReplacement } from './alternative-wording';
export type { AlternativeWording } from './alternative-wording';

export {
  DEFAULT_COMMENT_PERIOD,
  MINIMUM_COMMENT_DAYS,
  acceptsCommentAt,
  commentPeriod,
  commentPeriodErrorCodes,
  commentPeriodPhase,
} from './comment-period';
export type {
  CommentAcceptance,
  CommentPeriod,
  CommentPeriodError,
  CommentPeriodErrorCode,
  CommentPeriodInput,
  CommentPeriodPhase,
} from './comment-period';

export { DEFAULT_RESPONSE_PERIOD, responseDeadline, responseStateAt } from './response-deadline';
export type { ResponseDeadline, ResponseDeadlineInput } from './response-deadline';

export { moderationOf } from './comments';
export type { ConsultationComment } from './comments';

export { DEFAULT_REPORT_THRESHOLD, checkModeratorDecision, moderationState } from './moderation';
export type {
  CommentReport,
  ModerationInput,
  ModerationState,
  ModerationStatus,
  ModeratorAction,
  ModeratorDecision,
  ModeratorDecisionErrorCode,
} from './moderation';

export {
  DISPOSITION_OUTCOME_NAMES_ZH,
  DISPOSITION_REASON_MIN_LENGTH,
  commentFingerprint,
  dispositionErrorCodes,
  dispositionOutcomes,
  dispositionsByComment,
  groupIdenticalComments,
  isDispositionOutcome,
  reasonLength,
  validateDisposition,
  validateDispositions,
} from './dispositions';
export type {
  Disposition,
  DispositionError,
  DispositionErrorCode,
  DispositionOutcome,
  DispositionRules,
} from './dispositions';

export { canPublishReport, dispositionProgress } from './disposition-progress';
export type { ArticleProgress, DispositionProgress, PublishCheck } from './disposition-progress';

export { buildConsultationReport } from './summary-report';
export type { ConsultationReport, ConsultationReportInput, ReportArticle, ReportComment } from './summary-report';
