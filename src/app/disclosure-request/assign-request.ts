import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { isHandlerOf } from './get-request.ts';
import { requireRequest, withConflictCheck } from './request-access.ts';

/**
 * Who handles the request (承办人) and into how many pieces it was split (109号第四条 一事一申请).
 * Neither is a step of the statutory procedure, so they are row fields with an audit entry, not events.
 */
export async function assignRequest(
  deps: AppDeps,
  input: {
    actor: Actor;
    requestId: string;
    expectedVersion: number;
    assignedStaffId?: string | undefined;
    pieces?: number | undefined;
  },
): Promise<{ version: number }> {
  const { actor } = input;
  requirePermission(actor, 'case.handle');
  return withConflictCheck(deps, input.requestId, () =>
    inTransaction(deps.db, async (repos) => {
      const record = await requireRequest(repos, actor, input.requestId);
      if (!isHandlerOf(actor, record.agencyId))
        throw new DomainError('forbidden', '只有本机关的承办人、审核人可以分配申请');
      if (input.assignedStaffId) {
        const staff = await repos.staff.findById(input.assignedStaffId);
        if (
          !staff ||
          staff.agencyId !== record.agencyId ||
          !staff.isActive ||
          !staff.roles.some((r) => r === 'clerk' || r === 'reviewer')
        ) {
          throw new DomainError('validation_failed', '承办人应为本机关在职的承办人或审核人');
        }
      }
      const version = await repos.disclosureRequests.updateFields(record.id, input.expectedVersion, {
        ...(input.assignedStaffId ? { assignedStaffId: input.assignedStaffId } : {}),
        ...(input.pieces ? { pieces: input.pieces } : {}),
      });
      if (version === undefined) throw new DomainError('conflict');
      await repos.auditLog.append({
        actorStaffId: actor.staffId,
        actorLabel: actorLabel(actor),
        agencyId: record.agencyId,
        action: 'disclosure_request.assigned',
        entityType: 'disclosure_request',
        entityId: record.id,
        oldValue: { assignedStaffId: record.assignedStaffId, pieces: record.pieces },
        newValue: {
          assignedStaffId: input.assignedStaffId ?? record.assignedStaffId,
          pieces: input.pieces ?? record.pieces,
        },
      });
      return { version };
    }),
  );
}
