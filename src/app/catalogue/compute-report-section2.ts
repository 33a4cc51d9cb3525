import { computeSection2, type Section2Feed } from '../../core/catalogue/index.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { type Actor, hasPermission } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';

/**
 * Section 二 of an agency's annual report for a year, computed from the catalogue, the decisions and
 * the fee records — never typed — with, for every cell, what is behind it (entry or fee ids, or the
 * decision filter). For the annual report (report.read) and the catalogue console (catalogue.read).
 */
export async function computeReportSection2(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string; year: number },
): Promise<Section2Feed & { agencyId: string }> {
  const { actor } = input;
  if (!hasPermission(actor.roles, 'report.read') && !hasPermission(actor.roles, 'catalogue.read')) {
    throw new DomainError('forbidden');
  }
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, actor, input.agencyId);
  const facts = await repos.catalogueReport.section2Facts(input.agencyId, input.year);
  return { agencyId: input.agencyId, ...computeSection2(facts) };
}
