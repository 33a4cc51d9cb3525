import { type Actor, agencyScopeOf } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

export async function listAuditLog(
  deps: AppDeps,
  input: { actor: Actor; entityType?: string; entityId?: string; page: number; pageSize: number },
) {
  requirePermission(input.actor, 'audit.read');
  return createRepositories(deps.db).auditLog.list({
    scope: agencyScopeOf(input.actor.roles, input.actor.agencyId),
    ...(input.entityType ? { entityType: input.entityType } : {}),
    ...(input.entityId ? { entityId: input.entityId } : {}),
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
}
