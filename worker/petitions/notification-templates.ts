/** E-mail and in-app texts of petition events, zh-TW and English side by side. */
import { type PetitionEventType, petitionEventTypes } from '../../workflows/petition/contract';
import type { Locale } from '../platform/auth/users';
import type { NotificationRenderer } from '../platform/notifications/renderers';

export interface PetitionTemplateParams {
  petitionId: string;
  title: string;
  due: string | null;
  level: string | null;
  message: string | null;
  count: string | null;
}

type Template = (p: PetitionTemplateParams) => { subject: string; body: string };

const zh: Record<PetitionEventType, Template> = {
  review_started: (p) => ({ subject: `提案「${p.title}」已送出審查`, body: `提案將於 ${p.due} 前完成審查。` }),
  review_warning: (p) => ({ subject: `提案審查時間已用 ${p.level}%`, body: `提案「${p.title}」應於 ${p.due} 前完成審查。` }),
  review_overdue: (p) => ({ subject: `提案「${p.title}」審查逾期`, body: `審查期限 ${p.due} 已過，請儘速審查。` }),
  published: (p) => ({ subject: `提案「${p.title}」已公開附議`, body: `附議期限至 ${p.due}。` }),
  rejected: (p) => ({ subject: `提案「${p.title}」未通過審查`, body: `理由：${p.message ?? ''}` }),
  window_rescheduled: (p) => ({ subject: `提案「${p.title}」附議期限調整`, body: `因平台暫停期間，附議期限順延至 ${p.due}。` }),
  passed: (p) => ({ subject: `提案「${p.title}」附議成功`, body: `已達 ${p.count} 份附議，將交由主管機關回應。` }),
  not_passed: (p) => ({ subject: `提案「${p.title}」附議未達門檻`, body: `附議期間結束，共 ${p.count} 份附議。` }),
  agency_assigned: (p) => ({ subject: `提案「${p.title}」已交主管機關`, body: `機關應於 ${p.due} 前逐點回應。` }),
  transferred: (p) => ({ subject: `提案「${p.title}」已移交其他機關`, body: `回應期限不變：${p.due}。` }),
  response_warning: (p) => ({ subject: `提案回應時間已用 ${p.level}%`, body: `提案「${p.title}」應於 ${p.due} 前回應。` }),
  response_overdue: (p) => ({ subject: `提案「${p.title}」機關回應逾期`, body: `回應期限 ${p.due} 已過，逾期情形已公開。` }),
  extended: (p) => ({ subject: `提案「${p.title}」回應期限延長`, body: `新期限 ${p.due}。理由：${p.message ?? ''}` }),
  responded: (p) => ({ subject: `提案「${p.title}」機關已回應`, body: `主管機關已公開逐點回應。` }),
  meeting_recorded: (p) => ({ subject: `提案「${p.title}」會議紀錄`, body: `機關已公開與提案人的會議紀錄。` }),
  closed: (p) => ({ subject: `提案「${p.title}」已結案`, body: `感謝您的參與。` }),
};

const en: Record<PetitionEventType, Template> = {
  review_started: (p) => ({ subject: `Petition "${p.title}" submitted for review`, body: `It will be reviewed by ${p.due}.` }),
  review_warning: (p) => ({ subject: `Petition review: ${p.level}% of the time used`, body: `"${p.title}" must be reviewed by ${p.due}.` }),
  review_overdue: (p) => ({ subject: `Petition "${p.title}": review overdue`, body: `The review deadline ${p.due} has passed.` }),
  published: (p) => ({ subject: `Petition "${p.title}" is open for endorsement`, body: `Endorsements close on ${p.due}.` }),
  rejected: (p) => ({ subject: `Petition "${p.title}" was not published`, body: `Reason: ${p.message ?? ''}` }),
  window_rescheduled: (p) => ({ subject: `Petition "${p.title}": endorsement window moved`, body: `Because of a quiet period, endorsements now close on ${p.due}.` }),
  passed: (p) => ({ subject: `Petition "${p.title}" passed`, body: `It reached ${p.count} endorsements and goes to the competent agency.` }),
  not_passed: (p) => ({ subject: `Petition "${p.title}" did not pass`, body: `The window closed with ${p.count} endorsements.` }),
  agency_assigned: (p) => ({ subject: `Petition "${p.title}" assigned to an agency`, body: `A point-by-point response is due by ${p.due}.` }),
  transferred: (p) => ({ subject: `Petition "${p.title}" transferred`, body: `The response is still due by ${p.due}.` }),
  response_warning: (p) => ({ subject: `Petition response: ${p.level}% of the time used`, body: `"${p.title}" must be answered by ${p.due}.` }),
  response_overdue: (p) => ({ subject: `Petition "${p.title}": response overdue`, body: `The response deadline ${p.due} has passed; this is now public.` }),
  extended: (p) => ({ subject: `Petition "${p.title}": response deadline extended`, body: `New deadline ${p.due}. Reason: ${p.message ?? ''}` }),
  responded: (p) => ({ subject: `Petition "${p.title}" answered`, body: `The agency published its point-by-point response.` }),
  meeting_recorded: (p) => ({ subject: `Petition "${p.title}": meeting recorded`, body: `The agency published the record of its meeting with the proposer.` }),
  closed: (p) => ({ subject: `Petition "${p.title}" closed`, body: `Thank you for taking part.` }),
};

export const PETITION_KIND_PREFIX = 'petition.';

export function renderPetitionNotification(kind: PetitionEventType, locale: Locale, p: PetitionTemplateParams) {
  return (locale === 'en' ? en : zh)[kind](p);
}

/** The inbox's renderer: petition kinds are stored as `petition.<event>` so no leg's kinds collide. */
export const renderStoredPetitionNotification: NotificationRenderer = (kind, locale, params) => {
  if (!kind.startsWith(PETITION_KIND_PREFIX)) return null;
  const event = kind.slice(PETITION_KIND_PREFIX.length);
  if (!(petitionEventTypes as readonly string[]).includes(event)) return null;
  return renderPetitionNotification(event as PetitionEventType, locale, params as unknown as PetitionTemplateParams);
};
