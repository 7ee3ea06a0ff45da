/**
 * What each role sees in the menu and where it lands after signing in. Pure (no DOM), so the
 * rules are unit-tested: a menu shows only what the role can use (supervisors and oversight
 * officers watch cases, they do not file for others).
 */
import type { User } from './api-types';
import type { PlatformMessageKey } from './messages';

export interface MenuItem {
  href: string;
  label: PlatformMessageKey;
}

const item = (href: string, label: PlatformMessageKey): MenuItem => ({ href, label });
const inbox = item('/inbox', 'navInbox');
const dashboard = item('/dashboard', 'navDashboard');
const escalations = item('/escalations', 'navEscalations');
const assisted = item('/assisted', 'navAssisted');
const accountability = item('/accountability', 'navAccountability');
const notifications = item('/notifications', 'navNotifications');
const account = item('/account', 'navAccount');
const petitions = item('/petitions', 'navPetitions');
const petitionReview = item('/petitions/review', 'navPetitionReview');
const petitionResponses = item('/petitions/responses', 'navPetitionResponses');
const consultations = item('/consultations', 'navConsultations');
const myComments = item('/consultations/my-comments', 'navMyConsultationComments');
const budgets = item('/budgets', 'navBudgets');
/** Staff work on budgeting rounds here: setup and edits (managers), feasibility review and paper ballots (officers). */
const budgetRounds = item('/budgets/manage', 'navBudgetRounds');
/** The participation legs, open to everyone (staff work on them from their pages). */
const participation = [petitions, consultations, budgets];

type Who = Pick<User, 'role' | 'helper' | 'oversees'>;

export function menuFor(u: Who | null): MenuItem[] {
  if (!u) return [...participation, accountability, item('/login', 'navLogin')];
  switch (u.role) {
    case 'citizen':
      return [item('/cases/new', 'navNewCase'), item('/cases', 'navMyCases'), ...(u.helper ? [assisted] : []), ...participation, myComments, accountability, notifications, account];
    case 'officer':
      return u.oversees
        ? [escalations, dashboard, inbox, ...participation, petitionResponses, budgetRounds, accountability, notifications, account]
        : [inbox, assisted, ...participation, petitionResponses, budgetRounds, accountability, notifications, account];
    case 'supervisor':
      return [inbox, dashboard, escalations, ...participation, petitionResponses, budgetRounds, accountability, notifications, account];
    case 'manager':
      return [dashboard, escalations, ...participation, petitionReview, budgetRounds, accountability, notifications, account];
    case 'admin':
      return [item('/admin', 'navAdmin'), dashboard, escalations, ...participation, petitionReview, budgetRounds, accountability, notifications, account];
  }
}

/** The page a role starts on: its daily work, never an empty home page. */
export function landingPath(u: Who): string {
  switch (u.role) {
    case 'citizen':
      return '/cases';
    case 'officer':
      return u.oversees ? '/escalations' : '/inbox';
    case 'supervisor':
      return '/inbox';
    case 'manager':
      return '/dashboard';
    case 'admin':
      return '/admin';
  }
}
