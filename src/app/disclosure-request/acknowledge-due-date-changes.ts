import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

/** A handler marks the moved due dates of their agency as seen; they leave the dashboard. */
export async function acknowledgeDueDateChanges(
  deps: AppDeps,
  input: { actor: Actor; ids: number[] },
): Promise<{ acknowledged: number }> {
  const { actor } = input;
  requirePermission(actor, 'case.handle');
  return inTransaction(deps.db, async (repos) => {
    const acknowledged = await repos.disclosureRequests.acknowledgeDueDateChanges(
      actor.agencyId,
      actor.staffId,
      input.ids,
    );
    if (acknowledged > 0) {
      await repos.auditLog.append({
        actorStaffId: actor.staffId,
        actorLabel: actorLabel(actor),
        agencyId: actor.agencyId,
        action: 'disclosure_request.due_date_changes_acknowledged',
        entityType: 'due_date_change',
        entityId: null,
        newValue: { ids: input.ids, acknowledged },
      });
    }
    return { acknowledged };
  });
}
