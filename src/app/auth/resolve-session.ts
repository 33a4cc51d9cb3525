import { type Actor, SESSION_IDLE_HOURS, type StaffRole } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import type { AppDeps } from '../shared/deps.ts';
import { hashSessionToken } from './log-in.ts';

/** Sliding expiry, written at most once a minute per session to spare the database. */
const TOUCH_INTERVAL_MS = 60_000;

export async function resolveSession(
  deps: AppDeps,
  sessionToken: string,
): Promise<{ actor: Actor; csrfToken: string; sessionId: string } | null> {
  const repos = createRepositories(deps.db);
  const now = deps.clock.now();
  const id = hashSessionToken(sessionToken);
  const session = await repos.sessions.findActive(id, now);
  if (!session?.isActive) return null;
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_INTERVAL_MS) {
    await repos.sessions.touch(id, now, new Date(now.getTime() + SESSION_IDLE_HOURS * 3_600_000));
  }
  return {
    sessionId: id,
    csrfToken: session.csrfToken,
    actor: {
      staffId: session.staffId,
      username: session.username,
      displayName: session.displayName,
      agencyId: session.agencyId,
      roles: session.roles as StaffRole[],
    },
  };
}
