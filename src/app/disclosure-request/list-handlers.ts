import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

/** The active 承办人 and 审核人 of the actor's agency, to assign a request to. */
export async function listHandlers(
  deps: AppDeps,
  input: { actor: Actor },
): Promise<{ id: string; displayName: string; roles: string[] }[]> {
  requirePermission(input.actor, 'case.read');
  const rows = await createRepositories(deps.db).staff.listInScope(
    { kind: 'own', agencyId: input.actor.agencyId },
    input.actor.agencyId,
  );
  return rows
    .filter((s) => s.isActive && s.roles.some((r) => r === 'clerk' || r === 'reviewer'))
    .map((s) => ({ id: s.id, displayName: s.displayName, roles: s.roles }));
}
