import type { AnnualReportSummary } from '../../contract/annual-report-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requireAgencyInScope, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { toReportSummary } from './report-view.ts';

/** An agency's reports, newest year first, each with its rule findings counted. */
export async function listAnnualReports(
  deps: AppDeps,
  input: { actor: Actor; agencyId: string },
): Promise<AnnualReportSummary[]> {
  requirePermission(input.actor, 'report.read');
  const repos = createRepositories(deps.db);
  await requireAgencyInScope(repos, input.actor, input.agencyId);
  const agency = await repos.agencies.findById(input.agencyId);
  if (!agency) throw new DomainError('not_found');
  const reports = await repos.annualReports.listByAgency(agency.id);
  const byYear = new Map(reports.map((r) => [r.year, r]));
  return reports.map((r) => toReportSummary(r, agency, byYear.get(r.year - 1)));
}
