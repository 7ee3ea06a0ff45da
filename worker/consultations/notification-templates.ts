/**
 * What consultation notifications say, in zh-TW and English. Stored params are rendered at read
 * time by the inbox (registerNotificationRenderer) and once for e-mails.
 */
import type { Locale } from '../platform/auth/users';
import type { NotificationRenderer, RenderedNotification } from '../platform/notifications/renderers';

export const consultationNotificationKinds = [
  'consultation_opened',
  'consultation_closed',
  'consultation_response_warning',
  'consultation_response_overdue',
  'consultation_report_published',
] as const;
export type ConsultationNotificationKind = (typeof consultationNotificationKinds)[number];

export interface ConsultationTemplateParams {
  consultationId: string;
  title: string;
  /** Taipei date of the response deadline, when known. */
  responseDue: string | null;
  level: string | null;
}

type Template = (p: ConsultationTemplateParams) => RenderedNotification;

const zh: Record<ConsultationNotificationKind, Template> = {
  consultation_opened: (p) => ({ subject: `法規預告「${p.title}」開放留言`, body: `您關注的法規預告「${p.title}」已開放民眾提出意見。` }),
  consultation_closed: (p) => ({
    subject: `法規預告「${p.title}」意見徵集已截止`,
    body: `「${p.title}」已截止收受意見。機關應於 ${p.responseDue ?? '期限內'} 前逐則回應並公布處理情形。`,
  }),
  consultation_response_warning: (p) => ({
    subject: `法規預告「${p.title}」回應期限已用 ${p.level}%`,
    body: `「${p.title}」的意見處理情形應於 ${p.responseDue ?? ''} 前公布，請儘速完成逐則回應。`,
  }),
  consultation_response_overdue: (p) => ({
    subject: `法規預告「${p.title}」逾期未公布處理情形`,
    body: `「${p.title}」已超過回應期限 ${p.responseDue ?? ''}，仍未公布意見處理情形，請督導處理。`,
  }),
  consultation_report_published: (p) => ({
    subject: `法規預告「${p.title}」已公布意見處理情形`,
    body: `機關已公布「${p.title}」每則意見的處理情形與理由。`,
  }),
};

const en: Record<ConsultationNotificationKind, Template> = {
  consultation_opened: (p) => ({ subject: `Consultation "${p.title}" is open`, body: `The consultation you follow, "${p.title}", now accepts comments.` }),
  consultation_closed: (p) => ({
    subject: `Consultation "${p.title}" closed`,
    body: `"${p.title}" no longer accepts comments. The agency must answer every comment and publish its report by ${p.responseDue ?? 'the deadline'}.`,
  }),
  consultation_response_warning: (p) => ({
    subject: `Consultation "${p.title}": ${p.level}% of the response time used`,
    body: `The report on "${p.title}" is due ${p.responseDue ?? ''}; answer the remaining comments.`,
  }),
  consultation_response_overdue: (p) => ({
    subject: `Consultation "${p.title}": report overdue`,
    body: `"${p.title}" passed its response deadline ${p.responseDue ?? ''} without a published report.`,
  }),
  consultation_report_published: (p) => ({
    subject: `Consultation "${p.title}": dispositions published`,
    body: `The agency published its answer to every comment on "${p.title}", with reasons.`,
  }),
};

export function isConsultationNotificationKind(kind: string): kind is ConsultationNotificationKind {
  return (consultationNotificationKinds as readonly string[]).includes(kind);
}

export function renderConsultationNotification(kind: ConsultationNotificationKind, locale: Locale, p: ConsultationTemplateParams): RenderedNotification {
  return (locale === 'en' ? en : zh)[kind](p);
}

export const renderStoredConsultationNotification: NotificationRenderer = (kind, locale, params) =>
  isConsultationNotificationKind(kind) ? renderConsultationNotification(kind, locale, params as unknown as ConsultationTemplateParams) : null;
