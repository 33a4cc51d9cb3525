import type { Agency } from '../../core/agency/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { type Actor, agencyScopeOf } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

export async function listAgencies(deps: AppDeps, input: { actor: Actor }): Promise<Agency[]> {
  requirePermission(input.actor, 'agency.read');
  const repos = createRepositories(deps.db);
  return repos.agencies.listInScope(agencyScopeOf(input.actor.roles, input.actor.agencyId));
}

export async function getAgency(deps: AppDeps, input: { actor: Actor; agencyId: string }): Promise<Agency> {
  requirePermission(input.actor, 'agency.read');
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, input.actor, input.agencyId);
  const agency = await repos.agencies.findById(input.agencyId);
  if (!agency) throw new DomainError('not_found');
  return agency;
}
