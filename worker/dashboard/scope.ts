/**
 * Which agencies a person may watch on the dashboard: supervisors their agency and its
 * sub-agencies; officers of an oversight (研考) unit the agencies they oversee (with theirs);
 * managers and admins all. Asking for an agency outside that scope is refused.
 */
import { agencyTree, allAgencyIds, overseenAgencies } from './db';
import type { SessionUser } from '../platform/auth/users';
import { fail } from '../platform/problem';

export async function dashboardScope(db: D1Database, user: SessionUser, requested?: string): Promise<string[]> {
  let allowed: string[];
  switch (user.role) {
    case 'manager':
    case 'admin':
      allowed = await allAgencyIds(db);
      break;
    case 'supervisor':
      allowed = await agencyTree(db, [user.agencyId!]);
      break;
    case 'officer': {
      const overseen = await overseenAgencies(db, user.agencyId!);
      if (overseen.length === 0) fail(403, 'forbidden', 'The dashboard is for supervisors, oversight units and managers.');
      allowed = await agencyTree(db, overseen);
      break;
    }
    default:
      fail(403, 'forbidden', 'The dashboard is for supervisors, oversight units and managers.');
  }
  if (!requested) return allowed;
  if (!allowed.includes(requested)) fail(403, 'forbidden', `Agency ${requested} is outside what you oversee.`);
  return (await agencyTree(db, [requested])).filter((id) => allowed.includes(id));
}
