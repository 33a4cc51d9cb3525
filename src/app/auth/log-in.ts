import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../core/shared/domain-error.ts';
import {
  type Actor,
  LOGIN_LOCK_MINUTES,
  LOGIN_MAX_FAILURES,
  SESSION_IDLE_HOURS,
} from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../shared/password.ts';

export interface LogInResult {
  sessionToken: string;
  csrfToken: string;
  actor: Actor;
  expiresAt: Date;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Signs a member of staff in. Wrong passwords are counted; after LOGIN_MAX_FAILURES in a row the
 * account is locked for LOGIN_LOCK_MINUTES. The session row stores only a hash of the token.
 */
export async function logIn(
  deps: AppDeps,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LogInResult> {
  const repos = createRepositories(deps.db);
  const now = deps.clock.now();
  const staff = await repos.staff.findCredentialsByUsername(input.username.trim());
  const passwordOk = await verifyPassword(input.password, staff?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!staff) throw new DomainError('login_failed');
  if (staff.lockedUntil && new Date(staff.lockedUntil) > now) throw new DomainError('account_locked');
  if (!passwordOk) {
    const lockUntil = new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000);
    const { locked } = await repos.staff.recordLoginFailure(staff.id, LOGIN_MAX_FAILURES, lockUntil);
    await repos.auditLog.append({
      actorStaffId: staff.id,
      actorLabel: staff.username,
      agencyId: staff.agencyId,
      action: locked ? 'staff.locked' : 'staff.login_failed',
      entityType: 'staff',
      entityId: staff.id,
      ip: input.ip,
    });
    throw new DomainError(locked ? 'account_locked' : 'login_failed');
  }
  if (!staff.isActive) throw new DomainError('account_disabled');

  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_HOURS * 3_600_000);
  await deps.db.transaction().execute(async (trx) => {
    const tx = createRepositories(trx);
    await tx.staff.recordLoginSuccess(staff.id, now);
    await tx.sessions.insert({
      id: hashSessionToken(sessionToken),
      staffId: staff.id,
      csrfToken,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await tx.auditLog.append({
      actorStaffId: staff.id,
      actorLabel: staff.username,
      agencyId: staff.agencyId,
      action: 'staff.login',
      entityType: 'staff',
      entityId: staff.id,
      ip: input.ip,
    });
  });
  return {
    sessionToken,
    csrfToken,
    expiresAt,
    actor: {
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      agencyId: staff.agencyId,
      roles: staff.roles,
    },
  };
}
