import { DomainError } from '../../core/shared/domain-error.ts';
import { type Actor, checkPasswordStrength } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { hashPassword, verifyPassword } from '../shared/password.ts';

export async function changeOwnPassword(
  deps: AppDeps,
  input: { actor: Actor; currentPassword: string; newPassword: string },
): Promise<void> {
  const weakness = checkPasswordStrength(input.newPassword, input.actor.username);
  if (weakness) throw new DomainError('password_too_weak', weakness);
  await inTransaction(deps.db, async (repos) => {
    const staff = await repos.staff.findCredentialsByUsername(input.actor.username);
    if (!staff || !(await verifyPassword(input.currentPassword, staff.passwordHash))) {
      throw new DomainError('login_failed', '当前密码不正确');
    }
    await repos.staff.setPassword(staff.id, await hashPassword(input.newPassword));
    await repos.auditLog.append({
      actorStaffId: input.actor.staffId,
      actorLabel: actorLabel(input.actor),
      agencyId: input.actor.agencyId,
      action: 'staff.password_changed',
      entityType: 'staff',
      entityId: staff.id,
    });
  });
}
