import { describe, expect, it } from 'vitest';
import { landingPath, menuFor } from '../../web-components/src/platform/role-menu';

const who = (role: 'citizen' | 'officer' | 'supervisor' | 'manager' | 'admin', extra: { helper?: boolean; oversees?: boolean } = {}) => ({
  role,
  helper: extra.helper ?? false,
  oversees: extra.oversees ?? false,
});
const hrefs = (u: ReturnType<typeof who> | null) => menuFor(u).map((m) => m.href);

describe('staff land on their work, menus show what the role can use', () => {
  it('each role lands on its own page', () => {
    expect(landingPath(who('citizen'))).toBe('/cases');
    expect(landingPath(who('officer'))).toBe('/inbox');
    expect(landingPath(who('officer', { oversees: true }))).toBe('/escalations');
    expect(landingPath(who('supervisor'))).toBe('/inbox');
    expect(landingPath(who('manager'))).toBe('/dashboard');
    expect(landingPath(who('admin'))).toBe('/admin');
  });

  it('supervisors and oversight officers do not file for others; counter officers and helpers do', () => {
    expect(hrefs(who('supervisor'))).not.toContain('/assisted');
    expect(hrefs(who('officer', { oversees: true }))).not.toContain('/assisted');
    expect(hrefs(who('officer'))).toContain('/assisted');
    expect(hrefs(who('citizen', { helper: true }))).toContain('/assisted');
    expect(hrefs(who('citizen'))).not.toContain('/assisted');
  });

  it('the dashboard and escalations only for those who may watch them', () => {
    expect(hrefs(who('officer'))).not.toContain('/dashboard');
    expect(hrefs(who('officer'))).not.toContain('/escalations');
    for (const u of [who('supervisor'), who('officer', { oversees: true }), who('manager'), who('admin')]) {
      expect(hrefs(u)).toEqual(expect.arrayContaining(['/dashboard', '/escalations']));
    }
    expect(hrefs(who('manager'))).not.toContain('/inbox');
    expect(hrefs(who('admin'))[0]).toBe('/admin');
    expect(hrefs(null)).toEqual(['/petitions', '/consultations', '/budgets', '/accountability', '/login']);
    expect(hrefs(who('citizen'))).toContain('/consultations/my-comments');
    expect(hrefs(who('officer'))).not.toContain('/consultations/my-comments');
    for (const u of [who('citizen'), who('officer'), who('manager'), who('admin')]) expect(hrefs(u)).toContain('/account');
  });

  it('the budget rounds workspace for staff, never for citizens or visitors', () => {
    for (const u of [who('officer'), who('officer', { oversees: true }), who('supervisor'), who('manager'), who('admin')]) {
      expect(hrefs(u)).toContain('/budgets/manage');
    }
    expect(hrefs(who('citizen'))).not.toContain('/budgets/manage');
    expect(hrefs(who('citizen', { helper: true }))).not.toContain('/budgets/manage');
    expect(hrefs(null)).not.toContain('/budgets/manage');
  });

  it('every landing page is in the role’s menu (or is the citizen’s own cases)', () => {
    for (const u of [who('citizen'), who('officer'), who('officer', { oversees: true }), who('supervisor'), who('manager'), who('admin')]) {
      expect(hrefs(u)).toContain(landingPath(u));
    }
  });
});
