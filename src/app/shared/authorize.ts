import { DomainError } from '../../core/shared/domain-error.ts';
import { type Actor, agencyScopeOf, hasPermission, type Permission } from '../../core/staff/index.ts';
import type { Repositories } from '../../db/repositories/index.ts';

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor.roles, permission)) throw new DomainError('forbidden');
}

/**
 * The agency check every use case on agency data makes. An agency outside the actor's scope is
 * reported as not found, so that ids of other agencies' records reveal nothing.
 */
export async function requireAgencyInScope(
  repos: Repositories,
  actor: Actor,
  agencyId: string,
): Promise<void> {
  const inScope = await repos.agencies.isInScope(agencyScopeOf(actor.roles, actor.agencyId), agencyId);
  if (!inScope) throw new DomainError('not_found');
}

export function actorLabel(actor: Actor): string {
  return `${actor.displayName}（${actor.username}）`;
}
