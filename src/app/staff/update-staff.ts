import type { StaffUpdate, StaffView } from '../../contract/staff.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { type Actor, canGrantRoles, checkPasswordStrength } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { hashPassword } from '../shared/password.ts';
import { auditableStaff, toStaffView } from './staff-view.ts';

export async function updateStaff(
  deps: AppDeps,
  input: { actor: Actor; staffId: string; changes: StaffUpdate },
): Promise<StaffView> {
  const { actor, staffId, changes } = input;
  requirePermission(actor, 'staff.manage');
  if (changes.roles && !canGrantRoles(actor.roles, changes.roles)) {
    throw new DomainError('forbidden', '您不能授予所选角色');
  }
  if (staffId === actor.staffId && (changes.isActive === false || changes.roles)) {
    throw new DomainError('forbidden', '不能停用自己的账号或修改自己的角色');
  }
  return inTransaction(deps.db, async (repos) => {
    const before = await repos.staff.findById(staffId);
    if (!before) throw new DomainError('not_found');
    await requireAgencyInScope(repos, actor, before.agencyId);
    if (!canGrantRoles(actor.roles, before.roles)) throw new DomainError('forbidden', '您不能修改该账号');
    const { version, ...fields } = changes;
    const after = await repos.staff.update(staffId, version, fields);
    if (!after) throw new DomainError('conflict');
    if (fields.isActive === false) await repos.sessions.deleteForStaff(staffId);
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: before.agencyId,
      action: 'staff.updated',
      entityType: 'staff',
      entityId: staffId,
      oldValue: auditableStaff(before),
      newValue: auditableStaff(after),
    });
    return toStaffView(after, deps.clock.now());
  });
}

/** An admin sets a new password for someone else; their sessions end and any lock is lifted. */
export async function resetStaffPassword(
  deps: AppDeps,
  input: { actor: Actor; staffId: string; newPassword: string },
): Promise<void> {
  const { actor, staffId } = input;
  requirePermission(actor, 'staff.manage');
  await inTransaction(deps.db, async (repos) => {
    const staff = await repos.staff.findById(staffId);
    if (!staff) throw new DomainError('not_found');
    await requireAgencyInScope(repos, actor, staff.agencyId);
    if (!canGrantRoles(actor.roles, staff.roles)) throw new DomainError('forbidden', '您不能修改该账号');
    const weakness = checkPasswordStrength(input.newPassword, staff.username);
    if (weakness) throw new DomainError('password_too_weak', weakness);
    await repos.staff.setPassword(staffId, await hashPassword(input.newPassword));
    await repos.sessions.deleteForStaff(staffId);
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: staff.agencyId,
      action: 'staff.password_reset',
      entityType: 'staff',
      entityId: staffId,
    });
  });
}
