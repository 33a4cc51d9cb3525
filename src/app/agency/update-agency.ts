import type { AgencyUpdate } from '../../contract/agency.ts';
import { type Agency, isValidParentLevel } from '../../core/agency/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { classifyAgencyCode } from '../../core/shared/identity-codes.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction, isUniqueViolation } from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { markAgenciesChanged } from './get-public-agency.ts';

/** Agency admins edit their own agency's record (the 指南 is built from it); system admins any. */
export async function updateAgency(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; changes: AgencyUpdate },
): Promise<Agency> {
  const { actor, agencyId, changes } = input;
  requirePermission(actor, 'agency.manage');
  const { version, ...fields } = changes;
  const isSystemAdmin = actor.roles.includes('system_admin');
  // Identity and place in the tree are the system admin's: an agency cannot move itself.
  if (
    !isSystemAdmin &&
    (fields.code !== undefined || fields.parentId !== undefined || fields.level !== undefined)
  ) {
    throw new DomainError('forbidden', '机关代码、层级和上级机关只能由系统管理员修改');
  }
  try {
    const result = await inTransaction(deps.db, async (repos) => {
      await requireAgencyInScope(repos, actor, agencyId);
      const before = await repos.agencies.findById(agencyId);
      if (!before) throw new DomainError('not_found');
      const codeKind = fields.code ? classifyAgencyCode(fields.code) : before.codeKind;
      if (!codeKind) throw new DomainError('agency_code_invalid');
      if (fields.parentId !== undefined && fields.parentId !== null) {
        if (fields.parentId === agencyId) throw new DomainError('agency_parent_invalid');
        const descendants = await repos.agencies.listInScope({ kind: 'subtree', rootAgencyId: agencyId });
        if (descendants.some((a) => a.id === fields.parentId)) {
          throw new DomainError('agency_parent_invalid', '不能把下级机关设为上级机关');
        }
        const parent = await repos.agencies.findById(fields.parentId);
        if (!parent || !isValidParentLevel(parent.level, fields.level ?? before.level)) {
          throw new DomainError('agency_parent_invalid');
        }
      }
      const after = await repos.agencies.update(agencyId, version, { ...fields, codeKind });
      if (!after) throw new DomainError('conflict');
      await repos.auditLog.append({
        actorStaffId: actor.staffId,
        actorLabel: actorLabel(actor),
        agencyId,
        action: 'agency.updated',
        entityType: 'agency',
        entityId: agencyId,
        oldValue: before,
        newValue: after,
      });
      return after;
    });
    markAgenciesChanged();
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('duplicate', '已存在相同代码或名称的机关');
    throw error;
  }
}
