import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadReportFor, requireAction } from './report-access.ts';
import { requireReleasable, toReportView } from './report-view.ts';

/**
 * Sends a draft (or a returned report) to the supervising office. Refused while a cell is blank or a
 * rule finds an error (R6/R7 against last year's report when the system has it). Locks the report.
 */
export async function submitAnnualReport(
  deps: AppDeps,
  input: { actor: Actor; reportId: string; version: number },
): Promise<AnnualReportView> {
  const { actor } = input;
  requirePermission(actor, 'report.submit');
  return inTransaction(deps.db, async (repos) => {
    const { report, agency, access } = await loadReportFor(repos, actor, input.reportId);
    requireAction(actor, report, agency, access, 'submit');
    if (report.version !== input.version) throw new DomainError('conflict');
    const previous = await repos.annualReports.findByAgencyAndYear(agency.id, report.year - 1);
    requireReleasable(report, agency, previous, '报送');
    const updated = await repos.annualReports.update(report.id, input.version, {
      status: 'submitted',
      submittedAt: deps.clock.now(),
      submittedBy: actor.staffId,
    });
    if (!updated) throw new DomainError('conflict');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: agency.id,
      action: 'annual_report.submitted',
      entityType: 'annual_report',
      entityId: report.id,
      oldValue: { status: report.status },
      newValue: { status: updated.status, version: updated.version },
    });
    return toReportView(repos, actor, updated, agency, access);
  });
}
