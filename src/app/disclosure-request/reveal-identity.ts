import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { isHandlerOf } from './get-request.ts';
import { requireRequest } from './request-access.ts';

/**
 * The applicant's full identity document number and phone, for the handlers of the agency that holds
 * the request (to verify identity, to call back). Every look is written to the audit log; supervisors
 * and other agencies never see them.
 */
export async function revealIdentity(
  deps: AppDeps,
  input: { actor: Actor; requestId: string },
): Promise<{ identityNumber: string; phone: string }> {
  const { actor } = input;
  requirePermission(actor, 'case.handle');
  return inTransaction(deps.db, async (repos) => {
    const record = await requireRequest(repos, actor, input.requestId);
    if (!isHandlerOf(actor, record.agencyId)) {
      throw new DomainError('forbidden', '只有本机关的承办人、审核人可以查看申请人的完整证件号码和联系电话');
    }
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: record.agencyId,
      action: 'disclosure_request.identity_viewed',
      entityType: 'disclosure_request',
      entityId: record.id,
    });
    return { identityNumber: record.identityNumber, phone: record.phone };
  });
}
