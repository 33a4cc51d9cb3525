import type { RequestListView } from '../../contract/disclosure-request-api.ts';
import { type Actor, agencyScopeOf } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { toSummaryView } from './request-view.ts';

/** The requests the actor may see: their agency's, or a supervisor's whole subtree. */
export async function listRequests(
  deps: AppDeps,
  input: {
    actor: Actor;
    agencyId?: string | undefined;
    statuses?: string[] | undefined;
    openOnly?: boolean | undefined;
    mine?: boolean | undefined;
    search?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<RequestListView> {
  const { actor } = input;
  requirePermission(actor, 'case.read');
  const repos = createRepositories(deps.db);
  if (input.agencyId) await requireAgencyInScope(repos, actor, input.agencyId);
  const { rows, total } = await repos.disclosureRequests.list({
    scope: agencyScopeOf(actor.roles, actor.agencyId),
    agencyId: input.agencyId,
    statuses: input.statuses,
    openOnly: input.openOnly,
    assignedStaffId: input.mine ? actor.staffId : undefined,
    search: input.search,
    limit: input.limit,
    offset: input.offset,
  });
  return { rows: rows.map(toSummaryView), total };
}
