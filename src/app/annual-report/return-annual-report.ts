import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadReportFor, requireAction } from './report-access.ts';
import { toReportView } from './report-view.ts';

/** The supervising office sends a submitted (or accepted, unpublished) report back, with the reason. */
export async function returnAnnualReport(
  deps: AppDeps,
  input: { actor: Actor; reportId: string; version: number; reason: string },
): Promise<AnnualReportView> {
  const { actor } = input;
  requirePermission(actor, 'report.review');
  const reason = input.reason.trim();
  if (reason.length < 2) throw new DomainError('validation_failed', '请填写退回原因');
  return inTransaction(deps.db, async (repos) => {
    const { report, agency, access } = await loadReportFor(repos, actor, input.reportId);
    requireAction(actor, report, agency, access, 'return');
    if (report.version !== input.version) throw new DomainError('conflict');
    const updated = await repos.annualReports.update(report.id, input.version, {
      status: 'returned',
      returnReason: reason,
      returnedAt: deps.clock.now(),
      returnedBy: actor.staffId,
      acceptedAt: null,
      acceptedBy: null,
    });
    if (!updated) throw new DomainError('conflict');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: agency.id,
      action: 'annual_report.returned',
      entityType: 'annual_report',
      entityId: report.id,
      oldValue: { status: report.status },
      newValue: { status: updated.status, reason, version: updated.version },
    });
    return toReportView(repos, actor, updated, agency, access);
  });
}
