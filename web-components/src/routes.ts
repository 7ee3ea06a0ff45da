/**
 * The only module that imports @vaadin/router: routes, lazy-loaded pages and sign-in guards.
 */
import { type Commands, type Context, Router } from '@vaadin/router';
import { loadSession, rememberAfterSignIn } from './platform/session';

type Role = 'citizen' | 'officer' | 'supervisor' | 'manager' | 'admin';

/** Loads the page module; for protected pages, sends signed-out visitors to /login first. */
function page(load: () => Promise<unknown>, roles?: Role[]) {
  return async (context: Context, commands: Commands) => {
    if (roles) {
      const user = await loadSession().catch(() => null);
      if (!user) {
        rememberAfterSignIn(context.pathname);
        return commands.redirect('/login');
      }
      if (!roles.includes(user.role)) return commands.redirect('/');
    }
    await load();
    return undefined;
  };
}

const staff: Role[] = ['officer', 'supervisor'];
const anyone: Role[] = ['citizen', 'officer', 'supervisor', 'manager', 'admin'];

export function startRouter(outlet: HTMLElement): Router {
  const router = new Router(outlet);
  void router.setRoutes([
    { path: '/', component: 'home-page', action: page(() => import('./platform/home-page')) },
    { path: '/login', component: 'login-page', action: page(() => import('./platform/login-page')) },
    { path: '/claim', component: 'claim-page', action: page(() => import('./platform/claim-page')) },
    { path: '/register', component: 'register-page', action: page(() => import('./platform/register-page')) },
    { path: '/register/confirm', component: 'register-confirm-page', action: page(() => import('./platform/register-confirm-page')) },
    { path: '/forgot-password', component: 'forgot-password-page', action: page(() => import('./platform/forgot-password-page')) },
    { path: '/reset-password', component: 'reset-password-page', action: page(() => import('./platform/reset-password-page')) },
    { path: '/cases/new', component: 'case-new-page', action: page(() => import('./cases/case-new-page'), ['citizen']) },
    { path: '/cases', component: 'my-cases-page', action: page(() => import('./cases/my-cases-page'), ['citizen']) },
    { path: '/cases/:id', component: 'case-page', action: page(() => import('./cases/case-page'), anyone) },
    { path: '/inbox', component: 'inbox-page', action: page(() => import('./cases/inbox-page'), staff) },
    // Counter officers and registered helpers (the API refuses citizens who are not helpers and oversight officers).
    { path: '/assisted', component: 'assisted-case-page', action: page(() => import('./cases/assisted-case-page'), ['citizen', 'officer']) },
    { path: '/notifications', component: 'notifications-page', action: page(() => import('./platform/notifications-page'), anyone) },
    // The API decides the scope, and refuses officers outside an oversight unit (the page says so).
    { path: '/dashboard', component: 'dashboard-page', action: page(() => import('./dashboard/dashboard-page'), [...staff, 'manager', 'admin']) },
    { path: '/escalations', component: 'escalations-page', action: page(() => import('./dashboard/escalations-page'), [...staff, 'manager', 'admin']) },
    { path: '/account', component: 'account-page', action: page(() => import('./platform/account-page'), anyone) },
    { path: '/admin', component: 'admin-page', action: page(() => import('./platform/admin-page'), ['admin']) },
    { path: '/verify-email', component: 'verify-email-page', action: page(() => import('./platform/verify-email-page')) },
    { path: '/petitions', component: 'petitions-page', action: page(() => import('./petitions/petitions-page')) },
    { path: '/petitions/overdue', component: 'petitions-page', action: page(() => import('./petitions/petitions-page')) },
    { path: '/petitions/new', component: 'petition-new-page', action: page(() => import('./petitions/petition-new-page'), ['citizen']) },
    { path: '/petitions/review', component: 'petition-queue-page', action: page(() => import('./petitions/petition-queue-page'), ['manager', 'admin']) },
    { path: '/petitions/responses', component: 'petition-queue-page', action: page(() => import('./petitions/petition-queue-page'), [...staff, 'manager', 'admin']) },
    // Opened from the endorsement confirmation e-mail; only its button's POST confirms.
    { path: '/petitions/confirm', component: 'petition-confirm-page', action: page(() => import('./petitions/petition-confirm-page')) },
    { path: '/petitions/oversight', component: 'petition-oversight-page', action: page(() => import('./petitions/petition-oversight-page'), ['manager', 'admin']) },
    { path: '/petitions/accountability', component: 'petition-accountability-page', action: page(() => import('./petitions/petition-accountability-page')) },
    { path: '/petitions/:id', component: 'petition-page', action: page(() => import('./petitions/petition-page')) },
    { path: '/accountability', component: 'accountability-page', action: page(() => import('./dashboard/accountability-page')) },
    { path: '/consultations', component: 'consultations-page', action: page(() => import('./consultations/consultations-page')) },
    { path: '/consultations/new', component: 'consultation-new-page', action: page(() => import('./consultations/consultation-new-page'), staff) },
    { path: '/consultations/my-comments', component: 'my-consultation-comments-page', action: page(() => import('./consultations/my-consultation-comments-page'), ['citizen']) },
    { path: '/consultations/:id/workspace', component: 'consultation-workspace-page', action: page(() => import('./consultations/consultation-workspace-page'), staff) },
    { path: '/consultations/:id/report', component: 'consultation-report-page', action: page(() => import('./consultations/consultation-report-page')) },
    { path: '/consultations/:id', component: 'consultation-page', action: page(() => import('./consultations/consultation-page')) },
    { path: '/budgets', component: 'budgets-page', action: page(() => import('./budgets/budgets-page')) },
    // The API decides again: managers create and edit rounds, staff review, counter staff enter paper ballots.
    { path: '/budgets/manage', component: 'budget-rounds-workspace-page', action: page(() => import('./budgets/budget-rounds-workspace-page'), [...staff, 'manager', 'admin']) },
    { path: '/budgets/manage/new', component: 'budget-round-form-page', action: page(() => import('./budgets/budget-round-form-page'), ['manager', 'admin']) },
    { path: '/budgets/:id/manage', component: 'budget-round-workspace-page', action: page(() => import('./budgets/budget-round-workspace-page'), [...staff, 'manager', 'admin']) },
    { path: '/budgets/:id/edit', component: 'budget-round-form-page', action: page(() => import('./budgets/budget-round-form-page'), ['manager', 'admin']) },
    { path: '/budgets/:id/paper', component: 'budget-paper-ballot-page', action: page(() => import('./budgets/budget-paper-ballot-page'), staff) },
    { path: '/budgets/:id', component: 'budget-round-page', action: page(() => import('./budgets/budget-round-page')) },
    { path: '(.*)', component: 'not-found-page', action: page(() => import('./platform/not-found-page')) },
  ]);
  return router;
}
