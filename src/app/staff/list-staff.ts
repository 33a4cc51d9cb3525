import type { StaffView } from '../../contract/staff.ts';
import { type Actor, agencyScopeOf } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { toStaffView } from './staff-view.ts';

export async function listStaff(
  deps: AppDeps,
  input: { actor: Actor; agencyId?: string },
): Promise<StaffView[]> {
  requirePermission(input.actor, 'staff.read');
  const repos = createRepositories(deps.db);
  if (input.agencyId) await requireAgencyInScope(repos, input.actor, input.agencyId);
  const rows = await repos.staff.listInScope(
    agencyScopeOf(input.actor.roles, input.actor.agencyId),
    input.agencyId,
  );
  const now = deps.clock.now();
  return rows.map((row) => toStaffView(row, now));
}
