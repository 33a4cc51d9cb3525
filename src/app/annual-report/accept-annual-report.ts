import type { AnnualReportView } from '../../contract/annual-report-api.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { Actor } from '../../core/staff/index.ts';
import { inTransaction } from '../../db/repositories/index.ts';
import { actorLabel, requirePermission } from '../shared/authorize.ts';
import type { AppDeps } from '../shared/deps.ts';
import { loadReportFor, requireAction } from './report-access.ts';
import { toReportView } from './report-view.ts';

/** The supervising office accepts a submitted report; its agency may then publish it. */
export async function acceptAnnualReport(
  deps: AppDeps,
  input: { actor: Actor; reportId: string; version: number },
): Promise<AnnualReportView> {
  const { actor } = input;
  requirePermission(actor, 'report.review');
  return inTransaction(deps.db, async (repos) => {
    const { report, agency, access } = await loadReportFor(repos, actor, input.reportId);
    requireAction(actor, report, agency, access, 'accept');
    if (report.version !== input.version) throw new DomainError('conflict');
    const updated = await repos.annualReports.update(report.id, input.version, {
      status: 'accepted',
      acceptedAt: deps.clock.now(),
      acceptedBy: actor.staffId,
      returnReason: null,
    });
    if (!updated) throw new DomainError('conflict');
    await repos.auditLog.append({
      actorStaffId: actor.staffId,
      actorLabel: actorLabel(actor),
      agencyId: agency.id,
      action: 'annual_report.accepted',
      entityType: 'annual_report',
      entityId: report.id,
      oldValue: { status: report.status },
      newValue: { status: updated.status, version: updated.version },
    });
    return toReportView(repos, actor, updated, agency, access);
  });
}
