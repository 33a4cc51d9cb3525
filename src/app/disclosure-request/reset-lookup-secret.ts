import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { isHandlerOf } from './get-request.ts';
import { requireRequest } from './request-access.ts';
import { generateLookupSecret, hashLookupSecret } from './request-fold.ts';

/**
 * A new 查询码 for an applicant who lost theirs (after the handler has checked who is asking); the old
 * one stops working. Shown once, like the first.
 */
export async function resetLookupSecret(
  deps: AppDeps,
  input: { actor: Actor; requestId: string },
): Promise<{ trackingCode: string; secret: string }> {
  const { actor } = input;
  requirePermission(actor, 'case.handle');
  return inTransaction(deps.db, async (repos) => {
    const record = await requireRequest(repos, actor, input.requestId);
    if (!isHandlerOf(actor, record.agencyId)) throw new DomainError('forbidden');
    const secret = generateLookupSecret();
    await repos.disclosureRequests.setLookupSecretHash(
      record.id,
      hashLookupSecret(record.trackingCode, secret),
    );
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: record.agencyId,
      action: 'disclosure_request.lookup_secret_reset',
      entityType: 'disclosure_request',
      entityId: record.id,
    });
    return { trackingCode: record.trackingCode, secret };
  });
}
