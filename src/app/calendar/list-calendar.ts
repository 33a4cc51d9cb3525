import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

export async function listCalendar(deps: AppDeps, input: { actor: Actor; year?: number | undefined }) {
  requirePermission(input.actor, 'calendar.read');
  const repos = createRepositories(deps.db);
  const [years, days] = await Promise.all([repos.calendar.listYears(), repos.calendar.listDays(input.year)]);
  return { years, days };
}
