import type { StaffInput, StaffView } from '../../contract/staff.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { type Actor, canGrantRoles, checkPasswordStrength } from '../../core/staff/index.ts';
import { inTransaction, isUniqueViolation } from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { hashPassword } from '../shared/password.ts';
import { auditableStaff, toStaffView } from './staff-view.ts';

export async function createStaff(
  deps: AppDeps,
  input: { actor: Actor; staff: StaffInput },
): Promise<StaffView> {
  const { actor, staff } = input;
  requirePermission(actor, 'staff.manage');
  if (!canGrantRoles(actor.roles, staff.roles)) throw new DomainError('forbidden', '您不能授予所选角色');
  const weakness = checkPasswordStrength(staff.password, staff.username);
  if (weakness) throw new DomainError('password_too_weak', weakness);
  const passwordHash = await hashPassword(staff.password);
  try {
    return await inTransaction(deps.db, async (repos) => {
      await requireAgencyInScope(repos, actor, staff.agencyId);
      const created = await repos.staff.insert({
        agencyId: staff.agencyId,
        username: staff.username,
        displayName: staff.displayName,
        passwordHash,
        roles: staff.roles,
        phone: staff.phone ?? null,
      });
      await repos.auditLog.append({
        actorStaffId: actor.staffId,
        actorLabel: actorLabel(actor),
        agencyId: staff.agencyId,
        action: 'staff.created',
        entityType: 'staff',
        entityId: created.id,
        newValue: auditableStaff(created),
      });
      return toStaffView(created, deps.clock.now());
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('duplicate', `用户名“${staff.username}”已被使用`);
    throw error;
  }
}
