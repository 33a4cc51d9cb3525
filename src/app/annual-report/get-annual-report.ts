import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import type { Actor } from '../../core/staff/index.ts';
import { createRepositories } from '../../db/repositories/index.ts';
import { requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadReportFor } from './report-access.ts';
import { toReportView } from './report-view.ts';

export async function getAnnualReport(
  deps: AppDeps,
  input: { actor: Actor; reportId: string },
): Promise<AnnualReportView> {
  requirePermission(input.actor, 'report.read');
  const repos = createRepositories(deps.db);
  const { report, agency, access } = await loadReportFor(repos, input.actor, input.reportId);
  return toReportView(repos, input.actor, report, agency, access);
}
