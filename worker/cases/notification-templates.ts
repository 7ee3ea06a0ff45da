import { type CaseEventType, caseEventTypes } from '../../workflows/case/contract';
import type { NotificationRenderer } from '../platform/notifications/renderers';
import type { Locale } from '../platform/auth/users';

export interface TemplateParams {
  caseId: string;
  caseSubject: string;
  resolutionDue: string | null;
  ackDue: string | null;
  supplementDue: string | null;
  message: string | null;
  level: string | null;
  link: string;
}

interface Rendered {
  subject: string;
  body: string;
}

type Template = (p: TemplateParams) => Rendered;

const zh: Partial<Record<CaseEventType, Template>> = {
  deadlines_computed: (p) => ({
    subject: `案件 ${p.caseId} 已收件`,
    body: `您的案件「${p.caseSubject}」已收件。機關應於 ${p.ackDue} 前確認受理，並於 ${p.resolutionDue} 前答復。`,
  }),
  deadlines_moved: (p) => ({
    subject: `案件 ${p.caseId} 期限順延`,
    body: `因辦公日曆異動或停止上班，案件「${p.caseSubject}」的期限順延：受理期限 ${p.ackDue}，答復期限 ${p.resolutionDue}。`,
  }),
  accepted: (p) => ({ subject: `案件 ${p.caseId} 已受理`, body: `您的案件「${p.caseSubject}」已由承辦機關受理。` }),
  assigned: (p) => ({ subject: `您被指派案件 ${p.caseId}`, body: `案件「${p.caseSubject}」已指派給您，答復期限 ${p.resolutionDue}。` }),
  ack_overdue: (p) => ({ subject: `案件 ${p.caseId} 逾期未受理`, body: `案件「${p.caseSubject}」已超過受理期限 ${p.ackDue}（逾期），請儘速受理並督導處理。` }),
  supplement_requested: (p) => ({
    subject: `案件 ${p.caseId} 請補正資料`,
    body: `承辦機關請您於 ${p.supplementDue} 前補正：${p.message ?? ''}\n補正期間處理期限暫停計算。`,
  }),
  supplement_reminder: (p) => ({ subject: `提醒：案件 ${p.caseId} 補正期限將至`, body: `請於 ${p.supplementDue} 前補正案件「${p.caseSubject}」所需資料。` }),
  supplement_overdue: (p) => ({ subject: `案件 ${p.caseId} 民眾逾期未補正`, body: `案件「${p.caseSubject}」補正期限已過，請決定後續處理。` }),
  supplement_received: (p) => ({ subject: `案件 ${p.caseId} 已收到補正`, body: `民眾已補正，處理期限恢復計算，新期限為 ${p.resolutionDue}。` }),
  extended: (p) => ({ subject: `案件 ${p.caseId} 處理期限延長`, body: `承辦機關依法延長處理期限一次，新期限為 ${p.resolutionDue}。理由：${p.message ?? ''}` }),
  transferred: (p) => ({ subject: `案件 ${p.caseId} 已移送主管機關`, body: `您的案件「${p.caseSubject}」已移送主管機關辦理，您無須重新申請；答復期限仍為 ${p.resolutionDue}。` }),
  sla_warning: (p) => ({ subject: `案件 ${p.caseId} 處理時間已用 ${p.level}%`, body: `案件「${p.caseSubject}」答復期限 ${p.resolutionDue}，請注意時效。` }),
  sla_breached: (p) => ({ subject: `案件 ${p.caseId} 已逾期`, body: `案件「${p.caseSubject}」已超過答復期限 ${p.resolutionDue}，請督導處理。` }),
  sla_escalated: (p) => ({ subject: `案件 ${p.caseId} 逾期仍未答復（第 ${p.level} 次催辦）`, body: `案件「${p.caseSubject}」逾期仍未答復，請督導處理。` }),
  replied: (p) => ({ subject: `案件 ${p.caseId} 已答復`, body: `您的案件「${p.caseSubject}」已答復：\n${p.message ?? ''}` }),
  reopened: (p) => ({ subject: `案件 ${p.caseId} 重新處理`, body: `案件「${p.caseSubject}」已重新處理，新期限 ${p.resolutionDue}。` }),
  not_processed: (p) => ({ subject: `案件 ${p.caseId} 依法不予處理`, body: `您的案件「${p.caseSubject}」依行政程序法第 173 條不予處理。` }),
};

const en: Partial<Record<CaseEventType, Template>> = {
  deadlines_computed: (p) => ({
    subject: `Case ${p.caseId} received`,
    body: `Your case "${p.caseSubject}" was received. The agency must acknowledge it by ${p.ackDue} and answer by ${p.resolutionDue}.`,
  }),
  deadlines_moved: (p) => ({
    subject: `Case ${p.caseId}: deadlines moved`,
    body: `Because of a change to the office calendar or an office closure, the deadlines of "${p.caseSubject}" moved: acknowledgement by ${p.ackDue}, answer by ${p.resolutionDue}.`,
  }),
  accepted: (p) => ({ subject: `Case ${p.caseId} accepted`, body: `Your case "${p.caseSubject}" was accepted by the agency.` }),
  assigned: (p) => ({ subject: `Case ${p.caseId} assigned to you`, body: `"${p.caseSubject}" is yours; answer due ${p.resolutionDue}.` }),
  ack_overdue: (p) => ({ subject: `Case ${p.caseId} not acknowledged in time`, body: `"${p.caseSubject}" passed its acknowledgement deadline ${p.ackDue}: a breach. Please acknowledge it now.` }),
  supplement_requested: (p) => ({
    subject: `Case ${p.caseId}: please supply more information`,
    body: `Please reply by ${p.supplementDue}: ${p.message ?? ''}\nThe processing clock is paused until then.`,
  }),
  supplement_reminder: (p) => ({ subject: `Reminder: case ${p.caseId} needs your reply`, body: `Please supply the requested information by ${p.supplementDue}.` }),
  supplement_overdue: (p) => ({ subject: `Case ${p.caseId}: supplement overdue`, body: `The citizen did not supply the information for "${p.caseSubject}" in time.` }),
  supplement_received: (p) => ({ subject: `Case ${p.caseId}: supplement received`, body: `The clock runs again; the new deadline is ${p.resolutionDue}.` }),
  extended: (p) => ({ subject: `Case ${p.caseId}: deadline extended`, body: `The agency extended the deadline once, to ${p.resolutionDue}. Reason: ${p.message ?? ''}` }),
  transferred: (p) => ({ subject: `Case ${p.caseId} transferred`, body: `Your case "${p.caseSubject}" went to the competent agency. You need not file again; the answer is still due ${p.resolutionDue}.` }),
  sla_warning: (p) => ({ subject: `Case ${p.caseId}: ${p.level}% of the time used`, body: `"${p.caseSubject}" is due ${p.resolutionDue}.` }),
  sla_breached: (p) => ({ subject: `Case ${p.caseId} is overdue`, body: `"${p.caseSubject}" passed its deadline ${p.resolutionDue}.` }),
  sla_escalated: (p) => ({ subject: `Case ${p.caseId} still overdue (reminder ${p.level})`, body: `"${p.caseSubject}" is still unanswered.` }),
  replied: (p) => ({ subject: `Case ${p.caseId} answered`, body: `Your case "${p.caseSubject}" was answered:\n${p.message ?? ''}` }),
  reopened: (p) => ({ subject: `Case ${p.caseId} reopened`, body: `"${p.caseSubject}" was reopened; new deadline ${p.resolutionDue}.` }),
  not_processed: (p) => ({ subject: `Case ${p.caseId} not processed`, body: `Your case "${p.caseSubject}" is not processed under Art. 173 of the Administrative Procedure Act.` }),
};

/** Null when the event kind has no message (the timeline still shows it). */
export function renderNotification(kind: string, locale: Locale, p: TemplateParams): Rendered | null {
  const t = (locale === 'en' ? en : zh)[kind as CaseEventType];
  if (!t) return null;
  const r = t(p);
  return { subject: r.subject, body: `${r.body}\n\n${p.link}` };
}

/** The inbox's renderer for case notifications (stored params, no link: the inbox links itself). */
export const renderStoredCaseNotification: NotificationRenderer = (kind, locale, params) =>
  (caseEventTypes as readonly string[]).includes(kind)
    ? renderNotification(kind as CaseEventType, locale, { ...(params as unknown as TemplateParams), link: '' })
    : null;
