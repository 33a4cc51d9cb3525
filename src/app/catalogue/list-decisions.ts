import type { DecisionKind } from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import type { DecisionListItem } from '../../db/repositories/decision.repository.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

export interface DecisionQuery {
  agencyId: string;
  kind?: DecisionKind | undefined;
  year?: number | undefined;
  decidedFrom?: string | undefined;
  decidedTo?: string | undefined;
  matterCategory?: string | undefined;
  text?: string | undefined;
  page: number;
  pageSize: number;
}

/** The console's list of an agency's decisions (also the drill-down of section 二's counts). */
export async function listDecisions(deps: AppDeps, input: { actor: Actor } & DecisionQuery) {
  requirePermission(input.actor, 'catalogue.read');
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, input.actor, input.agencyId);
  return queryDecisions(deps, input);
}

export async function queryDecisions(deps: AppDeps, input: DecisionQuery) {
  const repos = createRepositories(deps.db);
  const from = input.decidedFrom ?? (input.year ? `${input.year}-01-01` : undefined);
  const to = input.decidedTo ?? (input.year ? `${input.year}-12-31` : undefined);
  const [list, categories] = await Promise.all([
    repos.decisions.list({
      agencyId: input.agencyId,
      kind: input.kind,
      decidedFrom: from,
      decidedTo: to,
      matterCategory: input.matterCategory,
      text: input.text,
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    }),
    repos.decisions.countByCategory(input.agencyId, from ?? '1900-01-01', to ?? '2999-12-31'),
  ]);
  return { ...list, categories };
}

export async function getDecision(
  deps: AppDeps,
  input: { actor: Actor; decisionId: string },
): Promise<DecisionListItem> {
  requirePermission(input.actor, 'catalogue.read');
  const repos = createRepositories(deps.db);
  const decision = await repos.decisions.findById(input.decisionId);
  if (!decision) throw new DomainError('not_found', '决定不存在');
  await requireAgencyInScope(repos, input.actor, decision.agencyId);
  return decision;
}
