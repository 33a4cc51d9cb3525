import type { AnnualReportSummary } from '../../contract/annual-report-api.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { accessTo } from './report-access.ts';
import { toReportSummary } from './report-view.ts';

/** Reports waiting for the actor's review: submitted by an agency the actor supervises. */
export async function listReportsForReview(
  deps: AppDeps,
  input: { actor: Actor },
): Promise<AnnualReportSummary[]> {
  requirePermission(input.actor, 'report.review');
  const repos = createRepositories(deps.db);
  const reports = await repos.annualReports.listByStatusBelow(input.actor.agencyId, ['submitted']);
  const out: AnnualReportSummary[] = [];
  for (const report of reports) {
    const agency = await repos.agencies.findById(report.agencyId);
    if (!agency || !(await accessTo(repos, input.actor, agency)).isSupervising) continue;
    const previous = await repos.annualReports.findByAgencyAndYear(agency.id, report.year - 1);
    out.push(toReportSummary(report, agency, previous));
  }
  return out;
}
